// Cases that run for a long time stay under Temporal's history limits: the workflow continues as
// new with the whole case state (open steps, their escalation ladders, variables, the loop's
// position), and a route that loops without ever waiting for anyone is stopped with a reason
// instead of spinning until Temporal terminates it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StepEvent } from '../../domain/entities/index.ts';
import { demoEmail } from '../../infra/db/demo-data.ts';
import { eventually } from '../../infra/testing/eventually.ts';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';

type Case = {
  status: string;
  variables: Record<string, unknown>;
  result: { reason?: string } | null;
  timeline: { type: string }[];
  assignments: { id: string; stepId: string; status: string }[];
  live: { openSteps: { assignmentId: string; stepId: string }[]; timers: { label: string; at: string }[]; variables: Record<string, unknown> } | null;
};

const HISTORY_LIMIT = 300;
const PINGS = 2_000;

// A review that stays open the whole time, beside a loop that takes one outside event per turn.
const listenerRoute = () => ({
  language: 'route/v1',
  name: 'Listener',
  variables: { client: { type: 'text', required: true } },
  events: { ping: { payload: { last: { type: 'boolean', required: true } } } },
  start: 'split',
  nodes: [
    { id: 'split', kind: 'parallel', branches: ['review', 'listen'], join: 'join' },
    {
      id: 'review',
      kind: 'task',
      name: 'Review the account',
      assignee: { type: 'person', email: demoEmail('seller1') },
      due: 'P30D',
      escalations: [{ after: 'P1D', action: { type: 'notify-manager' } }],
      next: 'join',
    },
    { id: 'listen', kind: 'wait', event: 'ping', next: 'check' },
    { id: 'check', kind: 'decision', branches: [{ when: { '==': [{ var: 'forms.listen.last' }, true] }, next: 'join' }], otherwise: 'listen' },
    { id: 'join', kind: 'join', mode: 'all', next: 'done' },
    { id: 'done', kind: 'end' },
  ],
});

// Waits "until" a date that has passed, so nothing ever really waits: a runaway loop.
const runawayRoute = () => ({
  language: 'route/v1',
  name: 'Runaway',
  variables: { since: { type: 'date' } },
  start: 'again',
  nodes: [
    { id: 'again', kind: 'action', do: { type: 'set', variable: 'since', value: '2020-01-01' }, next: 'pause' },
    { id: 'pause', kind: 'wait', until: { variable: 'since' }, next: 'check' },
    { id: 'check', kind: 'decision', branches: [{ when: { '!=': [{ var: 'variables.since' }, null] }, next: 'again' }], otherwise: 'stop' },
    { id: 'stop', kind: 'end' },
  ],
});

let s: TestStack;
beforeAll(async () => {
  s = await startTestStack({ caseLimits: { historyEvents: HISTORY_LIMIT, maxVisits: 500 } });
  await s.startWorker();
  for (const [key, draft] of [['listener', listenerRoute()], ['runaway', runawayRoute()]] as const) {
    const created = await s.call<{ id: string }>('POST', '/api/routes', { as: 'designer', body: { key, draft } });
    const published = await s.call('POST', `/api/routes/${created.body.id}/publish`, { as: 'designer', body: { revision: 1 } });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
  }
});
afterAll(async () => s?.close());

const view = (id: string) => s.call<Case>('GET', `/api/processes/${id}`, { as: 'director' });

describe('a loop of thousands of turns', () => {
  it('continues as new with its open step, ladder and variables, and finishes', { timeout: 180_000 }, async () => {
    const started = await s.call<{ id: string; openSteps: { assignmentId: string }[] }>('POST', '/api/processes', { as: 'seller1', body: { routeKey: 'listener', subject: 'Listener', variables: { client: 'Павильон 12' } } });
    expect(started.status).toBe(201);
    const id = started.body.id;
    const review = started.body.openSteps[0]!.assignmentId;
    const before = await view(id);
    const rung = before.body.live!.timers.find((t) => t.label === 'escalation: notify-manager')!;

    const token = await s.login('seller1');
    const ping = async () => expect((await s.call('POST', `/api/processes/${id}/events`, { token, body: { name: 'ping', payload: { last: false } } })).status).toBe(202);
    // Ten senders at a time: several events may arrive in one workflow task, and none is lost.
    for (let i = 0; i < PINGS; i += 10) await Promise.all(Array.from({ length: 10 }, ping));
    // Every turn is taken before the case is told to stop.
    const turns = () => s.em().count(StepEvent, { process: id, type: 'event.received' });
    await eventually(turns, (n) => n === PINGS, 90_000);

    // Walk the chain of runs back from the current one: each began where the one before ended.
    const lengths: number[] = [];
    for (let runId: string | undefined = (await s.client.workflow.getHandle(`process-${id}`).describe()).runId; runId; ) {
      const history = await s.client.workflow.getHandle(`process-${id}`, runId).fetchHistory();
      lengths.push(history.events?.length ?? 0);
      runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId ?? undefined;
    }
    expect(lengths.length, `the workflow continued as new (run lengths ${lengths.join(', ')})`).toBeGreaterThan(3);
    expect(Math.max(...lengths)).toBeLessThan(HISTORY_LIMIT * 2);

    // The review opened at the start is still open, with the same ladder and variables.
    const during = await view(id);
    expect(during.body.status).toBe('running');
    expect(during.body.live!.openSteps.map((o) => o.assignmentId)).toEqual([review]);
    expect(during.body.live!.timers).toContainEqual(rung);
    expect(during.body.live!.variables).toEqual({ client: 'Павильон 12' });

    expect((await s.call('POST', `/api/processes/${id}/events`, { token, body: { name: 'ping', payload: { last: true } } })).status).toBe(202);
    const done = await s.call('POST', `/api/assignments/${review}/complete`, { token, body: {} });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const ended = await eventually(() => view(id), (r) => r.body.status !== 'running');
    expect(ended.body.status).toBe('completed');
    expect(ended.body.timeline.filter((e) => e.type === 'event.received')).toHaveLength(PINGS + 1);
    expect(ended.body.assignments.map((a) => [a.stepId, a.status])).toEqual([['review', 'completed']]);
  });
});

describe('a loop that never waits', () => {
  it('ends the case as failed with the reason instead of spinning', async () => {
    const started = await s.call<{ id: string }>('POST', '/api/processes', { as: 'seller1', body: { routeKey: 'runaway', subject: 'Runaway' } });
    // The first run happens while the case is started: the answer already says it failed.
    const ended = await eventually(() => view(started.body.id), (r) => r.body.status !== 'running');
    expect(ended.body.status).toBe('failed');
    expect(ended.body.result?.reason).toMatch(/passed 500 nodes without waiting for a person, a timer or an event .*loops without end/);
  });
});
