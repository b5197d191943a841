// A case from start to finish through the API, on real PostgreSQL and Temporal: publish a
// two-step route, run it as the right people, be refused as the wrong ones, survive a worker
// restart between the steps, and read the timeline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../infra/testing/eventually.ts';
import { recordHistory } from '../../infra/testing/histories.ts';
import { twoStepRoute } from '../../infra/testing/sample-routes.ts';
import { startTestStack, type RunningWorker, type TestStack } from '../../infra/testing/stack.ts';

type Item = { id: string; stepId: string; status: string; assigneeId: string | null; role: string | null; process: { id: string } };
type Items = { items: Item[] };

let s: TestStack;
let worker: RunningWorker;
beforeAll(async () => {
  s = await startTestStack();
  worker = await s.startWorker();
});
afterAll(async () => s?.close());

describe('a two-step case', () => {
  it('runs from publish to completion, refusing the wrong users and surviving a worker restart', async () => {
    const created = await s.call<{ id: string; draftRevision: number }>('POST', '/api/routes', { as: 'designer', body: { key: 'proposal-check', draft: twoStepRoute() } });
    expect(created.status).toBe(201);
    const published = await s.call<{ version: number }>('POST', `/api/routes/${created.body.id}/publish`, { as: 'designer', body: { revision: created.body.draftRevision } });
    expect(published.status).toBe(201);
    expect(published.body.version).toBe(1);

    const started = await s.call<{ id: string; status: string; route: { version: number } }>('POST', '/api/processes', {
      as: 'seller2',
      body: { routeKey: 'proposal-check', subject: 'Pavilion 12: three freezers', variables: { amount: 450000 } },
    });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ status: 'running', route: { version: 1 } });
    const processId = started.body.id;

    // Step 1 lands in seller1's inbox, and nobody else's.
    const inbox = await eventually(
      () => s.call<Items>('GET', '/api/assignments/inbox', { as: 'seller1' }),
      (r) => r.body.items.some((i) => i.process.id === processId),
    );
    const first = inbox.body.items.find((i) => i.process.id === processId)!;
    expect(first).toMatchObject({ stepId: 'prepare-proposal', status: 'open' });
    expect((await s.call<Items>('GET', '/api/assignments/inbox', { as: 'engineer1' })).body.items).toHaveLength(0);

    // The wrong person and bad data are refused, and change nothing.
    const wrong = await s.call('POST', `/api/assignments/${first.id}/complete`, { as: 'seller3', body: { outcome: 'sent' } });
    expect(wrong.status).toBe(403);
    expect(wrong.contentType).toContain('application/problem+json');
    const bad = await s.call<{ problems: { path: string }[] }>('POST', `/api/assignments/${first.id}/complete`, { as: 'seller1', body: { outcome: 'maybe' } });
    expect(bad.status).toBe(422);
    expect(bad.body.problems[0]!.path).toBe('outcome');
    expect((await s.call('GET', `/api/assignments/${first.id}`, { as: 'seller1' })).body).toMatchObject({ status: 'open', outcome: null });

    const done = await s.call('POST', `/api/assignments/${first.id}/complete`, { as: 'seller1', body: { outcome: 'sent' } });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'completed', outcome: 'sent' });
    const twice = await s.call('POST', `/api/assignments/${first.id}/complete`, { as: 'seller1', body: { outcome: 'sent' } });
    expect(twice.status).toBe(409);

    // Step 2 goes to the service queue: any engineer may claim it.
    const queue = await eventually(
      () => s.call<Items>('GET', '/api/assignments/queue', { as: 'engineer2' }),
      (r) => r.body.items.some((i) => i.process.id === processId),
    );
    const second = queue.body.items.find((i) => i.process.id === processId)!;
    expect(second).toMatchObject({ stepId: 'site-survey', role: 'service', assigneeId: null });
    expect((await s.call<Items>('GET', '/api/assignments/queue', { as: 'seller1' })).body.items).toHaveLength(0);

    // The worker goes away between the steps; a new one, with nothing cached, replays history.
    await worker.stop();
    worker = await s.startWorker();

    expect((await s.call('POST', `/api/assignments/${second.id}/claim`, { as: 'seller1' })).status).toBe(403);
    const claimed = await s.call('POST', `/api/assignments/${second.id}/claim`, { as: 'engineer1' });
    expect(claimed.status).toBe(200);
    expect((await s.call('POST', `/api/assignments/${second.id}/claim`, { as: 'engineer2' })).status).toBe(403);
    expect((await s.call('POST', `/api/assignments/${second.id}/complete`, { as: 'engineer2', body: { form: { visit_date: '2026-12-01' } } })).status).toBe(403);

    const missing = await s.call<{ problems: { path: string }[] }>('POST', `/api/assignments/${second.id}/complete`, { as: 'engineer1', body: { form: {} } });
    expect(missing.status).toBe(422);
    expect(missing.body.problems.map((p) => p.path)).toEqual(['form.visit_date']);
    const finished = await s.call('POST', `/api/assignments/${second.id}/complete`, { as: 'engineer1', body: { form: { visit_date: '2026-12-01', power_ok: true } } });
    expect(finished.status).toBe(200);

    const view = await eventually(
      () => s.call<{ status: string; timeline: { type: string; stepId: string | null }[]; assignments: Item[]; currentStep: unknown }>('GET', `/api/processes/${processId}`, { as: 'director' }),
      (r) => r.body.status === 'completed',
    );
    expect(view.body.currentStep).toBeNull();
    expect(view.body.assignments.map((a) => [a.stepId, a.status])).toEqual([
      ['prepare-proposal', 'completed'],
      ['site-survey', 'completed'],
    ]);
    expect(view.body.timeline.map((e) => `${e.type}${e.stepId ? `:${e.stepId}` : ''}`)).toEqual([
      'process.started',
      'step.opened:prepare-proposal',
      'step.completed:prepare-proposal',
      'step.opened:site-survey',
      'step.claimed:site-survey',
      'step.completed:site-survey',
      'process.completed',
    ]);
    const handle = s.client.workflow.getHandle(`process-${processId}`);
    expect(await handle.result()).toMatchObject({ status: 'completed', steps: [{ outcome: 'sent' }, { stepId: 'site-survey' }] });
    await recordHistory('two-step-completed', handle);
  });
});

