// The audit log as an administrator reads it: each change leaves one entry saying who, what and
// from where; failed and good sign-ins are there too; admins filter and page it, nobody else reads
// it; and the table itself refuses to be changed, even by SQL run with the product's own rights.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail } from '../../infra/db/demo-data.ts';
import { eventually } from '../../infra/testing/eventually.ts';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';

type Entry = {
  id: string; at: string; actor: string | null; actorKind: string; actorLabel: string | null; action: string;
  targetType: string | null; targetId: string | null; details: Record<string, unknown> | null; ip: string | null; userAgent: string | null; status: number;
};
type Page = { items: Entry[]; nextCursor: string | null };

// A task for seller1 beside a wait for an outside event.
const eventRoute = () => ({
  language: 'route/v1',
  name: 'Audited',
  variables: { client: { type: 'text', required: true } },
  events: { paid: { payload: { amount: { type: 'number', required: true } } } },
  start: 'split',
  nodes: [
    { id: 'split', kind: 'parallel', branches: ['review', 'listen'], join: 'join' },
    { id: 'review', kind: 'task', name: 'Review the account', assignee: { type: 'person', email: demoEmail('seller1') }, due: 'P3D', next: 'join' },
    { id: 'listen', kind: 'wait', event: 'paid', next: 'join' },
    { id: 'join', kind: 'join', mode: 'all', next: 'done' },
    { id: 'done', kind: 'end' },
  ],
});

let s: TestStack;
const ids = new Map<string, string>();
let routeId: string;

beforeAll(async () => {
  s = await startTestStack();
  await s.startWorker();
  for (const key of ['designer', 'seller1', 'seller2', 'sales.head', 'admin']) {
    const me = await s.call<{ id: string }>('GET', '/api/auth/me', { as: key });
    ids.set(key, me.body.id);
  }
});
afterAll(async () => s?.close());

const audit = (query: string, as = 'admin') => s.call<Page>('GET', `/api/audit${query}`, { as });
const entriesFor = async (targetId: string): Promise<Entry[]> => (await audit(`?targetId=${targetId}`)).body.items;

async function signInFrom(email: string, password: string, address: string): Promise<number> {
  const res = await s.app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address, 'user-agent': 'audit-test/1.0' },
    body: JSON.stringify({ email, password }),
  });
  return res.status;
}

describe('the audit log', () => {
  it('records a route publish, a start, an event, a reassign and a cancel, each once, with who and what', async () => {
    const created = await s.call<{ id: string; draftRevision: number }>('POST', '/api/routes', { as: 'designer', body: { key: 'audited', draft: eventRoute() } });
    expect(created.status).toBe(201);
    routeId = created.body.id;
    expect((await s.call('POST', `/api/routes/${routeId}/publish`, { as: 'designer', body: { revision: created.body.draftRevision } })).status).toBe(201);

    const started = await s.call<{ id: string }>('POST', '/api/processes', { as: 'seller1', body: { routeKey: 'audited', subject: 'Pavilion 7', variables: { client: 'ООО Север' } } });
    expect(started.status).toBe(201);
    const processId = started.body.id;
    expect((await s.call('POST', `/api/processes/${processId}/events`, { as: 'seller1', body: { name: 'paid', payload: { amount: 100 } } })).status).toBe(202);
    const view = await eventually(() => s.call<{ assignments: { id: string; status: string }[] }>('GET', `/api/processes/${processId}`, { as: 'seller1' }), (r) => r.body.assignments.length === 1);
    const assignmentId = view.body.assignments[0]!.id;
    expect((await s.call('POST', `/api/assignments/${assignmentId}/reassign`, { as: 'sales.head', body: { employeeId: ids.get('seller2'), reason: 'on leave' } })).status).toBe(200);
    expect((await s.call('POST', `/api/processes/${processId}/cancel`, { as: 'seller1', body: { reason: 'client withdrew' } })).status).toBe(200);
    // A refused call is not a change: nothing recorded for it.
    expect((await s.call('POST', `/api/processes/${processId}/cancel`, { as: 'seller2', body: { reason: 'not mine' } })).status).toBeGreaterThanOrEqual(400);

    const routeEntries = await entriesFor(routeId);
    expect(routeEntries.map((e) => e.action)).toEqual(['route.publish', 'route.create']);
    expect(routeEntries[0]).toMatchObject({ actor: ids.get('designer'), actorKind: 'employee', actorLabel: demoEmail('designer'), targetType: 'route', status: 201, details: { version: 1 } });

    const caseEntries = await entriesFor(processId);
    expect(caseEntries.map((e) => e.action)).toEqual(['process.cancel', 'process.event', 'process.start']);
    expect(caseEntries.map((e) => e.actor)).toEqual([ids.get('seller1'), ids.get('seller1'), ids.get('seller1')]);
    expect(caseEntries[0]).toMatchObject({ targetType: 'process', status: 200, details: { reason: 'client withdrew' } });
    expect(caseEntries[1]).toMatchObject({ status: 202, details: { name: 'paid' } });
    expect(caseEntries[2]).toMatchObject({ status: 201, details: { routeKey: 'audited', subject: 'Pavilion 7' } });

    const reassigned = await entriesFor(assignmentId);
    expect(reassigned).toHaveLength(1);
    expect(reassigned[0]).toMatchObject({ action: 'assignment.reassign', actor: ids.get('sales.head'), targetType: 'assignment', details: { employeeId: ids.get('seller2'), reason: 'on leave' } });
  });

  it('records failed and good sign-ins with the e-mail tried, the address and the user agent', async () => {
    expect(await signInFrom(demoEmail('seller2'), 'wrong', '192.0.2.7')).toBe(401);
    expect(await signInFrom('ghost@leader.example', 'wrong', '192.0.2.7')).toBe(401);
    expect(await signInFrom(demoEmail('seller2'), 'leader-demo', '192.0.2.8')).toBe(200);

    const failed = (await audit('?action=auth.login-failed')).body.items.filter((e) => e.ip === '192.0.2.7');
    expect(failed.map((e) => e.actorLabel)).toEqual(['ghost@leader.example', demoEmail('seller2')]);
    for (const e of failed) expect(e).toMatchObject({ actor: null, actorKind: 'anonymous', status: 401, userAgent: 'audit-test/1.0' });

    const good = (await audit(`?action=auth.login&actor=${ids.get('seller2')}`)).body.items.filter((e) => e.ip === '192.0.2.8');
    expect(good).toHaveLength(1);
    expect(good[0]).toMatchObject({ actorKind: 'employee', actorLabel: demoEmail('seller2'), targetType: 'employee', targetId: ids.get('seller2'), status: 200, userAgent: 'audit-test/1.0' });
  });

  it('lets admins filter by actor, action, target and time, newest first, page by page', async () => {
    const byDesigner = (await audit(`?actor=${ids.get('designer')}`)).body.items;
    expect(byDesigner.length).toBeGreaterThanOrEqual(2);
    expect(byDesigner.every((e) => e.actor === ids.get('designer'))).toBe(true);
    expect((await audit(`?targetType=route&targetId=${routeId}&action=route.create`)).body.items).toHaveLength(1);
    expect((await audit(`?to=2000-01-01T00:00:00Z`)).body.items).toEqual([]);

    const all = (await audit('?limit=200')).body.items;
    expect(all.map((e) => e.at)).toEqual([...all.map((e) => e.at)].sort().reverse());
    const pages: Entry[] = [];
    for (let cursor: string | null = ''; cursor !== null; ) {
      const page: Page = (await audit(`?limit=3${cursor ? `&cursor=${cursor}` : ''}`)).body;
      pages.push(...page.items);
      cursor = page.nextCursor;
    }
    expect(pages.map((e) => e.id)).toEqual(all.map((e) => e.id));
  });

  it('is for admins only, and refuses bad filters with the failing field', async () => {
    expect((await audit('', 'seller1')).status).toBe(403);
    expect((await audit('', 'director')).status).toBe(403);
    expect((await s.call('GET', '/api/audit')).status).toBe(401);
    for (const [query, field] of [['?action=route.steal', 'query.action'], ['?actor=me', 'query.actor'], ['?from=yesterday', 'query.from'], ['?cursor=bogus', 'query.cursor'], ['?limit=0', 'query.limit']] as const) {
      const res = await s.call<{ problems: { path: string }[] }>('GET', `/api/audit${query}`, { as: 'admin' });
      expect(res.status, query).toBe(400);
      expect(res.body.problems.map((p) => p.path)).toContain(field);
    }
  });

  it('offers no way to change an entry, and the table refuses UPDATE, DELETE and TRUNCATE', async () => {
    const [entry] = (await audit('?limit=1')).body.items;
    expect((await s.call('DELETE', `/api/audit/${entry!.id}`, { as: 'admin' })).status).toBe(404);
    const em = s.em();
    await expect(em.execute(`update audit_entry set actor_label = 'someone else' where id = ?`, [entry!.id])).rejects.toThrow(/append-only/);
    await expect(em.execute(`delete from audit_entry where id = ?`, [entry!.id])).rejects.toThrow(/append-only/);
    await expect(em.execute(`truncate audit_entry`)).rejects.toThrow(/append-only/);
    expect((await entriesFor(entry!.targetId!)).some((e) => e.id === entry!.id && e.actorLabel === entry!.actorLabel)).toBe(true);
  });
});
