// A graph route run through the API under Temporal's time skipping: days of deadlines pass in
// seconds, and every person's inbox is checked at each point. Decision, parallel join, loop,
// event-or-timeout and a two-level escalation, all in one complaint.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../infra/testing/eventually.ts';
import type { WorkingCalendar } from '../../domain/calendar/working-calendar.ts';
import { subtractWorkingDays } from '../../domain/calendar/calendar-math.ts';
import { demoEmail } from '../../infra/db/demo-data.ts';
import { complaintRoute, firstAnswerRoute, paymentReminderRoute, salesCallRoute } from '../../infra/testing/graph-routes.ts';
import { recordHistory } from '../../infra/testing/histories.ts';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';

type Item = { id: string; stepId: string; status: string; priority: string; dueAt: string | null; completedAt: string | null; process: { id: string } };
type Case = {
  status: string;
  result: { outcome?: string; endNode?: string; reason?: string; variables?: Record<string, unknown> } | null;
  timeline: { type: string; stepId: string | null; data: Record<string, unknown> | null }[];
  assignments: Item[];
  live: { timers: { label: string; at: string }[]; activeNodes: { nodeId: string }[] } | null;
};

let s: TestStack;
beforeAll(async () => {
  s = await startTestStack({ timeSkipping: true });
  await s.startWorker();
  for (const [key, draft] of [['test-complaint', complaintRoute()], ['quick-quote', firstAnswerRoute()], ['sales-call', salesCallRoute()], ['test-payment-reminder', paymentReminderRoute()]] as const) {
    const created = await s.call<{ id: string }>('POST', '/api/routes', { as: 'designer', body: { key, draft } });
    const published = await s.call('POST', `/api/routes/${created.body.id}/publish`, { as: 'designer', body: { revision: 1 } });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
  }
});
afterAll(async () => s?.close());

const inbox = async (who: string, processId: string, where: 'inbox' | 'queue' = 'inbox') =>
  (await s.call<{ items: Item[] }>('GET', `/api/assignments/${where}`, { as: who })).body.items.filter((i) => i.process.id === processId).map((i) => i.stepId);
const waitFor = (who: string, processId: string, stepId: string, where: 'inbox' | 'queue' = 'inbox') =>
  eventually(() => inbox(who, processId, where), (steps) => steps.includes(stepId));
const view = (id: string) => s.call<Case>('GET', `/api/processes/${id}`, { as: 'director' });
const itemOf = async (who: string, processId: string, stepId: string, where: 'inbox' | 'queue' = 'inbox') =>
  (await s.call<{ items: Item[] }>('GET', `/api/assignments/${where}`, { as: who })).body.items.find((i) => i.process.id === processId && i.stepId === stepId)!;
const complete = async (who: string, processId: string, stepId: string, body: Record<string, unknown>, where: 'inbox' | 'queue' = 'inbox') => {
  const item = await itemOf(who, processId, stepId, where);
  const res = await s.call('POST', `/api/assignments/${item.id}/complete`, { as: who, body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
};
const notes = async (who: string) => (await s.call<{ items: { title: string }[] }>('GET', '/api/notifications', { as: who })).body.items.map((n) => n.title);

describe('a complaint on a graph route', () => {
  it('reminds, escalates to the manager, reassigns, branches, runs opinions in parallel, loops and waits for the client', async () => {
    const started = await s.call<{ id: string }>('POST', '/api/processes', { as: 'seller1', body: { routeKey: 'test-complaint', subject: 'Complaint: freezer too warm', variables: { client: 'Павильон 12' } } });
    expect(started.status).toBe(201);
    const id = started.body.id;
    await waitFor('quality', id, 'review');
    // Every rung of the ladder is pending from the start, each with its instant.
    expect((await view(id)).body.live?.timers.map((t) => t.label)).toEqual(['reminder', 'escalation: notify-manager', 'escalation: reassign']);

    // Day 1: two hours before the due time, a reminder.
    await s.skip('23 hours');
    await eventually(() => notes('quality'), (n) => n.includes('Reminder: Review the complaint'));
    // Half a day overdue: the quality officer's manager (the director) hears of it.
    await s.skip('13 hours');
    await eventually(() => notes('director'), (n) => n.includes('Overdue in your team: Review the complaint'));
    expect(await inbox('quality', id)).toEqual(['review']);
    // A day overdue: the work moves to the director.
    await s.skip('12 hours');
    await waitFor('director', id, 'review');
    expect(await inbox('quality', id)).toEqual([]);
    const escalations = (await view(id)).body.timeline.filter((e) => e.type === 'step.escalated').map((e) => (e.data?.action as { type: string }).type);
    expect(escalations).toEqual(['notify-manager', 'reassign']);

    // The director decides legal and service must look at it: both get work at once.
    await complete('director', id, 'review', { outcome: 'involve' });
    await waitFor('lawyer', id, 'legal-opinion');
    await waitFor('engineer1', id, 'service-check', 'queue');
    expect(await inbox('quality', id)).toEqual([]);
    await complete('lawyer', id, 'legal-opinion', {});
    expect(await inbox('quality', id)).toEqual([]); // the join waits for both
    await complete('engineer1', id, 'service-check', {}, 'queue');
    await waitFor('quality', id, 'reply');

    // The answer needs rework: back to the review, and this time it is simple.
    await complete('quality', id, 'reply', { outcome: 'rework' });
    await waitFor('quality', id, 'review');
    await complete('quality', id, 'review', { outcome: 'simple' });
    await waitFor('quality', id, 'reply');
    await complete('quality', id, 'reply', { outcome: 'sent' });
    await eventually(() => view(id), (r) => r.body.live?.timers.some((t) => t.label === 'event timeout') ?? false);

    // The client answers: undeclared events and bad payloads are refused and change nothing.
    const unknown = await s.call<{ problems: { path: string; message: string }[] }>('POST', `/api/processes/${id}/events`, { as: 'quality', body: { name: 'payment_received' } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.problems[0]).toMatchObject({ path: 'name', message: expect.stringContaining('customer_replied') as string });
    const badPayload = await s.call<{ problems: { path: string }[] }>('POST', `/api/processes/${id}/events`, { as: 'quality', body: { name: 'customer_replied', payload: { satisfied: 'yes' } } });
    expect(badPayload.status).toBe(422);
    expect(badPayload.body.problems[0]!.path).toBe('payload.satisfied');
    expect((await s.call('POST', `/api/processes/${id}/events`, { body: { name: 'customer_replied', payload: { satisfied: true } } })).status).toBe(401);
    expect((await s.call('POST', `/api/processes/${id}/events`, { as: 'quality', body: { name: 'customer_replied', payload: { satisfied: true } } })).status).toBe(202);

    const done = await eventually(() => view(id), (r) => r.body.status === 'completed');
    expect(done.body.result).toMatchObject({ outcome: 'success', endNode: 'resolved' });
    const types = done.body.timeline.map((e) => e.type);
    for (const t of ['step.reminded', 'step.escalated', 'decision.taken', 'join.passed', 'event.received', 'process.completed']) expect(types).toContain(t);
    expect(done.body.assignments.filter((a) => a.stepId === 'review')).toHaveLength(2);
    await recordHistory('complaint-graph', s.client.workflow.getHandle(`process-${id}`));
  });

  it('closes the case when the client does not answer within three days', async () => {
    const started = await s.call<{ id: string }>('POST', '/api/processes', { as: 'quality', body: { routeKey: 'test-complaint', subject: 'Complaint: noisy compressor', variables: { client: 'Магазин 7' } } });
    const id = started.body.id;
    await waitFor('quality', id, 'review');
    await complete('quality', id, 'review', { outcome: 'simple' });
    await waitFor('quality', id, 'reply');
    await complete('quality', id, 'reply', { outcome: 'sent' });
    await eventually(() => view(id), (r) => r.body.live?.activeNodes.some((n) => n.nodeId === 'await-customer') ?? false);
    await s.skip('3 days');
    const done = await eventually(() => view(id), (r) => r.body.status === 'completed');
    expect(done.body.result).toMatchObject({ outcome: 'success', endNode: 'closed-silently', reason: 'No answer from the client within 3 days' });
    expect(done.body.timeline.map((e) => e.type)).toContain('event.timeout');
  });
});

describe('a race between departments', () => {
  it('continues on the first answer and withdraws the other department\'s assignment', async () => {
    const started = await s.call<{ id: string }>('POST', '/api/processes', { as: 'seller2', body: { routeKey: 'quick-quote', subject: 'Quote: cold room 12 m²' } });
    const id = started.body.id;
    await waitFor('service.head', id, 'service-quote');
    // least-busy picks one seller at once: the assignment is in exactly one seller's inbox.
    const holders = await eventually(
      async () => (await Promise.all(['sales.head', 'seller1', 'seller2', 'seller3'].map(async (who) => ((await inbox(who, id)).includes('sales-quote') ? who : null)))).filter(Boolean),
      (found) => found.length === 1,
    );
    await complete('service.head', id, 'service-quote', {});
    const done = await eventually(() => view(id), (r) => r.body.status === 'completed');
    expect(done.body.assignments.map((a) => [a.stepId, a.status]).sort()).toEqual([
      ['sales-quote', 'withdrawn'],
      ['service-quote', 'completed'],
    ]);
    expect(await inbox(holders[0]!, id)).toEqual([]);
    expect(done.body.result?.variables).toMatchObject({ answered: true });
    await recordHistory('first-answer-join', s.client.workflow.getHandle(`process-${id}`));
  });
});

describe('a follow-up created by the outcome of a call', () => {
  it('creates the next contact with its due date from the outcome, and keeps the case open until it is done', async () => {
    const started = await s.call<{ id: string }>('POST', '/api/processes', { as: 'seller3', body: { routeKey: 'sales-call', subject: 'Call: Магазин 7' } });
    const id = started.body.id;
    await waitFor('seller3', id, 'call');
    await complete('seller3', id, 'call', { outcome: 'later' });
    await waitFor('seller3', id, 'call-back');
    const followUp = await itemOf('seller3', id, 'call-back');
    const call = (await view(id)).body.assignments.find((a) => a.stepId === 'call')!;
    const dueIn = new Date(followUp.dueAt!).getTime() - new Date(call.completedAt!).getTime();
    expect(Math.round(dueIn / 86_400_000)).toBe(3);
    expect((await view(id)).body.status).toBe('running');
    await complete('seller3', id, 'call-back', {});
    const done = await eventually(() => view(id), (r) => r.body.status === 'completed');
    expect(done.body.assignments.map((a) => [a.stepId, a.status])).toEqual([
      ['call', 'completed'],
      ['call-back', 'completed'],
    ]);
  });
});

describe('the payment reminder', () => {
  it('wakes up three working days before the invoice is due and gives the call to the deal owner', async () => {
    const routes = await s.call<{ items: { id: string; key: string }[] }>('GET', '/api/routes', { as: 'seller1' });
    const routeId = routes.body.items.find((r) => r.key === 'test-payment-reminder')!.id;
    const version = await s.call<{ definition: { calendar: WorkingCalendar } }>('GET', `/api/routes/${routeId}/versions/1`, { as: 'seller1' });
    // An invoice due in three weeks, on the test server's clock (earlier tests moved it ahead).
    const due = new Date((await s.now()) + 21 * 86_400_000).toISOString().slice(0, 10);
    const wakeAt = subtractWorkingDays(version.body.definition.calendar, due, 3);

    const started = await s.call<{ id: string }>('POST', '/api/processes', { as: 'sales.head', body: { routeKey: 'test-payment-reminder', subject: `Invoice due ${due}`, variables: { invoice_due: due, owner: demoEmail('seller2') } } });
    const id = started.body.id;
    const waiting = await eventually(() => view(id), (r) => (r.body.live?.timers.length ?? 0) > 0);
    expect(waiting.body.live?.timers).toEqual([expect.objectContaining({ nodeId: 'until-three-days-before', label: 'wait', at: wakeAt.toISOString() })]);

    await s.skip(`${Math.floor((wakeAt.getTime() - (await s.now())) / 3_600_000) - 2} hours`);
    expect(await inbox('seller2', id)).toEqual([]);
    await s.skip('3 hours');
    await waitFor('seller2', id, 'confirm');
  });
});
