// A route that runs a body route once per item (foreach) and one that reaches a business context
// through an operation (call), on real Temporal and PostgreSQL: each item's case gets its own
// task showing its item; a completion condition withdraws what is still open; two thousand items
// finish with the parent continuing as new on the way; a call runs once per visit even when its
// batch is applied again, and a bad argument fails the case with a reason naming it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Employee, Process, Route, RouteVersion } from '../../domain/entities/index.ts';
import { applyTransition } from '../../domain/processes/apply-transition.ts';
import type { Effect } from '../../domain/processes/case-state.ts';
import type { RouteOperation } from '../../domain/processes/route-operations.ts';
import { routeGraphSchema } from '../../domain/routes/graph-schema.ts';
import { demoEmail } from '../../infra/db/demo-data.ts';
import { eventually } from '../../infra/testing/eventually.ts';
import { recordHistory } from '../../infra/testing/histories.ts';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';

type Case = {
  id: string;
  subject: string;
  status: string;
  variables: Record<string, unknown>;
  result: { reason?: string } | null;
  timeline: { type: string; stepId: string | null; data: Record<string, unknown> | null }[];
  children: { id: string; status: string }[];
  live: { foreach?: { nodeId: string; total: number | null; finished: number; running: number }[] } | null;
};
type Item = { id: string; stepId: string; status: string; process: { id: string; subject: string; routeKey: string } };

// A genuinely observable operation for the engine's own tests: it appends a note to the case's
// subject (what the case list shows), once per key, and refuses a blank note.
const stamped: string[] = [];
const stampCase: RouteOperation = {
  name: 'test.stamp',
  description: 'Appends a note to the case subject',
  args: z.object({ note: z.string().min(1) }),
  async run(ctx, args: { note: string }) {
    stamped.push(`${ctx.key}:${args.note}`);
    await ctx.em.execute('update process set subject = subject || ? where id = ?', [` [${args.note}]`, ctx.processId]);
  },
};
const operations = new Map<string, RouteOperation>([[stampCase.name, stampCase]]);

const perClient = () => ({
  language: 'route/v1',
  name: 'Call one client',
  variables: { item: { type: 'text' }, campaign: { type: 'text' } },
  start: 'call',
  nodes: [
    { id: 'call', kind: 'task', name: 'Call the client', assignee: { type: 'person', email: demoEmail('seller1') }, outcomes: [{ id: 'yes', label: 'Interested' }, { id: 'no', label: 'Not interested' }], next: 'check' },
    { id: 'check', kind: 'decision', branches: [{ when: { '==': [{ var: 'outcomes.call' }, 'yes'] }, next: 'won' }], otherwise: 'lost' },
    { id: 'won', kind: 'end', result: 'success' },
    { id: 'lost', kind: 'end', result: 'failure', reason: 'Not interested' },
  ],
});
const trivial = () => ({ language: 'route/v1', name: 'Trivial', variables: { item: { type: 'number' } }, start: 'note', nodes: [{ id: 'note', kind: 'action', do: { type: 'set', variable: 'seen', value: { from: 'variables.item' } }, next: 'end' }, { id: 'end', kind: 'end' }] });
const campaign = (extra: Record<string, unknown> = {}, of = 'text') => ({
  language: 'route/v1',
  name: 'Calls over a list',
  variables: { clients: { type: 'list', of, required: true } },
  start: 'each',
  nodes: [{ id: 'each', kind: 'foreach', name: 'Each client', items: { from: 'variables.clients' }, route: 'call-one', inputs: { campaign: 'Spring' }, next: 'done', ...extra }, { id: 'done', kind: 'end' }],
});

// On a quiet machine 2,000 take about a minute (the bench measures 10,000); a loaded CI machine
// runs about 15 children a second, so the test keeps to a size that still continues as new.
const ITEMS = Number(process.env.FOREACH_ITEMS ?? 300);

let s: TestStack;
beforeAll(async () => {
  s = await startTestStack({ caseLimits: { historyEvents: 500 }, registries: { operations } });
  await s.startWorker();
  for (const [key, draft] of [['call-one', perClient()], ['trivial', trivial()], ['calls', campaign()], ['first-two', campaign({ completeWhen: { '>=': [{ var: 'items.succeeded' }, 2] } })], ['many', { ...campaign({ route: 'trivial', limit: 100 }, 'number'), variables: { clients: { type: 'list', of: 'number' } } }]] as const) {
    const created = await s.call<{ id: string }>('POST', '/api/routes', { as: 'designer', body: { key, draft } });
    const published = await s.call('POST', `/api/routes/${created.body.id}/publish`, { as: 'designer', body: { revision: 1 } });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
  }
});
afterAll(async () => s?.close());

const view = (id: string) => s.call<Case>('GET', `/api/processes/${id}`, { as: 'director' });
const inbox = async (who: string) => (await s.call<{ items: Item[] }>('GET', '/api/assignments/inbox?limit=200', { as: who })).body.items;
const start = async (routeKey: string, variables: Record<string, unknown>, subject = `Campaign ${crypto.randomUUID().slice(0, 8)}`) => {
  const res = await s.call<{ id: string }>('POST', '/api/processes', { as: 'marketer', body: { routeKey, subject, variables } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id, subject };
};
const complete = (id: string, outcome: string) => s.call('POST', `/api/assignments/${id}/complete`, { as: 'seller1', body: { outcome } });

describe('foreach over a list variable', () => {
  it('gives each item its own case and task, and goes on once all are done', async () => {
    const { id, subject } = await start('calls', { clients: ['Pavilion 12', 'Cold Store', 'Frost LLC'] });
    const tasks = await eventually(async () => (await inbox('seller1')).filter((i) => i.process.subject.startsWith(subject)), (items) => items.length === 3);
    const parent = await eventually(() => view(id), (r) => r.body.live?.foreach?.[0]?.running === 3);
    expect(parent.body.live?.foreach).toEqual([expect.objectContaining({ nodeId: 'each', total: 3, finished: 0, running: 3 })]);
    // Each child case holds its own item, beside the node's inputs.
    const items = await Promise.all(tasks.map(async (t) => (await view(t.process.id)).body.variables));
    expect(items.map((v) => v.item).sort()).toEqual(['Cold Store', 'Frost LLC', 'Pavilion 12']);
    expect(items.every((v) => v.campaign === 'Spring')).toBe(true);
    for (const t of tasks) expect((await complete(t.id, 'yes')).status).toBe(200);
    const done = await eventually(() => view(id), (r) => r.body.status === 'completed');
    expect(done.body.timeline.find((e) => e.type === 'foreach.finished')?.data).toMatchObject({ total: 3, finished: 3, succeeded: 3, early: false });
    expect(done.body.children.map((c) => c.status)).toEqual(['completed', 'completed', 'completed']);
    const history = await s.client.workflow.getHandle(`process-${id}`).fetchHistory();
    expect(history.events?.length).toBeGreaterThan(0);
    await recordHistory('foreach-three-items', s.client.workflow.getHandle(`process-${id}`));
  });

  it('stops when the first two have succeeded: the third item\'s open step is withdrawn', async () => {
    const { id, subject } = await start('first-two', { clients: ['A', 'B', 'C'] });
    const tasks = await eventually(async () => (await inbox('seller1')).filter((i) => i.process.subject.startsWith(subject)), (items) => items.length === 3);
    await complete(tasks[0]!.id, 'yes');
    await complete(tasks[1]!.id, 'yes');
    const done = await eventually(() => view(id), (r) => r.body.status === 'completed');
    expect(done.body.timeline.find((e) => e.type === 'foreach.finished')?.data).toMatchObject({ succeeded: 2, withdrawn: 1, early: true });
    const third = tasks[2]!;
    await eventually(() => view(third.process.id), (r) => r.body.status === 'cancelled');
    await eventually(async () => (await inbox('seller1')).some((i) => i.id === third.id), (present) => !present);
    const res = await complete(third.id, 'yes');
    expect(res.status).toBe(409);
  });

  it('refuses a list of the wrong kind at start', async () => {
    const res = await s.call<{ problems?: { path: string }[] }>('POST', '/api/processes', { as: 'marketer', body: { routeKey: 'many', subject: 'Bad', variables: { clients: [1, 'two'] } } });
    expect(res.status).toBe(422);
    expect(res.body.problems).toEqual([expect.objectContaining({ path: 'variables.clients[1]' })]);
  });

  it('runs hundreds of items with the parent continuing as new on the way, every child ended', { timeout: 120_000 }, async () => {
    const started = Date.now();
    const { id } = await start('many', { clients: Array.from({ length: ITEMS }, (_, i) => i) });
    await eventually(async () => {
      const r = await view(id);
      return r;
    }, (r) => r.body.status === 'completed', 110_000);
    const elapsed = Date.now() - started;
    const rows = await s.em().getConnection().execute<{ status: string; n: string }[]>('select status, count(*) as n from process where parent_id = ? group by status', [id]);
    expect(rows).toEqual([{ status: 'completed', n: String(ITEMS) }]);
    const history = await s.client.workflow.getHandle(`process-${id}`).fetchHistory();
    const first = history.events?.[0]?.workflowExecutionStartedEventAttributes;
    // The run that finished was continued from an earlier one, and stayed within its own limit.
    expect(first?.continuedExecutionRunId).toBeTruthy();
    expect(history.events!.length).toBeLessThan(10_000);
    console.log(`foreach of ${ITEMS}: ${elapsed} ms, last run ${history.events!.length} events`);
  });
});

describe('call', () => {
  /** Publishes a route that calls the test-only operation, which the product's validator does not know. */
  async function publishWithTestOperation(key: string, draft: unknown): Promise<void> {
    const em = s.em();
    const designer = await em.findOneOrFail(Employee, { email: demoEmail('designer') });
    const route = em.create(Route, { id: crypto.randomUUID(), key, name: key, draft, draftUpdatedAt: new Date(), draftUpdatedBy: designer, latestVersion: 1 });
    em.create(RouteVersion, { id: crypto.randomUUID(), route, version: 1, definition: routeGraphSchema.parse(draft), publishedAt: new Date(), publishedBy: designer });
    await em.flush();
  }
  const stampRoute = (note: unknown) => ({
    language: 'route/v1',
    name: 'Stamp',
    variables: { note: { type: 'text' } },
    // The API applies a case's first batch itself, with the product's operations: the call comes after a pause, in the worker.
    start: 'pause',
    nodes: [{ id: 'pause', kind: 'wait', for: 'PT1S', next: 'stamp' }, { id: 'stamp', kind: 'action', do: { type: 'call', operation: 'test.stamp', args: { note } }, next: 'end' }, { id: 'end', kind: 'end' }],
  });
  beforeAll(async () => {
    await publishWithTestOperation('stamp', stampRoute({ from: 'variables.note' }));
  });

  it('runs the operation in the case\'s transaction, and the timeline says so', async () => {
    const res = await s.call<{ id: string }>('POST', '/api/processes', { as: 'director', body: { routeKey: 'stamp', subject: 'Stamp', variables: { note: 'promo-2026' } } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const done = await eventually(() => view(res.body.id), (r) => r.body.status === 'completed');
    expect(done.body.timeline.find((e) => e.type === 'call.done')).toMatchObject({ stepId: 'stamp', data: { operation: 'test.stamp', args: { note: 'promo-2026' } } });
    expect(done.body).toMatchObject({ subject: 'Stamp [promo-2026]' });
  });

  it('runs once when the same batch is applied again', async () => {
    const em = s.em();
    const version = await em.findOneOrFail(RouteVersion, { route: { key: 'stamp' } });
    const starter = await em.findOneOrFail(Employee, { email: demoEmail('director') });
    const processId = crypto.randomUUID();
    em.create(Process, { id: processId, workflowId: `process-${processId}`, routeVersion: version, subject: 'Twice', variables: {}, status: 'running', startedBy: starter, startedAt: new Date() });
    await em.flush();
    const call: Effect = { type: 'call', key: `process-${processId}:call:stamp:1`, nodeId: 'stamp', operation: 'test.stamp', args: { note: 'once' }, variables: {}, forms: {}, at: new Date().toISOString() };
    for (let i = 0; i < 2; i++) await s.orm.em.fork().transactional((tx) => applyTransition(tx, { processId, subject: 'Twice' }, [call], { operations }));
    expect(stamped.filter((x) => x === `process-${processId}:call:stamp:1:once`)).toHaveLength(1);
  });

  it('fails the case with a reason naming the argument it could not take', async () => {
    const res = await s.call<{ id: string }>('POST', '/api/processes', { as: 'director', body: { routeKey: 'stamp', subject: 'Stamp blank', variables: { note: '' } } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const failed = await eventually(() => view(res.body.id), (r) => r.body.status === 'failed');
    expect(failed.body.result?.reason).toMatch(/test\.stamp.*args\.note/);
  });
});
