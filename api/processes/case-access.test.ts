// Who sees a case (domain/processes/case-access.ts), as a table over the demo company: the case
// view, the case list and its count, and the assignment view agree, before and after the case's
// second step reaches the service queue. And who may cancel it or move its work.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail } from '../../infra/db/demo-data.ts';
import { eventually } from '../../infra/testing/eventually.ts';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';

let s: TestStack;
let processId: string;
let firstStep: string;

// seller1 starts; step 1 is seller2's; step 2 goes to the service queue.
const route = {
  language: 'route/v0',
  name: 'Access table',
  variables: { secret_margin: { type: 'number', required: true } },
  steps: [
    { id: 'offer', kind: 'task', name: 'Offer', assignee: { type: 'person', email: demoEmail('seller2') }, due: 'P2D', form: [{ id: 'discount', label: 'Discount', type: 'number', required: true }] },
    { id: 'survey', kind: 'task', name: 'Survey', assignee: { type: 'role', role: 'service' }, due: 'P2D' },
  ],
};

beforeAll(async () => {
  s = await startTestStack();
  await s.startWorker();
  const created = await s.call<{ id: string }>('POST', '/api/routes', { as: 'designer', body: { key: 'access', draft: route } });
  await s.call('POST', `/api/routes/${created.body.id}/publish`, { as: 'designer', body: { revision: 1 } });
  const started = await s.call<{ id: string; openSteps: { assignmentId: string }[] }>('POST', '/api/processes', {
    as: 'seller1',
    body: { routeKey: 'access', subject: 'Pavilion for Access LLC', variables: { secret_margin: 31 } },
  });
  expect(started.status).toBe(201);
  processId = started.body.id;
  firstStep = started.body.openSteps[0]!.assignmentId;
});
afterAll(async () => s?.close());

type Row = [who: string, why: string, whileOffer: boolean, afterSurveyOpens: boolean];
const TABLE: Row[] = [
  ['seller1', 'started it', true, true],
  ['seller2', 'holds step 1, then completed it', true, true],
  ['sales.head', "manager of the starter and of step 1's holder", true, true],
  ['director', 'management role (and top of the chain)', true, true],
  ['admin', 'admin', true, true],
  ['engineer1', 'member of the service queue, once step 2 sits there', false, true],
  ['service.head', 'manager of the service queue members', false, true],
  ['seller3', 'a colleague of the people involved', false, false],
  ['designer', 'designs routes, is not involved', false, false],
  ['quality', 'not involved', false, false],
];

async function sees(who: string): Promise<{ view: number; listed: boolean; total: number; variables: unknown }> {
  const view = await s.call<{ variables: Record<string, unknown> }>('GET', `/api/processes/${processId}`, { as: who });
  const list = await s.call<{ items: { id: string }[]; total: number }>('GET', '/api/processes?limit=100', { as: who });
  return { view: view.status, listed: list.body.items.some((c) => c.id === processId), total: list.body.total, variables: view.status === 200 ? view.body.variables : undefined };
}

describe('who sees a case', () => {
  it.each(TABLE)('while step 1 is open: %s (%s) sees it: %s', async (who, _why, visible) => {
    const r = await sees(who);
    expect(r.view).toBe(visible ? 200 : 403);
    expect(r.listed).toBe(visible);
    // The count is of the same cases the list shows.
    expect(r.total).toBe(visible ? 1 : 0);
    expect(r.variables).toEqual(visible ? { secret_margin: 31 } : undefined);
    const assignment = await s.call<{ formData: unknown }>('GET', `/api/assignments/${firstStep}`, { as: who });
    expect(assignment.status).toBe(visible ? 200 : 403);
  });

  it('follows the case: once step 2 reaches the service queue, the queue and its manager see it too', async () => {
    const done = await s.call('POST', `/api/assignments/${firstStep}/complete`, { as: 'seller2', body: { form: { discount: 5 } } });
    expect(done.status).toBe(200);
    await eventually(() => s.call<{ items: unknown[] }>('GET', '/api/assignments/queue', { as: 'engineer1' }), (r) => r.body.items.length === 1);
    for (const [who, , , visible] of TABLE) {
      const r = await sees(who);
      expect({ who, view: r.view, listed: r.listed }).toEqual({ who, view: visible ? 200 : 403, listed: visible });
      // Completed form data shows only to those who see the case.
      const assignment = await s.call<{ formData: unknown }>('GET', `/api/assignments/${firstStep}`, { as: who });
      expect({ who, status: assignment.status, formData: assignment.body.formData }).toEqual({ who, status: visible ? 200 : 403, formData: visible ? { discount: 5 } : undefined });
    }
  });
});

describe('who acts on a case as its supervisor', () => {
  it('lets a manager of its people reassign its work, and refuses a manager of another team and a colleague', async () => {
    const queue = await s.call<{ items: { id: string }[] }>('GET', '/api/assignments/queue', { as: 'engineer1' });
    const survey = queue.body.items[0]!.id;
    const engineer2 = await s.call<{ items: { id: string; email: string }[] }>('GET', '/api/employees', { as: 'admin' });
    const target = engineer2.body.items.find((e) => e.email === demoEmail('engineer2'))!.id;
    for (const who of ['seller3', 'quality']) {
      const refused = await s.call('POST', `/api/assignments/${survey}/reassign`, { as: who, body: { employeeId: target, reason: 'holiday' } });
      expect(refused.status).toBe(403);
    }
    const moved = await s.call<{ assigneeId: string }>('POST', `/api/assignments/${survey}/reassign`, { as: 'service.head', body: { employeeId: target, reason: 'holiday' } });
    expect(moved.status).toBe(200);
    expect(moved.body.assigneeId).toBe(target);
  });

  it('lets the starter or a manager of its people cancel it, and no one else', async () => {
    for (const who of ['seller3', 'designer', 'engineer1']) {
      const refused = await s.call('POST', `/api/processes/${processId}/cancel`, { as: who, body: { reason: 'not mine' } });
      expect(refused.status).toBe(403);
    }
    expect((await s.call<{ status: string }>('GET', `/api/processes/${processId}`, { as: 'seller1' })).body.status).toBe('running');
    const cancelled = await s.call<{ status: string }>('POST', `/api/processes/${processId}/cancel`, { as: 'sales.head', body: { reason: 'client went away' } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
  });
});
