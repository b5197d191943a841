// A route that runs another route as a sub-process: the child case shows up in the case list,
// its task goes to the engineer, its result flows back into the parent's variables and decides
// the parent's branch; and what cancelling the parent does to the running child.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail } from '../../infra/db/demo-data.ts';
import { eventually } from '../../infra/testing/eventually.ts';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';

type Item = { id: string; stepId: string; status: string; process: { id: string; subject: string; routeKey: string } };
type Summary = { id: string; subject: string; status: string; route: { key: string } };
type Case = Summary & {
  variables: Record<string, unknown>;
  result: { outcome?: string; endNode?: string; reason?: string; variables?: Record<string, unknown> } | null;
  timeline: { type: string; stepId: string | null; data: Record<string, unknown> | null }[];
  assignments: { id: string; stepId: string; status: string }[];
  live: { openSteps: { assignmentId?: unknown }[]; children?: { nodeId: string; processId: string | null }[] } | null;
  parentId?: string | null;
  children?: { id: string; status: string }[];
};

const surveyRoute = () => ({
  language: 'route/v1',
  name: 'Site survey',
  variables: { address: { type: 'text', required: true } },
  start: 'survey',
  nodes: [
    {
      id: 'survey',
      kind: 'task',
      name: 'Survey the site',
      assignee: { type: 'person', email: demoEmail('engineer1') },
      due: 'P2D',
      form: [{ id: 'power_ok', label: 'Enough power on site', type: 'boolean', required: true }],
      next: 'record',
    },
    { id: 'record', kind: 'action', do: { type: 'set', variable: 'survey_ok', value: { from: 'forms.survey.power_ok' } } },
  ],
});

// Eight surveys at once, for the cancel of a case with many children.
const fleetRoute = () => ({
  language: 'route/v1',
  name: 'Fleet survey',
  variables: { address: { type: 'text', required: true } },
  start: 'split',
  nodes: [
    { id: 'split', kind: 'parallel', branches: Array.from({ length: 8 }, (_, i) => `survey-${i}`), join: 'join' },
    ...Array.from({ length: 8 }, (_, i) => ({ id: `survey-${i}`, kind: 'subprocess', route: 'site-survey', inputs: { address: { from: 'variables.address' } }, next: 'join' })),
    { id: 'join', kind: 'join', mode: 'all' },
  ],
});

const installationRoute = () => ({
  language: 'route/v1',
  name: 'Installation',
  variables: { address: { type: 'text', required: true } },
  start: 'site-survey',
  nodes: [
    { id: 'site-survey', kind: 'subprocess', name: 'Site survey', route: 'site-survey', inputs: { address: { from: 'variables.address' } }, outputs: { survey_result: 'survey_ok' }, next: 'check' },
    { id: 'check', kind: 'decision', branches: [{ label: 'power is fine', when: { '==': [{ var: 'variables.survey_result' }, true] }, next: 'ready' }], otherwise: 'not-ready' },
    { id: 'ready', kind: 'end', result: 'success' },
    { id: 'not-ready', kind: 'end', result: 'failure', reason: 'The site needs more power first' },
  ],
});

let s: TestStack;
beforeAll(async () => {
  s = await startTestStack();
  await s.startWorker();
  // The child first: a sub-process may only name a published route.
  for (const [key, draft] of [['site-survey', surveyRoute()], ['installation', installationRoute()], ['fleet', fleetRoute()]] as const) {
    const created = await s.call<{ id: string }>('POST', '/api/routes', { as: 'designer', body: { key, draft } });
    const published = await s.call('POST', `/api/routes/${created.body.id}/publish`, { as: 'designer', body: { revision: 1 } });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
  }
});
afterAll(async () => s?.close());

const view = (id: string) => s.call<Case>('GET', `/api/processes/${id}`, { as: 'director' });
const inbox = async (who: string) => (await s.call<{ items: Item[] }>('GET', '/api/assignments/inbox', { as: who })).body.items;

/** Starts an installation case as seller1; returns it, its child case and the engineer's survey task. */
async function startInstallation(subject: string, address: string) {
  const started = await s.call<{ id: string }>('POST', '/api/processes', { as: 'seller1', body: { routeKey: 'installation', subject, variables: { address } } });
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  const parentId = started.body.id;
  const cases = await eventually(
    async () => (await s.call<{ items: Summary[] }>('GET', '/api/processes?limit=200', { as: 'seller1' })).body.items,
    (items) => items.some((p) => p.route.key === 'site-survey' && p.subject.includes(subject)),
  );
  const child = cases.find((p) => p.route.key === 'site-survey' && p.subject.includes(subject))!;
  expect(child).toMatchObject({ status: 'running', subject: `${subject} / Site survey` });
  const task = (await eventually(() => inbox('engineer1'), (items) => items.some((i) => i.process.id === child.id))).find((i) => i.process.id === child.id)!;
  expect(task).toMatchObject({ stepId: 'survey', status: 'open', process: { routeKey: 'site-survey' } });
  return { parentId, childId: child.id, task };
}

describe('a sub-process', () => {
  it('runs the survey as a child case and continues the parent on its result', async () => {
    const { parentId, childId, task } = await startInstallation('Installation: Pavilion 12', 'Lenina 1');
    // The address went down to the child; the parent waits, with no work of its own open.
    expect((await view(childId)).body).toMatchObject({ variables: { address: 'Lenina 1' }, parentId });
    const waiting = (await view(parentId)).body;
    expect(waiting).toMatchObject({ status: 'running', assignments: [], parentId: null, children: [{ id: childId, status: 'running' }] });
    expect(waiting.live?.children).toEqual([{ nodeId: 'site-survey', processId: childId }]);

    const done = await s.call('POST', `/api/assignments/${task.id}/complete`, { as: 'engineer1', body: { form: { power_ok: true } } });
    expect(done.status, JSON.stringify(done.body)).toBe(200);

    const child = await eventually(() => view(childId), (r) => r.body.status === 'completed');
    expect(child.body.result).toMatchObject({ outcome: 'success', variables: { address: 'Lenina 1', survey_ok: true } });
    const parent = await eventually(() => view(parentId), (r) => r.body.status === 'completed');
    expect(parent.body.result).toMatchObject({ outcome: 'success', endNode: 'ready' });
    expect(parent.body.result?.variables).toEqual({ address: 'Lenina 1', survey_result: true });
    const finished = parent.body.timeline.find((e) => e.type === 'subprocess.finished');
    expect(finished).toMatchObject({ stepId: 'site-survey', data: { childProcessId: childId, outcome: 'success' } });
    expect(parent.body.timeline.find((e) => e.type === 'decision.taken')?.data).toMatchObject({ branch: 'power is fine', next: 'ready' });
    expect((await inbox('engineer1')).filter((i) => i.process.id === childId)).toEqual([]);
  });

  it('takes the other branch when the survey finds too little power', async () => {
    const { parentId, task } = await startInstallation('Installation: Магазин 7', 'Mira 5');
    expect((await s.call('POST', `/api/assignments/${task.id}/complete`, { as: 'engineer1', body: { form: { power_ok: false } } })).status).toBe(200);
    const parent = await eventually(() => view(parentId), (r) => r.body.status === 'completed');
    expect(parent.body.result).toMatchObject({ outcome: 'failure', endNode: 'not-ready', reason: 'The site needs more power first', variables: { survey_result: false } });
  });

  it('cancelling the parent cancels the running child and withdraws its task', async () => {
    const { parentId, childId, task } = await startInstallation('Installation: cold room', 'Sadovaya 3');
    const cancelled = await s.call<Case>('POST', `/api/processes/${parentId}/cancel`, { as: 'seller1', body: { reason: 'The client withdrew' } });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', result: { reason: 'The client withdrew' } });

    // The child does not outlive its parent: it ends too, and the engineer's task goes away.
    const child = await eventually(() => view(childId), (r) => r.body.status !== 'running', 10_000);
    expect(child.body.status).toBe('cancelled');
    expect(child.body.assignments.map((a) => [a.stepId, a.status])).toEqual([['survey', 'withdrawn']]);
    expect(child.body.timeline.map((e) => e.type)).toContain('process.cancelled');
    expect((await inbox('engineer1')).filter((i) => i.process.id === childId)).toEqual([]);
    const late = await s.call('POST', `/api/assignments/${task.id}/complete`, { as: 'engineer1', body: { form: { power_ok: true } } });
    expect(late.status).toBe(409);
  });

  it('a child cancelled with its parent says why', async () => {
    const { parentId, childId } = await startInstallation('Installation: ice rink', 'Lesnaya 9');
    expect((await s.call('POST', `/api/processes/${parentId}/cancel`, { as: 'seller1', body: { reason: 'Duplicate case' } })).status).toBe(200);
    const child = await eventually(() => view(childId), (r) => r.body.status !== 'running', 10_000);
    expect(child.body.result?.reason).toMatch(/parent|Duplicate case/i);
  });

  it('cancels a case with many children at once; the children follow on their own', async () => {
    const started = await s.call<{ id: string }>('POST', '/api/processes', { as: 'seller1', body: { routeKey: 'fleet', subject: 'Fleet: 8 shops', variables: { address: 'Mira 1' } } });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const parentId = started.body.id;
    const running = await eventually(() => view(parentId), (r) => (r.body.children ?? []).length === 8 && (r.body.live?.children ?? []).every((c) => c.processId !== null));
    const childIds = running.body.children!.map((c) => c.id);

    const asked = Date.now();
    const cancelled = await s.call<Case>('POST', `/api/processes/${parentId}/cancel`, { as: 'seller1', body: { reason: 'Campaign stopped' } });
    expect(cancelled.status).toBe(200);
    // The answer does not wait for eight children to wind down (measured here: well under a second).
    expect(Date.now() - asked).toBeLessThan(3_000);
    const ended = await eventually(async () => Promise.all(childIds.map(async (id) => (await view(id)).body)), (all) => all.every((c) => c.status !== 'running'), 20_000);
    expect(ended.map((c) => c.status)).toEqual(childIds.map(() => 'cancelled'));
    expect(ended.every((c) => c.assignments.every((a) => a.status === 'withdrawn'))).toBe(true);
  });
});
