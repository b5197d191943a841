// The case list a manager works from: filtered by version, start date and who holds the current
// step; each case says whom it is waiting for and whether it is stuck past a due time - read in
// the list's own statement, whatever the page size, and only the cases the viewer may see.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Assignment, Employee } from '../../domain/entities/index.ts';
import { demoEmail } from '../../infra/db/demo-data.ts';
import { eventually } from '../../infra/testing/eventually.ts';
import { countStatements } from '../../infra/testing/statement-counter.ts';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';

type Waiting = { assignmentId: string; stepId: string; holder: { id: string; name: string } | null; role: string | null; dueAt: string | null; overdue: boolean };
type Item = { id: string; route: { version: number }; startedAt: string; waitingFor: Waiting[]; stuck: boolean };
type List = { items: Item[]; total: number };

/** Two steps open at once: one in the starter's own inbox, one in the service queue. */
const ownWorkRoute = (name: string) => ({
  language: 'route/v1',
  name,
  start: 'fan',
  nodes: [
    { id: 'fan', kind: 'parallel', branches: ['mine', 'queue'], join: 'meet' },
    { id: 'mine', kind: 'task', name: 'Call the client', assignee: { type: 'starter' }, due: 'P1D', next: 'meet' },
    { id: 'queue', kind: 'task', name: 'Check stock', assignee: { type: 'role', role: 'service' }, due: 'P2D', next: 'meet' },
    { id: 'meet', kind: 'join', mode: 'all', next: 'done' },
    { id: 'done', kind: 'end' },
  ],
});

let s: TestStack;
let routeId: string;
let a: Item;
let b: Item;
const people: Record<string, { id: string; fullName: string }> = {};

const list = (query: string, as = 'director') => s.call<List>('GET', `/api/processes?routeId=${routeId}&${query}`, { as });
const ids = (r: { body: List }) => r.body.items.map((i) => i.id);

async function startAndWait(as: string, subject: string): Promise<Item> {
  const started = await s.call<{ id: string }>('POST', '/api/processes', { as, body: { routeId, subject } });
  expect(started.status).toBe(201);
  const listed = await eventually(() => list(''), (r) => r.body.items.find((i) => i.id === started.body.id)?.waitingFor.length === 2);
  return listed.body.items.find((i) => i.id === started.body.id)!;
}

beforeAll(async () => {
  s = await startTestStack();
  await s.startWorker();
  for (const key of ['seller1', 'seller2']) people[key] = await s.em().findOneOrFail(Employee, { email: demoEmail(key) });
  const created = await s.call<{ id: string }>('POST', '/api/routes', { as: 'designer', body: { key: 'own-work', draft: ownWorkRoute('Own work') } });
  routeId = created.body.id;
  expect((await s.call('POST', `/api/routes/${routeId}/publish`, { as: 'designer', body: { revision: 1 } })).status).toBe(201);
  a = await startAndWait('seller1', 'Shop A');
  expect((await s.call('PUT', `/api/routes/${routeId}/draft`, { as: 'designer', body: { revision: 1, draft: ownWorkRoute('Own work, v2') } })).status).toBe(200);
  expect((await s.call('POST', `/api/routes/${routeId}/publish`, { as: 'designer', body: { revision: 2 } })).status).toBe(201);
  b = await startAndWait('seller2', 'Shop B');
});
afterAll(async () => s?.close());

describe('the case list', () => {
  it('says whom each case waits for: a person by name, or a role queue', () => {
    expect(a.waitingFor).toEqual([
      expect.objectContaining({ stepId: 'mine', holder: { id: people['seller1']!.id, name: people['seller1']!.fullName }, role: null, overdue: false }),
      expect.objectContaining({ stepId: 'queue', holder: null, role: 'service', overdue: false }),
    ]);
    expect(a.waitingFor[0]!.dueAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(a.stuck).toBe(false);
    expect(b.waitingFor[0]!.holder?.name).toBe(people['seller2']!.fullName);
  });

  it('filters by version, by who holds a step and by when the case started', async () => {
    expect(ids(await list('version=1'))).toEqual([a.id]);
    expect(ids(await list('version=2'))).toEqual([b.id]);
    expect(ids(await list(`holder=${people['seller1']!.id}`))).toEqual([a.id]);
    expect(ids(await list(`holder=${people['seller2']!.id}`))).toEqual([b.id]);
    expect(ids(await list(`startedFrom=${encodeURIComponent(b.startedAt)}`))).toEqual([b.id]);
    expect(ids(await list(`startedTo=${encodeURIComponent(a.startedAt)}`))).toEqual([a.id]);
    const both = await list(`startedFrom=${encodeURIComponent(a.startedAt)}&startedTo=${encodeURIComponent(b.startedAt)}&limit=1`);
    expect(both.body.total).toBe(2);
    expect(ids(both)).toEqual([b.id]);
  });

  it('marks a case stuck once one of its steps is past its due time', async () => {
    await s.em().nativeUpdate(Assignment, { id: a.waitingFor[0]!.assignmentId }, { dueAt: new Date(Date.now() - 60_000) });
    const item = (await list('')).body.items.find((i) => i.id === a.id)!;
    expect(item.stuck).toBe(true);
    expect(item.waitingFor.map((w) => [w.stepId, w.overdue])).toEqual([['mine', true], ['queue', false]]);
    expect((await list('')).body.items.find((i) => i.id === b.id)?.stuck).toBe(false);
  });

  it('keeps other people\'s cases out of every filter', async () => {
    // seller2 is not involved in seller1's case: filtering by its holder finds nothing.
    const r = await list(`holder=${people['seller1']!.id}`, 'seller2');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ items: [], total: 0 });
    expect(ids(await list('', 'seller2'))).toEqual([b.id]);
    expect((await s.call('GET', `/api/processes?holder=${people['seller1']!.id}`)).status).toBe(401);
  });

  it('refuses bad filters with the field named', async () => {
    for (const [query, field] of [['version=0', 'version'], ['version=6653232995', 'version'], ['startedFrom=yesterday', 'startedFrom'], ['startedTo=2026-13-01T00:00:00Z', 'startedTo'], ['holder=seller1', 'holder']]) {
      const r = await s.call<{ problems: { path: string }[] }>('GET', `/api/processes?${query}`, { as: 'director' });
      expect(r.status, query).toBe(400);
      expect(r.body.problems.map((p) => p.path)).toContain(`query.${field}`);
    }
  });

  it('reads a page with who each case waits for in one statement, and its count in one more', async () => {
    await s.login('director');
    const { result, statements } = await countStatements().during(() => list('limit=200'));
    expect(result.body.items).toHaveLength(2);
    const own = statements.filter((q) => !q.includes('from session'));
    expect(own, statements.join('\n')).toHaveLength(2);
  });
});

describe('the cases about a client', () => {
  it('lists the cases of the client\'s deals and those whose variables name it, no other', async () => {
    const client = (await s.call<{ id: string }>('POST', '/api/clients', { as: 'seller1', body: { name: 'Клиент с делами', kind: 'person' } })).body.id;
    const deal = (await s.call<{ id: string }>('POST', '/api/deals', { as: 'seller1', body: { clientId: client, title: 'Витрины', startRoute: false } })).body.id;
    // The deal's route links its case through deal.process_id (set by the route; here by hand).
    await s.em().getConnection().execute('update deal set process_id = ? where id = ?', [a.id, deal]);
    const withClient = (await s.call<{ id: string }>('POST', '/api/routes', { as: 'designer', body: { key: 'client-work', draft: { ...ownWorkRoute('Client work'), variables: { client_id: { type: 'text' } } } } })).body.id;
    const pub = await s.call('POST', `/api/routes/${withClient}/publish`, { as: 'designer', body: { revision: 1 } });
    expect(pub.status, JSON.stringify(pub.body)).toBe(201);
    const named = await s.call<{ id: string }>('POST', '/api/processes', { as: 'seller1', body: { routeId: withClient, subject: 'Shop C', variables: { client_id: client } } });
    expect(named.status).toBe(201);
    const about = await s.call<List>('GET', `/api/processes?clientId=${client}`, { as: 'director' });
    expect(ids(about).sort()).toEqual([a.id, named.body.id].sort());
    expect(about.body.total).toBe(2);
    expect((await list(`clientId=${crypto.randomUUID()}`)).body.total).toBe(0);
    // Only the cases the viewer may see: seller2 is not involved in either.
    expect((await s.call<List>('GET', `/api/processes?clientId=${client}`, { as: 'seller2' })).body.total).toBe(0);
    const bad = await s.call<{ problems: { path: string }[] }>('GET', '/api/processes?clientId=acme', { as: 'seller1' });
    expect(bad.status).toBe(400);
    expect(bad.body.problems[0]?.path).toBe('query.clientId');
  });
});
