// A manager moving open work through POST /api/assignments/{id}/reassign: to another person, to a
// role queue, refused for non-managers, bad input, unknown ids and closed work; the timeline
// records the reason and the new assignee is notified.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail } from '../../infra/db/demo-data.ts';
import { eventually } from '../../infra/testing/eventually.ts';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';

type Item = { id: string; stepId: string; status: string; assigneeId: string | null; role: string | null; process: { id: string } };
type Problem = { problems?: { path: string; message: string }[] };
type Case = { status: string; live: { openSteps: { assignmentId?: unknown }[] } | null; timeline: { type: string; stepId: string | null; actorId: string | null; data: Record<string, unknown> | null }[] };

const offerRoute = () => ({
  language: 'route/v1',
  name: 'Offer',
  start: 'prepare',
  nodes: [
    { id: 'prepare', kind: 'task', name: 'Prepare the offer', assignee: { type: 'person', email: demoEmail('seller1') }, due: 'P1D', outcomes: [{ id: 'sent', label: 'Sent' }], next: 'done' },
    { id: 'done', kind: 'end' },
  ],
});

let s: TestStack;
const ids = new Map<string, string>();
beforeAll(async () => {
  s = await startTestStack();
  await s.startWorker();
  const created = await s.call<{ id: string }>('POST', '/api/routes', { as: 'designer', body: { key: 'offer', draft: offerRoute() } });
  const published = await s.call('POST', `/api/routes/${created.body.id}/publish`, { as: 'designer', body: { revision: 1 } });
  expect(published.status, JSON.stringify(published.body)).toBe(201);
  const people = await s.call<{ items: { id: string; email: string }[] }>('GET', '/api/employees', { as: 'director' });
  for (const e of people.body.items) ids.set(e.email.split('@')[0]!, e.id);
});
afterAll(async () => s?.close());

const list = async (who: string, processId: string, where: 'inbox' | 'queue' = 'inbox') =>
  (await s.call<{ items: Item[] }>('GET', `/api/assignments/${where}`, { as: who })).body.items.filter((i) => i.process.id === processId);
const view = (id: string) => s.call<Case>('GET', `/api/processes/${id}`, { as: 'director' });
const notes = async (who: string, processId: string) =>
  (await s.call<{ items: { title: string; body: string; processId: string | null }[] }>('GET', '/api/notifications', { as: who })).body.items.filter((n) => n.processId === processId);
const reassign = (id: string, as: string | undefined, body: unknown) => s.call<Problem & Item>('POST', `/api/assignments/${id}/reassign`, { ...(as ? { as } : {}), body });

/** Starts an offer case and returns it with seller1's open assignment. */
async function startOffer(subject: string): Promise<{ processId: string; item: Item }> {
  const started = await s.call<{ id: string }>('POST', '/api/processes', { as: 'seller1', body: { routeKey: 'offer', subject } });
  expect(started.status).toBe(201);
  const [item] = await eventually(() => list('seller1', started.body.id), (items) => items.length === 1);
  // The inbox row exists a moment before the workflow counts the task as open; acting in that
  // moment is refused with 404 (a bug, see the report), so wait for the workflow.
  await eventually(() => view(started.body.id), (r) => r.body.live?.openSteps.some((o) => o.assignmentId === item!.id) ?? false);
  return { processId: started.body.id, item: item! };
}

describe('reassigning work', () => {
  it('moves work from seller1 to seller2, who is told, can complete it, while seller1 no longer can', async () => {
    const { processId, item } = await startOffer('Offer: Pavilion 12');
    const moved = await reassign(item.id, 'sales.head', { employeeId: ids.get('seller2'), reason: 'seller1 is on leave' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ status: 'open', assigneeId: ids.get('seller2') });

    expect((await list('seller2', processId)).map((i) => i.stepId)).toEqual(['prepare']);
    expect(await list('seller1', processId)).toEqual([]);
    await eventually(() => notes('seller2', processId), (n) => n.some((x) => x.title === 'Reassigned to you: Prepare the offer' && x.body === 'seller1 is on leave'));
    const timeline = (await view(processId)).body.timeline.filter((e) => e.type === 'step.reassigned');
    expect(timeline).toHaveLength(1);
    expect(timeline[0]).toMatchObject({ stepId: 'prepare', actorId: ids.get('sales.head'), data: { to: ids.get('seller2'), reason: 'seller1 is on leave' } });

    expect((await s.call('POST', `/api/assignments/${item.id}/complete`, { as: 'seller1', body: { outcome: 'sent' } })).status).toBe(403);
    const done = await s.call('POST', `/api/assignments/${item.id}/complete`, { as: 'seller2', body: { outcome: 'sent' } });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'completed', completedBy: ids.get('seller2') });
    await eventually(() => view(processId), (r) => r.body.status === 'completed');

    // Closed work cannot be moved any more.
    const late = await reassign(item.id, 'sales.head', { employeeId: ids.get('seller3'), reason: 'too late' });
    expect(late.status).toBe(409);
    expect((await s.call<Item>('GET', `/api/assignments/${item.id}`, { as: 'director' })).body).toMatchObject({ status: 'completed', assigneeId: ids.get('seller2') });
  });

  it('puts work back into the sales queue, where any seller can pick it up', async () => {
    const { processId, item } = await startOffer('Offer: Магазин 7');
    const moved = await reassign(item.id, 'director', { role: 'sales', reason: 'whoever is free' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ assigneeId: null, role: 'sales' });
    expect(await list('seller1', processId)).toEqual([]);
    for (const who of ['seller1', 'seller3', 'sales.head']) expect((await list(who, processId, 'queue')).map((i) => i.stepId)).toEqual(['prepare']);
    expect(await list('engineer1', processId, 'queue')).toEqual([]);
    await eventually(() => notes('seller3', processId), (n) => n.some((x) => x.title === 'Reassigned to you: Prepare the offer'));
    expect((await view(processId)).body.timeline.find((e) => e.type === 'step.reassigned')?.data).toEqual({ to: 'sales', reason: 'whoever is free' });

    expect((await s.call('POST', `/api/assignments/${item.id}/claim`, { as: 'seller3' })).status).toBe(200);
    expect((await list('seller3', processId)).map((i) => i.stepId)).toEqual(['prepare']);
    expect((await s.call('POST', `/api/assignments/${item.id}/complete`, { as: 'seller3', body: { outcome: 'sent' } })).status).toBe(200);
    await eventually(() => view(processId), (r) => r.body.status === 'completed');
  });

  it('refuses non-managers, bad input, unknown ids and unsigned calls, and changes nothing', async () => {
    const { processId, item } = await startOffer('Offer: cold room');
    const seller2 = ids.get('seller2');

    const notManager = await reassign(item.id, 'seller3', { employeeId: ids.get('seller3'), reason: 'I will do it' });
    expect(notManager.status).toBe(403);
    expect(notManager.contentType).toContain('application/problem+json');

    const both = await reassign(item.id, 'sales.head', { employeeId: seller2, role: 'sales', reason: 'x' });
    expect(both.status).toBe(400);
    expect(both.body.problems?.map((p) => p.path)).toEqual(['employeeId']);
    const neither = await reassign(item.id, 'sales.head', { reason: 'x' });
    expect(neither.status).toBe(400);
    expect(neither.body.problems?.map((p) => p.path)).toEqual(['employeeId']);
    const noReason = await reassign(item.id, 'sales.head', { employeeId: seller2 });
    expect(noReason.status).toBe(400);
    expect(noReason.body.problems?.map((p) => p.path)).toEqual(['reason']);
    const blankReason = await reassign(item.id, 'sales.head', { employeeId: seller2, reason: '   ' });
    expect(blankReason.status).toBe(400);
    expect(blankReason.body.problems?.map((p) => p.path)).toEqual(['reason']);

    const nobody = await reassign(item.id, 'sales.head', { employeeId: crypto.randomUUID(), reason: 'x' });
    expect(nobody.status).toBe(422);
    expect(nobody.body.problems?.map((p) => p.path)).toEqual(['employeeId']);
    const noRole = await reassign(item.id, 'sales.head', { role: 'astronauts', reason: 'x' });
    expect(noRole.status).toBe(422);
    expect(noRole.body.problems?.map((p) => p.path)).toEqual(['role']);
    expect((await reassign(crypto.randomUUID(), 'sales.head', { employeeId: seller2, reason: 'x' })).status).toBe(404);
    expect((await reassign('not-a-uuid', 'sales.head', { employeeId: seller2, reason: 'x' })).status).toBe(400);
    expect((await reassign(item.id, undefined, { employeeId: seller2, reason: 'x' })).status).toBe(401);

    // Still seller1's, untouched, and nothing on the timeline or in anyone's notifications.
    expect((await list('seller1', processId)).map((i) => i.id)).toEqual([item.id]);
    expect(await list('seller2', processId)).toEqual([]);
    expect(await list('seller3', processId)).toEqual([]);
    expect((await view(processId)).body.timeline.map((e) => e.type)).not.toContain('step.reassigned');
    expect([...(await notes('seller2', processId)), ...(await notes('seller3', processId))].filter((n) => n.title.startsWith('Reassigned'))).toEqual([]);
  });
});
