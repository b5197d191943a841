// The team view: a manager sees each of their people's open and overdue work and hands one
// person's work over (all or some) to a colleague or back to a queue in one action, each case
// recording the reason; another team's manager and employees are refused and change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Assignment, AuditEntry, Employee } from '../../domain/entities/index.ts';
import { demoEmail } from '../../infra/db/demo-data.ts';
import { eventually } from '../../infra/testing/eventually.ts';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';

type Member = { id: string; name: string; depth: number; open: number; overdue: number };
type Team = { managerId: string; members: Member[] };
type Page = { items: { id: string; stepId: string; assigneeId: string | null; role: string | null; process: { id: string } }[] };
type HandOver = { moved: string[]; failed: { assignmentId: string; code: string }[] };
type Detail = { timeline: { type: string; assignmentId: string | null; data: Record<string, unknown> | null }[] };

const ownWorkRoute = {
  language: 'route/v1',
  name: 'Own work',
  start: 'call',
  nodes: [
    { id: 'call', kind: 'task', name: 'Call the client', assignee: { type: 'starter' }, due: 'P1D', next: 'done' },
    { id: 'done', kind: 'end' },
  ],
};

let s: TestStack;
const id: Record<string, string> = {};
let work: Page['items'];

const team = (as: string, query = '') => s.call<Team>('GET', `/api/team${query}`, { as });
const workOf = (who: string, as = 'sales.head') => s.call<Page>('GET', `/api/team/${id[who]}/work`, { as });
const handOver = (as: string, body: unknown) => s.call<HandOver & { problems: { path: string }[] }>('POST', '/api/team/hand-over', { as, body });
const openCount = async (who: string) => (await team('sales.head')).body.members.find((m) => m.id === id[who])?.open;

beforeAll(async () => {
  s = await startTestStack();
  await s.startWorker();
  for (const key of ['director', 'sales.head', 'service.head', 'seller1', 'seller2', 'seller3', 'engineer1']) id[key] = (await s.em().findOneOrFail(Employee, { email: demoEmail(key) })).id;
  const created = await s.call<{ id: string }>('POST', '/api/routes', { as: 'designer', body: { key: 'own-work', draft: ownWorkRoute } });
  expect((await s.call('POST', `/api/routes/${created.body.id}/publish`, { as: 'designer', body: { revision: 1 } })).status).toBe(201);
  for (const subject of ['Shop 1', 'Shop 2', 'Shop 3', 'Shop 4']) {
    expect((await s.call('POST', '/api/processes', { as: 'seller1', body: { routeKey: 'own-work', subject } })).status).toBe(201);
  }
  work = (await eventually(() => workOf('seller1'), (r) => r.body.items.length === 4)).body.items;
  // One of them is past its due time (the read model is what the team view counts).
  await s.em().nativeUpdate(Assignment, { id: work[0]!.id }, { dueAt: new Date(Date.now() - 60_000) });
});
afterAll(async () => s?.close());

describe('the team view', () => {
  it('lists a manager\'s direct and indirect reports with their open and overdue work', async () => {
    const head = await team('sales.head');
    expect(head.status).toBe(200);
    expect(head.body.members.map((m) => m.id).sort()).toEqual(expect.arrayContaining([id['seller1'], id['seller2'], id['seller3']]));
    expect(head.body.members.find((m) => m.id === id['seller1'])).toMatchObject({ depth: 1, open: 4, overdue: 1 });
    expect(head.body.members.find((m) => m.id === id['seller2'])).toMatchObject({ open: 0, overdue: 0 });
    expect(head.body.members.some((m) => m.id === id['engineer1'])).toBe(false);

    const director = await team('director');
    expect(director.body.members.find((m) => m.id === id['sales.head'])?.depth).toBe(1);
    expect(director.body.members.find((m) => m.id === id['seller1'])).toMatchObject({ depth: 2, open: 4 });
    // Management may look at another manager's team.
    expect((await team('director', `?managerId=${id['sales.head']}`)).body.members.map((m) => m.id).sort()).toEqual(head.body.members.map((m) => m.id).sort());
  });

  it('refuses other people\'s teams, employees and bad input', async () => {
    expect((await team('service.head', `?managerId=${id['sales.head']}`)).status).toBe(403);
    expect((await team('seller1')).status).toBe(403);
    expect((await team('director', '?managerId=sales.head')).status).toBe(400);
    expect((await team('director', `?managerId=${crypto.randomUUID()}`)).status).toBe(404);
    expect((await s.call('GET', '/api/team')).status).toBe(401);
  });

  it('shows one person\'s open work to their managers only', async () => {
    expect((await workOf('seller1', 'director')).body.items).toHaveLength(4);
    for (const as of ['service.head', 'seller2', 'seller1']) expect((await workOf('seller1', as)).status, as).toBe(403);
    expect((await s.call('GET', `/api/team/${crypto.randomUUID()}/work`, { as: 'director' })).status).toBe(404);
    expect((await s.call('GET', '/api/team/seller1/work', { as: 'director' })).status).toBe(400);
    expect((await s.call('GET', `/api/team/${id['seller1']}/work?cursor=nonsense`, { as: 'director' })).status).toBe(400);
  });
});

describe('handing work over', () => {
  it('refuses bad input, unknown targets, another team\'s manager and employees, and moves nothing', async () => {
    const body = { from: id['seller1'], to: { employeeId: id['seller2'] }, reason: 'holiday' };
    expect((await handOver('sales.head', { ...body, reason: '' })).status).toBe(400);
    expect((await handOver('sales.head', { ...body, to: { employeeId: id['seller2'], role: 'sales' } })).status).toBe(400);
    expect((await handOver('sales.head', { ...body, assignmentIds: [] })).status).toBe(400);
    expect((await handOver('sales.head', { ...body, from: 'seller1' })).status).toBe(400);
    const noRole = await handOver('sales.head', { ...body, to: { role: 'astronauts' } });
    expect(noRole.status).toBe(422);
    expect(noRole.body.problems.map((p) => p.path)).toEqual(['to.role']);
    expect((await handOver('sales.head', { ...body, to: { employeeId: crypto.randomUUID() } })).status).toBe(422);
    expect((await handOver('sales.head', { ...body, to: { employeeId: id['seller1'] } })).status).toBe(422);
    expect((await handOver('sales.head', { ...body, from: crypto.randomUUID() })).status).toBe(404);
    expect((await handOver('service.head', body)).status).toBe(403);
    expect((await handOver('seller2', body)).status).toBe(403);
    expect((await handOver('seller1', body)).status).toBe(403);
    expect((await s.call('POST', '/api/team/hand-over', { body })).status).toBe(401);
    expect(await openCount('seller1')).toBe(4);
  });

  it('moves selected work to a colleague with the reason on the case and in the audit log, and says what did not move', async () => {
    const [first, second] = [work[0]!, work[1]!];
    const res = await handOver('sales.head', { from: id['seller1'], assignmentIds: [first.id], to: { employeeId: id['seller2'] }, reason: 'holiday' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ moved: [first.id], failed: [] });
    expect((await workOf('seller2')).body.items.map((i) => i.id)).toEqual([first.id]);
    const detail = await s.call<Detail>('GET', `/api/processes/${first.process.id}`, { as: 'seller2' });
    expect(detail.body.timeline.find((e) => e.type === 'step.reassigned' && e.assignmentId === first.id)?.data).toMatchObject({ to: id['seller2'], reason: 'holiday' });

    // The first one is seller2's now: asking again moves the second and names the first as not moved.
    const partial = await handOver('sales.head', { from: id['seller1'], assignmentIds: [first.id, second.id], to: { employeeId: id['seller3'] }, reason: 'holiday' });
    expect(partial.status).toBe(200);
    expect(partial.body.moved).toEqual([second.id]);
    expect(partial.body.failed).toEqual([expect.objectContaining({ assignmentId: first.id, code: 'conflict' })]);
    expect((await workOf('seller2')).body.items.map((i) => i.id)).toEqual([first.id]);

    const audit = await s.em().find(AuditEntry, { action: 'assignment.hand-over' }, { orderBy: { at: 'asc' } });
    expect(audit.map((e) => [e.actor, e.targetId, e.details?.['reason'], e.details?.['moved']])).toEqual([
      [id['sales.head'], id['seller1'], 'holiday', [first.id]],
      [id['sales.head'], id['seller1'], 'holiday', [second.id]],
    ]);
    expect(audit[1]!.details?.['failed']).toEqual([expect.objectContaining({ assignmentId: first.id })]);
  });

  it('moves all of a person\'s remaining work back to a queue on dismissal', async () => {
    const res = await handOver('director', { from: id['seller1'], to: { role: 'sales' }, reason: 'dismissal' });
    expect(res.status).toBe(200);
    expect(res.body.moved.sort()).toEqual([work[2]!.id, work[3]!.id].sort());
    expect(res.body.failed).toEqual([]);
    expect(await openCount('seller1')).toBe(0);
    const queue = await s.call<Page>('GET', '/api/assignments/queue', { as: 'seller2' });
    expect(queue.body.items.filter((i) => i.role === 'sales').map((i) => i.id).sort()).toEqual([work[2]!.id, work[3]!.id].sort());
    const entry = await s.em().findOneOrFail(AuditEntry, { action: 'assignment.hand-over', details: { reason: 'dismissal' } });
    expect(entry).toMatchObject({ actor: id['director'], targetId: id['seller1'], details: { to: { role: 'sales' } } });
  });
});
