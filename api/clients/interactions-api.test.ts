// Interactions: each employee's calendar for a period, a manager's view of the plans of the
// reports down the chain, completing a planned meeting with its report, the rights around them,
// bad input named by field; and the classification tags' tree with its editors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry, Employee } from '../../domain/entities/index.ts';
import { demoEmail } from '../../infra/db/demo-data.ts';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';

type Interaction = { id: string; status: string; at: string; report: string | null; completedAt: string | null; version: number; employee: { id: string }; client: { id: string } };
type Page = { items: Interaction[]; total: number };
type Problem = { status: number; problems?: { path: string }[]; current?: Interaction };
type Tag = { id: string; name: string; parentId: string | null; path: string[]; depth: number };

let s: TestStack;
const id: Record<string, string> = {};
let clientOf1: string;
let clientOf2: string;
// A week far from the demo data's own interactions, so counts are this file's.
const day = (n: number, hour = 10) => new Date(Date.UTC(2031, 2, 3 + n, hour - 3)).toISOString();
const week = `from=${encodeURIComponent(day(0, 0))}&to=${encodeURIComponent(day(7, 0))}`;

const post = (as: string, body: Record<string, unknown>) => s.call<Interaction & Problem>('POST', '/api/interactions', { as, body });
const patch = (as: string, iid: string, body: Record<string, unknown>) => s.call<Interaction & Problem>('PATCH', `/api/interactions/${iid}`, { as, body });
const get = (as: string, query: string) => s.call<Page>('GET', `/api/interactions?${query}`, { as });

beforeAll(async () => {
  s = await startTestStack();
  for (const key of ['seller1', 'seller2', 'seller3', 'sales.head', 'engineer1', 'director']) id[key] = (await s.em().findOneOrFail(Employee, { email: demoEmail(key) })).id;
  clientOf1 = (await s.call<{ id: string }>('POST', '/api/clients', { as: 'seller1', body: { name: 'Клиент Дмитрия', kind: 'person', contacts: [{ fullName: 'Иван', isPrimary: true }] } })).body.id;
  clientOf2 = (await s.call<{ id: string }>('POST', '/api/clients', { as: 'seller2', body: { name: 'Клиент Елены', kind: 'person' } })).body.id;
  for (const [who, client, n] of [['seller1', clientOf1, 1], ['seller1', clientOf1, 3], ['seller2', clientOf2, 2]] as const) {
    expect((await post(who, { clientId: client, kind: 'meeting', at: day(n), durationMinutes: 60, subject: 'Встреча' })).status).toBe(201);
  }
});
afterAll(async () => s?.close());

describe('the calendar', () => {
  it('shows one employee\'s interactions in a period, in time order', async () => {
    const cal = await get('seller1', `employeeId=${id['seller1']}&${week}`);
    expect(cal.status).toBe(200);
    expect(cal.body.items.map((i) => i.at)).toEqual([day(1), day(3)].map((d) => new Date(d).toISOString()));
    expect(cal.body.total).toBe(2);
    expect((await get('seller1', `employeeId=${id['seller1']}&from=${encodeURIComponent(day(2, 0))}&to=${encodeURIComponent(day(7, 0))}`)).body.total).toBe(1);
  });

  it('gives a manager the plans of the reports down the chain; nobody else\'s', async () => {
    const head = await get('sales.head', `team=true&status=planned&${week}`);
    expect(head.body.items.map((i) => i.employee.id).sort()).toEqual([id['seller1'], id['seller1'], id['seller2']].sort());
    const director = await get('director', `team=true&${week}`);
    expect(director.body.total).toBe(3);
    expect((await get('service.head', `team=true&${week}`)).body.total).toBe(0);
    // Someone with nobody below them has no team view, and no colleague's calendar.
    expect((await get('seller1', `team=true&${week}`)).status).toBe(403);
    const peer = await get('seller2', `employeeId=${id['seller1']}&${week}`);
    expect(peer.status).toBe(403);
    expect((peer.body as unknown as Problem).problems?.[0]?.path).toBe('query.employeeId');
    expect((await get('engineer1', `employeeIds=${id['seller1']},${id['engineer1']}&${week}`)).status).toBe(403);
    expect((await get('service.head', `employeeId=${id['seller1']}&${week}`)).status).toBe(403);
  });

  it('shows a manager some of the reports side by side', async () => {
    const some = await get('sales.head', `employeeIds=${id['seller2']},${id['seller3']}&${week}`);
    expect(some.status).toBe(200);
    expect(some.body.items.map((i) => i.employee.id)).toEqual([id['seller2']]);
    expect((await get('director', `employeeIds=${id['seller1']}&${week}`)).body.total).toBe(2);
    expect(((await get('sales.head', `employeeIds=${id['seller1']},nobody&${week}`)).body as unknown as Problem).problems?.[0]?.path).toBe('query.employeeIds');
  });

  it('counts done, overdue and planned per person of the team in a period', async () => {
    // A past week: one call done, one left undone (overdue); the 2031 week is all ahead.
    const past = (n: number) => new Date(Date.UTC(2020, 5, 1 + n, 7)).toISOString();
    const pastWeek = `from=${encodeURIComponent(past(0))}&to=${encodeURIComponent(past(7))}`;
    expect((await post('seller1', { clientId: clientOf1, kind: 'call', at: past(1), status: 'done', report: 'Договорились о встрече' })).status).toBe(201);
    expect((await post('seller1', { clientId: clientOf1, kind: 'call', at: past(2) })).status).toBe(201);
    const summary = (as: string, query: string) => s.call<{ items: { employee: { id: string; name: string }; done: number; overdue: number; planned: number }[] } & Problem>('GET', `/api/interactions/summary?${query}`, { as });
    const head = await summary('sales.head', pastWeek);
    expect(head.status).toBe(200);
    expect(head.body.items.find((r) => r.employee.id === id['seller1'])).toMatchObject({ done: 1, overdue: 1, planned: 0 });
    // Everyone below is listed, with nothing in the period counting zero.
    expect(head.body.items.find((r) => r.employee.id === id['seller3'])).toMatchObject({ done: 0, overdue: 0, planned: 0 });
    expect(head.body.items.some((r) => r.employee.id === id['engineer1'])).toBe(false);
    const ahead = await summary('sales.head', `${week}&employeeIds=${id['seller1']},${id['seller2']}`);
    expect(ahead.body.items.map((r) => [r.employee.id, r.planned])).toEqual(expect.arrayContaining([[id['seller1'], 2], [id['seller2'], 1]]));
    expect(ahead.body.items).toHaveLength(2);
    expect((await summary('seller1', pastWeek)).status).toBe(403);
    expect((await summary('seller2', `${pastWeek}&employeeIds=${id['seller1']}`)).status).toBe(403);
    expect((await summary('sales.head', `from=${encodeURIComponent(past(0))}`)).body.problems?.[0]?.path).toBe('query.to');
    expect((await summary('sales.head', `${pastWeek}&employeeIds=me`)).body.problems?.[0]?.path).toBe('query.employeeIds');
    expect((await s.call('GET', `/api/interactions/summary?${pastWeek}`)).status).toBe(401);
  });

  it('refuses bad filters naming them', async () => {
    for (const [q, path] of [['from=tomorrow', 'query.from'], ['team=yes', 'query.team'], ['kind=visit', 'query.kind'], ['sort=time', 'query.sort'], ['employeeId=me', 'query.employeeId']]) {
      const res = await s.call<Problem>('GET', `/api/interactions?${q!}`, { as: 'seller1' });
      expect(res.status, q).toBe(400);
      expect(res.body.problems?.[0]?.path, q).toBe(path);
    }
    expect((await s.call('GET', '/api/interactions')).status).toBe(401);
  });
});

describe('recording and completing', () => {
  it('completes a planned meeting with its report, on its version; a done one stays done', async () => {
    const planned = (await post('seller1', { clientId: clientOf1, kind: 'demonstration', at: day(4), durationMinutes: 90 })).body;
    expect(planned).toMatchObject({ status: 'planned', version: 1, employee: { id: id['seller1'] } });
    const noReport = await patch('seller1', planned.id, { version: 1, status: 'done' });
    expect(noReport.status).toBe(400);
    expect(noReport.body.problems?.[0]?.path).toBe('report');
    const done = await patch('seller1', planned.id, { version: 1, status: 'done', report: 'Показали витрину, понравилась', result: 'Ждут КП', nextContactAt: day(6) });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', report: 'Показали витрину, понравилась', version: 2 });
    expect(done.body.completedAt).not.toBeNull();
    const stale = await patch('sales.head', planned.id, { version: 1, at: day(5) });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ status: 'done', version: 2 });
    expect((await patch('seller1', planned.id, { version: 2, status: 'planned' })).status).toBe(422);
    const audit = await s.em().find(AuditEntry, { targetId: planned.id }, { orderBy: { at: 'asc', id: 'asc' } });
    expect(audit.map((e) => e.action)).toEqual(['interaction.create', 'interaction.update']);
    expect(audit[1]!.details).toMatchObject({ status: 'done' });
  });

  it('records a done call at once only with its report', async () => {
    const bad = await post('seller1', { clientId: clientOf1, kind: 'call', status: 'done', at: day(0) });
    expect(bad.body.problems?.[0]?.path).toBe('report');
    expect((await post('seller1', { clientId: clientOf1, kind: 'call', status: 'done', at: day(0), report: 'Уточнили адрес' })).status).toBe(201);
  });

  it('plans for oneself or one\'s reports, with the client\'s own contact persons, for clients one sees', async () => {
    expect((await post('seller2', { clientId: clientOf1, kind: 'call', at: day(2) })).status).toBe(404);
    expect((await post('seller1', { clientId: clientOf1, kind: 'call', at: day(2), employeeId: id['seller2'] })).status).toBe(403);
    const byHead = await post('sales.head', { clientId: clientOf1, kind: 'call', at: day(2), employeeId: id['seller1'] });
    expect(byHead.status).toBe(201);
    expect(byHead.body.employee.id).toBe(id['seller1']);
    expect((await post('seller1', { clientId: clientOf1, kind: 'call', at: day(2), contactId: crypto.randomUUID() })).status).toBe(422);
    for (const [body, path] of [[{ clientId: clientOf1, at: day(2) }, 'kind'], [{ clientId: clientOf1, kind: 'call', at: 'завтра' }, 'at'], [{ clientId: 'x', kind: 'call', at: day(2) }, 'clientId'], [{ clientId: clientOf1, kind: 'call', at: day(2), durationMinutes: 0 }, 'durationMinutes']] as const) {
      const res = await post('seller1', body);
      expect(res.status, path).toBe(400);
      expect(res.body.problems?.[0]?.path).toBe(path);
    }
  });

  it('lets the employee and their managers change it; others get 404 or 403', async () => {
    const planned = (await post('seller1', { clientId: clientOf1, kind: 'meeting', at: day(5) })).body;
    expect((await patch('seller2', planned.id, { version: 1, at: day(6) })).status).toBe(404);
    expect((await patch('quality', planned.id, { version: 1, at: day(6) })).status).toBe(403);
    expect((await patch('sales.head', planned.id, { version: 1, at: day(6) })).status).toBe(200);
    expect((await patch('seller1', planned.id, { version: 2, durationMinutes: -5 })).body.problems?.[0]?.path).toBe('durationMinutes');
    expect((await patch('seller1', planned.id, { at: day(6) })).body.problems?.[0]?.path).toBe('version');
    expect((await patch('seller1', crypto.randomUUID(), { version: 1, at: day(6) })).status).toBe(404);
  });
});

describe('classification tags', () => {
  it('reads the seeded tree in order, each tag with its path', async () => {
    const tree = (await s.call<{ items: Tag[]; total: number }>('GET', '/api/client-tags', { as: 'seller1' })).body;
    expect(tree.items.find((t) => t.name === 'Федеральная сеть')).toMatchObject({ path: ['Размер', 'Крупный', 'Федеральная сеть'], depth: 2 });
    expect(tree.items.filter((t) => t.depth === 0).map((t) => t.name)).toEqual(['Интерес', 'Лояльность', 'Размер', 'Сегмент']);
  });

  it('lets admins, designers and management edit it; refuses cycles, twins and non-empty branches', async () => {
    for (const who of ['seller1', 'sales.head', 'quality']) expect((await s.call('POST', '/api/client-tags', { as: who, body: { name: 'VIP' } })).status, who).toBe(403);
    const vip = await s.call<Tag & Problem>('POST', '/api/client-tags', { as: 'designer', body: { name: 'VIP' } });
    expect(vip.status).toBe(201);
    const gold = await s.call<Tag>('POST', '/api/client-tags', { as: 'director', body: { name: 'Золото', parentId: vip.body.id } });
    expect(gold.body.path).toEqual(['VIP', 'Золото']);
    expect((await s.call('POST', '/api/client-tags', { as: 'admin', body: { name: 'золото', parentId: vip.body.id } })).status).toBe(409);
    expect((await s.call<Problem>('PATCH', `/api/client-tags/${vip.body.id}`, { as: 'admin', body: { parentId: gold.body.id } })).status).toBe(422);
    expect((await s.call<Problem>('POST', '/api/client-tags', { as: 'admin', body: { name: ' ' } })).body.problems?.[0]?.path).toBe('name');
    expect((await s.call('DELETE', `/api/client-tags/${vip.body.id}`, { as: 'admin' })).status).toBe(409);
    const renamed = await s.call<Tag>('PATCH', `/api/client-tags/${gold.body.id}`, { as: 'admin', body: { name: 'Платина', parentId: null } });
    expect(renamed.body).toMatchObject({ name: 'Платина', parentId: null, path: ['Платина'] });
    expect((await s.call('DELETE', `/api/client-tags/${vip.body.id}`, { as: 'seller1' })).status).toBe(403);
    expect((await s.call('DELETE', `/api/client-tags/${vip.body.id}`, { as: 'admin' })).status).toBe(204);
    expect((await s.call('DELETE', `/api/client-tags/${vip.body.id}`, { as: 'admin' })).status).toBe(404);
    const audit = await s.em().find(AuditEntry, { targetId: vip.body.id }, { orderBy: { at: 'asc', id: 'asc' } });
    expect(audit.map((e) => e.action)).toEqual(['client-tag.create', 'client-tag.delete']);
  });
});
