// Starting, listing and cancelling cases, and what is refused on the way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Assignment } from '../../domain/entities/index.ts';
import { eventually } from '../../infra/testing/eventually.ts';
import { recordHistory } from '../../infra/testing/histories.ts';
import { twoStepRoute } from '../../infra/testing/sample-routes.ts';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';

type Summary = { id: string; status: string; startedBy: string; route: { id: string; key: string } };
type Detail = Summary & { timeline: { type: string; data: Record<string, unknown> | null }[]; assignments: { id: string; status: string }[] };
type Problems = { problems: { path: string; message: string }[] };

let s: TestStack;
let routeId: string;
beforeAll(async () => {
  s = await startTestStack();
  await s.startWorker();
  const created = await s.call<{ id: string }>('POST', '/api/routes', { as: 'designer', body: { key: 'two-step', draft: twoStepRoute() } });
  routeId = created.body.id;
  await s.call('POST', `/api/routes/${routeId}/publish`, { as: 'designer', body: { revision: 1 } });
  await s.call('POST', '/api/routes', { as: 'designer', body: { key: 'unpublished', draft: twoStepRoute() } });
});
afterAll(async () => s?.close());

const start = (as: string, body: unknown) => s.call<Detail & Problems>('POST', '/api/processes', { as, body });
const count = async () => (await s.call<{ total: number }>('GET', '/api/processes', { as: 'director' })).body.total;

describe('starting a case', () => {
  it('refuses bad input, unknown and unpublished routes and bad variables, and starts nothing', async () => {
    const before = await count();
    const missing = await start('seller1', { routeKey: 'two-step', variables: { amount: 1 } });
    expect(missing.status).toBe(400);
    expect(missing.body.problems.map((p) => p.path)).toEqual(['subject']);
    expect((await start('seller1', { routeKey: 'two-step', routeId, subject: 'x' })).status).toBe(400);
    expect((await start('seller1', { routeKey: 'no-such-route', subject: 'x' })).status).toBe(404);
    const unpublished = await start('seller1', { routeKey: 'unpublished', subject: 'x', variables: { amount: 1 } });
    expect(unpublished.status).toBe(422);
    expect(unpublished.body.problems[0]!.path).toBe('routeId');
    const badVars = await start('seller1', { routeKey: 'two-step', subject: 'x', variables: { amount: 'a lot', colour: 'red' } });
    expect(badVars.status).toBe(422);
    expect(badVars.body.problems.map((p) => p.path).sort()).toEqual(['variables.amount', 'variables.colour']);
    expect((await s.call('POST', '/api/processes', { body: { routeKey: 'two-step', subject: 'x' } })).status).toBe(401);
    expect(await count()).toBe(before);
  });

  it('lists cases with filters', async () => {
    const a = await start('seller1', { routeKey: 'two-step', subject: 'Shop A', variables: { amount: 1 } });
    const b = await start('seller2', { routeId, subject: 'Shop B', variables: { amount: 2 } });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    const mine = await s.call<{ items: Summary[] }>('GET', `/api/processes?startedBy=${a.body.startedBy}`, { as: 'seller1' });
    expect(mine.body.items.map((p) => p.id)).toContain(a.body.id);
    expect(mine.body.items.map((p) => p.id)).not.toContain(b.body.id);
    const running = await s.call<{ items: Summary[] }>(`GET`, `/api/processes?status=running&routeId=${routeId}`, { as: 'seller1' });
    expect(running.body.items.every((p) => p.status === 'running' && p.route.id === routeId)).toBe(true);
    expect((await s.call('GET', '/api/processes?status=paused', { as: 'seller1' })).status).toBe(400);
    expect((await s.call('GET', '/api/processes')).status).toBe(401);
    expect((await s.call('GET', `/api/processes/${crypto.randomUUID()}`, { as: 'seller1' })).status).toBe(404);
  });
});

describe('cancelling a case', () => {
  it('lets the starter or a manager cancel, withdraws open work, records the reason, and refuses a second cancel', async () => {
    const started = await start('seller1', { routeKey: 'two-step', subject: 'Shop C', variables: { amount: 3 } });
    const id = started.body.id;
    const open = await eventually(() => s.call<Detail>('GET', `/api/processes/${id}`, { as: 'seller1' }), (r) => r.body.assignments.length === 1);
    const assignmentId = open.body.assignments[0]!.id;

    expect((await s.call('POST', `/api/processes/${id}/cancel`, { as: 'seller3', body: { reason: 'not mine' } })).status).toBe(403);
    expect((await s.call('POST', `/api/processes/${id}/cancel`, { as: 'seller1', body: {} })).status).toBe(400);
    expect((await s.call('POST', `/api/processes/${id}/cancel`, { body: { reason: 'x' } })).status).toBe(401);
    expect((await s.call('POST', `/api/processes/${crypto.randomUUID()}/cancel`, { as: 'director', body: { reason: 'x' } })).status).toBe(404);

    const cancelled = await s.call<Detail>('POST', `/api/processes/${id}/cancel`, { as: 'seller1', body: { reason: 'Client bought elsewhere' } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body.assignments[0]!.status).toBe('withdrawn');
    expect(cancelled.body.timeline.at(-1)).toMatchObject({ type: 'process.cancelled', data: { reason: 'Client bought elsewhere' } });

    expect((await s.call('POST', `/api/processes/${id}/cancel`, { as: 'director', body: { reason: 'again' } })).status).toBe(409);
    await recordHistory('cancelled-by-starter', s.client.workflow.getHandle(`process-${id}`));
    const late = await s.call('POST', `/api/assignments/${assignmentId}/complete`, { as: 'seller1', body: { outcome: 'sent' } });
    expect(late.status).toBe(409);
    expect((await s.call<{ items: unknown[] }>('GET', '/api/assignments/inbox', { as: 'seller1' })).body.items.some((i) => (i as { id: string }).id === assignmentId)).toBe(false);
  });

  it('lets a manager cancel a case someone else started', async () => {
    const started = await start('seller2', { routeKey: 'two-step', subject: 'Shop D', variables: { amount: 4 } });
    const res = await s.call<Detail>('POST', `/api/processes/${started.body.id}/cancel`, { as: 'sales.head', body: { reason: 'Duplicate' } });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('cancelled');
  });
});

describe('inbox views', () => {
  it('shows overdue work separately and hides others\' assignments', async () => {
    const started = await start('seller2', { routeKey: 'two-step', subject: 'Shop E', variables: { amount: 5 } });
    const open = await eventually(() => s.call<Detail>('GET', `/api/processes/${started.body.id}`, { as: 'seller2' }), (r) => r.body.assignments.length === 1);
    const assignmentId = open.body.assignments[0]!.id;
    const overdueIds = async () => (await s.call<{ items: { id: string; overdue: boolean }[] }>('GET', '/api/assignments/inbox?status=overdue', { as: 'seller1' })).body.items.map((i) => i.id);
    expect(await overdueIds()).not.toContain(assignmentId);
    // Two days pass (the read model is what the inbox queries; timers are tested under time skipping).
    await s.em().nativeUpdate(Assignment, { id: assignmentId }, { dueAt: new Date(Date.now() - 60_000) });
    expect(await overdueIds()).toContain(assignmentId);
    const item = await s.call<{ overdue: boolean }>('GET', `/api/assignments/${assignmentId}`, { as: 'seller1' });
    expect(item.body.overdue).toBe(true);

    expect((await s.call('GET', `/api/assignments/${assignmentId}`, { as: 'engineer1' })).status).toBe(403);
    expect((await s.call('GET', `/api/assignments/${assignmentId}`, { as: 'sales.head' })).status).toBe(200);
    expect((await s.call('POST', `/api/assignments/${assignmentId}/claim`, { as: 'seller1' })).status).toBe(409);
    expect((await s.call('GET', '/api/assignments/inbox?status=late', { as: 'seller1' })).status).toBe(400);
    expect((await s.call('GET', '/api/assignments/queue?limit=0', { as: 'seller1' })).status).toBe(400);
    expect((await s.call('POST', `/api/assignments/${assignmentId}/complete`, { as: 'seller1', body: { outcome: 7 } })).status).toBe(400);
    expect((await s.call('POST', `/api/assignments/${crypto.randomUUID()}/complete`, { as: 'seller1', body: {} })).status).toBe(404);
    for (const [method, path] of [['GET', '/api/assignments/inbox'], ['GET', '/api/assignments/queue'], ['POST', `/api/assignments/${assignmentId}/claim`], ['POST', `/api/assignments/${assignmentId}/complete`]] as const) {
      expect((await s.call(method, path, method === 'POST' ? { body: {} } : {})).status).toBe(401);
    }
  });
});

describe('acting the moment work appears', () => {
  it('accepts a completion sent as soon as the inbox row exists, before the workflow has caught up', async () => {
    // Poll the table itself every few milliseconds, faster than any person: the row of the next
    // step is committed a moment before the workflow records the step as open.
    const rowOf = async (processId: string, stepId: string) => {
      for (let i = 0; i < 2_000; i++) {
        const row = await s.em().findOne(Assignment, { process: processId, stepId });
        if (row) return row;
        await new Promise((r) => setTimeout(r, 5));
      }
      throw new Error(`no ${stepId} assignment`);
    };
    await s.login('seller1');
    await s.login('engineer1');
    for (let i = 0; i < 5; i++) {
      const started = await start('seller2', { routeKey: 'two-step', subject: `Fast ${i}`, variables: { amount: i } });
      const first = await rowOf(started.body.id, 'prepare-proposal');
      expect((await s.call('POST', `/api/assignments/${first.id}/complete`, { as: 'seller1', body: { outcome: 'sent' } })).status).toBe(200);
      const second = await rowOf(started.body.id, 'site-survey');
      const res = await s.call('POST', `/api/assignments/${second.id}/complete`, { as: 'engineer1', body: { form: { visit_date: '2026-12-01' } } });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
  });
});
