// The read side under load a user notices: a case with 400 open assignments opens at once, and an
// inbox of hundreds of items pages in due order with a cursor. Rows beyond the first step are
// written directly, as the activities write them, so the test needs no 400 workflow steps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Assignment, Employee, StepEvent } from '../../domain/entities/index.ts';
import { demoEmail } from '../../infra/db/demo-data.ts';
import { eventually } from '../../infra/testing/eventually.ts';
import { countStatements } from '../../infra/testing/statement-counter.ts';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';

type Item = { id: string; stepId: string; status: string; dueAt: string | null; completedAt: string | null; process: { id: string; routeKey: string } };
type Page = { items: (Item & Record<string, unknown>)[]; nextCursor: string | null };
type Detail = { assignments: (Item & Record<string, unknown>)[]; timeline: unknown[]; live: { openSteps: unknown[] } | null };

const BRANCHES = 20;
const PER_BRANCH = 20;
/** A large route (400 follow-up tasks with instructions and forms): its definition is ~300 kB. */
const bigRoute = () => {
  const task = (b: number, i: number) => ({
    id: `b${b}-${i}`,
    kind: 'action',
    do: {
      type: 'create-task', name: `Task ${b}/${i}`, instructions: 'Check the delivery papers. '.repeat(20),
      assignee: { type: 'person', email: demoEmail('seller1') }, due: 'P2D',
      outcomes: [{ id: 'ok', label: 'Done' }, { id: 'no', label: 'Not possible' }],
      form: [{ id: 'note', type: 'text', label: 'Note' }],
    },
    next: i + 1 < PER_BRANCH ? `b${b}-${i + 1}` : 'meet',
  });
  return {
    language: 'route/v1',
    name: 'Big delivery',
    start: 'hold',
    nodes: [
      { id: 'hold', kind: 'task', name: 'Confirm the order', assignee: { type: 'person', email: demoEmail('seller1') }, due: 'P1D', next: 'fan' },
      { id: 'fan', kind: 'parallel', branches: Array.from({ length: BRANCHES }, (_, b) => `b${b}-0`), join: 'meet' },
      ...Array.from({ length: BRANCHES * PER_BRANCH }, (_, n) => task(Math.floor(n / PER_BRANCH), n % PER_BRANCH)),
      { id: 'meet', kind: 'join', mode: 'all', next: 'done' },
      { id: 'done', kind: 'end' },
    ],
  };
};

let s: TestStack;
let processId: string;
let seller1: string;
const DAY = 86_400_000;

beforeAll(async () => {
  s = await startTestStack();
  await s.startWorker();
  const created = await s.call<{ id: string }>('POST', '/api/routes', { as: 'designer', body: { key: 'big', draft: bigRoute() } });
  expect((await s.call('POST', `/api/routes/${created.body.id}/publish`, { as: 'designer', body: { revision: 1 } })).status).toBe(201);
  const started = await s.call<{ id: string }>('POST', '/api/processes', { as: 'seller2', body: { routeKey: 'big', subject: 'Warehouse 7' } });
  processId = started.body.id;
  await eventually(() => s.call<Detail>('GET', `/api/processes/${processId}`, { as: 'seller2' }), (r) => r.body.live?.openSteps.length === 1);
  seller1 = (await s.em().findOneOrFail(Employee, { email: demoEmail('seller1') })).id;

  // 399 more open assignments for seller1 (every tenth without a deadline), 200 completed ones,
  // and 3 in the service queue, each with the JSON a real step carries.
  const em = s.em();
  const now = Date.now();
  const base = { process: processId, instructions: 'Check the delivery papers. '.repeat(20), outcomes: [{ id: 'ok', label: 'Done' }], formFields: [{ id: 'note', type: 'text' as const, label: 'Note', required: false }], priority: 'normal' as const };
  const rows = [
    ...Array.from({ length: 399 }, (_, i) => ({ ...base, id: crypto.randomUUID(), stepId: `b${i % 20}-${i % 19}`, stepName: `Task ${i}`, assignee: seller1, status: 'open' as const, openedAt: new Date(now - i * 1000), dueAt: i % 10 === 0 ? null : new Date(now + ((i * 7919) % 500) * 3_600_000 - 2 * DAY) })),
    ...Array.from({ length: 200 }, (_, i) => ({ ...base, id: crypto.randomUUID(), stepId: 'done', stepName: `Done ${i}`, assignee: seller1, status: 'completed' as const, openedAt: new Date(now - DAY), dueAt: null, completedAt: new Date(now - i * 60_000), completedBy: seller1, outcome: 'ok', formData: { note: 'fine' } })),
    ...Array.from({ length: 3 }, (_, i) => ({ ...base, id: crypto.randomUUID(), stepId: 'survey', stepName: `Survey ${i}`, role: 'service', status: 'open' as const, openedAt: new Date(now), dueAt: new Date(now + (3 - i) * DAY) })),
  ];
  await em.insertMany(Assignment, rows);
  await em.insertMany(StepEvent, rows.map((r) => ({ id: crypto.randomUUID(), key: `test:${r.id}`, process: processId, type: 'step.opened', stepId: r.stepId, assignmentId: r.id, at: r.openedAt, data: { assigneeId: seller1 } })));
}, 120_000);
afterAll(async () => s?.close());

describe('the case view', () => {
  it('opens a case with 400 open assignments at once, in the same few statements as a small case', async () => {
    await s.login('seller2');
    const counter = countStatements();
    const started = performance.now();
    const { result: view, statements } = await counter.during(() => s.call<Detail>('GET', `/api/processes/${processId}`, { as: 'seller2' }));
    const took = performance.now() - started;
    expect(view.status).toBe(200);
    expect(view.body.assignments.filter((a) => a.status === 'open')).toHaveLength(403);
    expect(view.body.assignments).toHaveLength(603);
    expect(view.body.timeline.length).toBeGreaterThanOrEqual(603);
    expect(view.body.live?.openSteps).toHaveLength(1);
    // The list is lean: the form and instructions are in GET /api/assignments/{id}.
    expect(view.body.assignments[0]).not.toHaveProperty('formFields');
    expect(view.body.assignments[0]).not.toHaveProperty('instructions');
    // Case, children, timeline, assignments (and the session, unless the API remembers it): no
    // statement per row, and the route's large definition is never sent over (it made this view
    // take 30-100 s and stalled the worker): only its small declared events and working calendar,
    // extracted in the case's own statement, for the viewer's rights and the steps' working time.
    const own = statements.filter((q) => !q.includes('from session'));
    expect(own, statements.join('\n')).toHaveLength(4);
    expect(statements.join('\n').replaceAll(/v\.definition->'(events|calendar)'/g, '')).not.toContain('definition');
    // A person waiting on a page notices seconds; the generous bound keeps a loaded CI machine green.
    expect(took).toBeLessThan(2000);
  });

  it('answers 404 for an unknown case and 401 without a session', async () => {
    expect((await s.call('GET', `/api/processes/${crypto.randomUUID()}`, { as: 'seller2' })).status).toBe(404);
    expect((await s.call('GET', `/api/processes/${processId}`)).status).toBe(401);
  });
});

describe('inbox and queue lists', () => {
  const inboxPage = (query: string, as = 'seller1') => s.call<Page>('GET', `/api/assignments/inbox?${query}`, { as });

  it('pages open work earliest due first, undated last, each item once, in one statement per page', async () => {
    await s.login('seller1');
    const counter = countStatements();
    const seen: Item[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const { result, statements } = await counter.during(() => inboxPage(`limit=150${cursor ? `&cursor=${cursor}` : ''}`));
      expect(result.status).toBe(200);
      // The session check and the page; a page that crosses into undated work reads those too.
      expect(statements.length).toBeLessThanOrEqual(3);
      seen.push(...result.body.items);
      cursor = result.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(400);
    expect(new Set(seen.map((i) => i.id)).size).toBe(400);
    const dated = seen.filter((i) => i.dueAt !== null);
    expect(dated.map((i) => i.dueAt)).toEqual([...dated.map((i) => i.dueAt!)].sort());
    expect(seen.slice(dated.length).every((i) => i.dueAt === null)).toBe(true);
    expect(seen[0]).toMatchObject({ process: { id: processId, routeKey: 'big' }, status: 'open' });
    expect(seen[0]).not.toHaveProperty('formFields');
  });

  it('lists overdue work and completed work latest first', async () => {
    const overdue = await inboxPage('status=overdue&limit=200');
    expect(overdue.body.items.length).toBeGreaterThan(0);
    expect(overdue.body.items.every((i) => i.dueAt !== null && Date.parse(i.dueAt) < Date.now() && i.overdue === true)).toBe(true);
    const first = await inboxPage('status=completed&limit=120');
    const second = await inboxPage(`status=completed&limit=120&cursor=${first.body.nextCursor}`);
    const done = [...first.body.items, ...second.body.items];
    expect(done).toHaveLength(200);
    expect(second.body.nextCursor).toBeNull();
    expect(done.map((i) => i.completedAt)).toEqual([...done.map((i) => i.completedAt!)].sort().reverse());
    // The single-assignment view still carries the form, the outcomes and what was entered.
    const one = await s.call<Record<string, unknown>>('GET', `/api/assignments/${done[0]!.id}`, { as: 'seller1' });
    expect(one.body).toMatchObject({ formData: { note: 'fine' }, outcomes: [{ id: 'ok', label: 'Done' }] });
  });

  it("shows the service queue only to the service role, earliest due first", async () => {
    const queue = await s.call<Page>('GET', '/api/assignments/queue?limit=2', { as: 'engineer1' });
    expect(queue.body.items.map((i) => i.stepId)).toEqual(['survey', 'survey']);
    expect(queue.body.items[0]!.dueAt! < queue.body.items[1]!.dueAt!).toBe(true);
    const rest = await s.call<Page>('GET', `/api/assignments/queue?limit=2&cursor=${queue.body.nextCursor}`, { as: 'engineer1' });
    expect(rest.body.items.filter((i) => i.stepId === 'survey')).toHaveLength(1);
    expect((await s.call<Page>('GET', '/api/assignments/queue', { as: 'seller1' })).body.items.filter((i) => i.stepId === 'survey')).toHaveLength(0);
  });

  it("refuses a forged cursor and shows nobody else's work", async () => {
    const bad = await s.call<{ problems: { path: string }[] }>('GET', '/api/assignments/inbox?cursor=not-a-cursor', { as: 'seller1' });
    expect(bad.status).toBe(400);
    expect(bad.body.problems.map((p) => p.path)).toEqual(['query.cursor']);
    expect((await s.call('GET', '/api/assignments/inbox?limit=500', { as: 'seller1' })).status).toBe(400);
    expect((await inboxPage('limit=200', 'engineer1')).body.items.filter((i) => i.process.id === processId)).toHaveLength(0);
    expect((await s.call('GET', '/api/assignments/inbox')).status).toBe(401);
  });
});
