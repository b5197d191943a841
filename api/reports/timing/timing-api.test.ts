// The process-timing reports a manager reads, over facts written by the transition the activity runs (applyTransition)
// at chosen instants (Moscow, November 2026: the 16th is a Monday, working 09-13 and 14-18), so
// every figure below is counted by hand. Cases are driven through it rather than a
// live workflow because a real clock cannot complete steps at those instants.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Employee, Process, RouteVersion } from '../../../domain/entities/index.ts';
import { applyTransition } from '../../../domain/processes/apply-transition.ts';
import type { Effect } from '../../../domain/processes/case-state.ts';
import { local } from '../../../domain/calendar/test-calendars.ts';
import { demoEmail } from '../../../infra/db/demo-data.ts';
import { startTestStack, type TestStack } from '../../../infra/testing/stack.ts';
import { backfillTimingFacts } from '../../../domain/reports/timing/backfill-timing-facts.ts';

const HOUR = 3_600_000;
let s: TestStack;
const ids: Record<string, string> = {};

const route = (name: string) => ({
  language: 'route/v1',
  name,
  start: 'check',
  nodes: [
    { id: 'check', kind: 'task', name: 'Check the order', assignee: { type: 'person', email: demoEmail('seller1') }, due: { working: 'PT4H' }, next: 'approve' },
    { id: 'approve', kind: 'task', name: 'Approve', assignee: { type: 'role', role: 'sales' }, due: { working: 'P1D' }, next: 'done' },
    { id: 'done', kind: 'end', result: 'success' },
  ],
});

async function publish(key: string, name: string): Promise<string> {
  const created = await s.call<{ id: string }>('POST', '/api/routes', { as: 'designer', body: { key, draft: route(name) } });
  expect(created.status).toBe(201);
  expect((await s.call('POST', `/api/routes/${created.body.id}/publish`, { as: 'designer', body: { revision: 1 } })).status).toBe(201);
  const em = s.em();
  return (await em.findOneOrFail(RouteVersion, { route: { key }, version: 1 })).id;
}

/** A running case of the version, started at `at` by seller1. */
async function newCase(versionId: string, at: Date): Promise<string> {
  const em = s.em();
  const id = crypto.randomUUID();
  em.create(Process, { id, workflowId: `process-${id}`, routeVersion: versionId, subject: `Timing ${id.slice(0, 8)}`, variables: {}, status: 'running', startedBy: ids.seller1!, startedAt: at });
  await em.flush();
  return id;
}

const iso = (d: Date | string) => (typeof d === 'string' ? local(d) : d).toISOString();
const context = () => ({ variables: {}, completedBy: {}, startedBy: ids.seller1! });
const open = (assignmentId: string, stepId: 'check' | 'approve', at: Date | string, due: Date | string | null): Effect => ({
  type: 'open', assignmentId, step: { id: stepId, name: stepId }, priority: 'normal', openedAt: iso(at), dueAt: due === null ? null : iso(due), context: context(),
  assignee: stepId === 'check' ? { type: 'person', email: demoEmail('seller1') } : { type: 'role', role: 'sales', pick: 'queue' },
});
const claim = (assignmentId: string, who: string, at: string): Effect => ({ type: 'claim', assignmentId, stepId: 'approve', employeeId: ids[who]!, at: iso(at) });
const complete = (assignmentId: string, stepId: string, who: string, at: Date | string): Effect => ({ type: 'complete', assignmentId, stepId, employeeId: ids[who]!, at: iso(at) });
const close = (at: string): Effect => ({ type: 'close', status: 'completed', at: iso(at), result: {} });
// As the transition activity applies a batch: one transaction.
const apply = (processId: string, effects: Effect[]) => s.em().transactional((em) => applyTransition(em, { processId, subject: 'Timing' }, effects));

/** One step of the case: opened, (claimed,) completed, each in its own transition as the inbox does. */
async function step(processId: string, stepId: 'check' | 'approve', who: string, opened: string, due: string, done: string, claimed?: string): Promise<string> {
  const a = crypto.randomUUID();
  await apply(processId, [open(a, stepId, opened, due)]);
  if (claimed) await apply(processId, [claim(a, who, claimed)]);
  await apply(processId, [complete(a, stepId, who, done)]);
  return a;
}

let version: string;
const open5: Record<string, string> = {};
const period = 'from=2026-11-01&to=2026-11-30';

beforeAll(async () => {
  s = await startTestStack();
  for (const who of ['seller1', 'seller2', 'seller3']) ids[who] = (await s.em().findOneOrFail(Employee, { email: demoEmail(who) })).id;
  version = await publish('timing-report', 'Timing report');

  // Case 1: check Mon 09-11 (2 h); approve queued 11-13 (2 h), claimed by seller2, done Tue 10:00
  // (13-18 is 4 h, Tue 09-10 1 h: 5 h assigned, 7 h in all), before its due time.
  const c1 = await newCase(version, local('2026-11-16T09:00'));
  await step(c1, 'check', 'seller1', '2026-11-16T09:00', '2026-11-16T13:00', '2026-11-16T11:00');
  await step(c1, 'approve', 'seller2', '2026-11-16T11:00', '2026-11-17T11:00', '2026-11-17T10:00', '2026-11-16T13:00');
  await apply(c1, [close('2026-11-17T10:00')]);
  // Case 2: check Tue 09-15 (5 h, due 13:00: late), checked again 15-16 (1 h: rework); approve
  // opened Tue 16:00, taken from the queue and done by seller3 Wed 10:00 (3 h queued), due 09:30.
  const c2 = await newCase(version, local('2026-11-17T09:00'));
  ids.lateCheck = await step(c2, 'check', 'seller1', '2026-11-17T09:00', '2026-11-17T13:00', '2026-11-17T15:00');
  await step(c2, 'check', 'seller1', '2026-11-17T15:00', '2026-11-18T10:00', '2026-11-17T16:00');
  const a2 = crypto.randomUUID();
  await apply(c2, [open(a2, 'approve', '2026-11-17T16:00', '2026-11-18T09:30')]);
  await apply(c2, [complete(a2, 'approve', 'seller3', '2026-11-18T10:00'), close('2026-11-18T10:00')]);
  // Case 3: check Wed 09-12 (3 h); approve still open, due Thu 19 Nov 12:00: past due now.
  const c3 = await newCase(version, local('2026-11-18T09:00'));
  await step(c3, 'check', 'seller1', '2026-11-18T09:00', '2026-11-18T13:00', '2026-11-18T12:00');
  ids.openApprove = crypto.randomUUID();
  await apply(c3, [open(ids.openApprove, 'approve', '2026-11-18T12:00', '2026-11-19T12:00')]);
  // Case 4: check Thu 09-10 (1 h), the fifth closed check.
  const c4 = await newCase(version, local('2026-11-19T09:00'));
  await step(c4, 'check', 'seller1', '2026-11-19T09:00', '2026-11-19T13:00', '2026-11-19T10:00');
  // Case 5: check opened Fri 20 Nov 09:00 and still open: overdue and open longer than the p90.
  const c5 = await newCase(version, local('2026-11-20T09:00'));
  open5.stuck = crypto.randomUUID();
  await apply(c5, [open(open5.stuck, 'check', '2026-11-20T09:00', '2026-11-20T13:00')]);
  // Case 6: check due a minute from now: at risk, not yet overdue.
  const c6 = await newCase(version, new Date());
  open5.soon = crypto.randomUUID();
  await apply(c6, [open(open5.soon, 'check', new Date(Date.now() - 60_000), new Date(Date.now() + 60_000))]);
});
afterAll(async () => s?.close());

interface NodeTiming { nodeId: string; cases: number; steps: number; medianMs: number; p90Ms: number; queueMedianMs: number | null; assignedMedianMs: number; target: string | null; overDue: number; overDueShare: number; reworkShare: number; avgRepeats: number }
interface Timing { route: { key: string; version: number }; nodes: NodeTiming[]; people: { nodeId: string; employee: { fullName: string; id: string }; steps: number; medianMs: number }[]; variants: { path: string[]; cases: number; share: number; medianMs: number }[]; compare?: { version: number; nodes: NodeTiming[] } }

describe('process timing of a route version', () => {
  it('shows each node\'s cases, median and p90 in working time, the share over target and the rework', async () => {
    const res = await s.call<Timing>('GET', `/api/reports/process-timing?routeKey=timing-report&${period}`, { as: 'director' });
    expect(res.status).toBe(200);
    expect(res.body.route).toMatchObject({ key: 'timing-report', version: 1 });
    const [check, approve] = res.body.nodes;
    // Checks: 1, 1, 2, 3 and 5 hours in 4 cases, one of 5 late, case 2 checked twice.
    expect(check).toEqual({
      nodeId: 'check', name: 'Check the order', cases: 4, steps: 5, medianMs: 2 * HOUR, p90Ms: 4.2 * HOUR, queueMedianMs: null, assignedMedianMs: 2 * HOUR,
      target: 'PT4H', overDue: 1, overDueShare: 0.2, reworkShare: 0.25, avgRepeats: 1.25,
    });
    // Approvals: 7 h and 3 h; queued 2 h and 3 h; assigned 5 h and none (taken as it was completed).
    expect(approve).toMatchObject({ nodeId: 'approve', cases: 2, steps: 2, medianMs: 5 * HOUR, p90Ms: 6.6 * HOUR, queueMedianMs: 2.5 * HOUR, assignedMedianMs: 2.5 * HOUR, target: 'P1D', overDue: 1, overDueShare: 0.5, reworkShare: 0, avgRepeats: 1 });
  });

  it('shows who did each node and the paths the ended cases took', async () => {
    const res = await s.call<Timing>('GET', `/api/reports/process-timing?routeKey=timing-report&${period}`, { as: 'director' });
    const approvers = res.body.people.filter((p) => p.nodeId === 'approve').map((p) => [p.employee.id, p.steps, p.medianMs]);
    expect(approvers).toEqual(expect.arrayContaining([[ids.seller2, 1, 7 * HOUR], [ids.seller3, 1, 3 * HOUR]]));
    expect(res.body.people.find((p) => p.nodeId === 'check')).toMatchObject({ employee: { id: ids.seller1 }, steps: 5 });
    // Both ended cases took 9 working hours (Mon 09:00 - Tue 10:00, Tue 09:00 - Wed 10:00).
    expect(res.body.variants).toEqual([
      { path: ['check', 'approve'], cases: 1, share: 0.5, medianMs: 9 * HOUR },
      { path: ['check', 'check', 'approve'], cases: 1, share: 0.5, medianMs: 9 * HOUR },
    ]);
  });

  it('sets another version beside it, and narrows to one person', async () => {
    const res = await s.call<Timing>('GET', `/api/reports/process-timing?routeKey=timing-report&version=1&compareVersion=1&employeeId=${ids.seller3}&${period}`, { as: 'director' });
    expect(res.status).toBe(200);
    expect(res.body.nodes.find((n) => n.nodeId === 'approve')).toMatchObject({ steps: 1, medianMs: 3 * HOUR });
    expect(res.body.nodes.find((n) => n.nodeId === 'check')).toMatchObject({ steps: 0, medianMs: null });
    expect(res.body.compare?.version).toBe(1);
  });

  it('lets a head read his team and refuses an employee or a filter outside one\'s people', async () => {
    expect((await s.call('GET', `/api/reports/process-timing?routeKey=timing-report&${period}`, { as: 'sales.head' })).status).toBe(200);
    expect((await s.call('GET', `/api/reports/process-timing?routeKey=timing-report&${period}`, { as: 'seller1' })).status).toBe(403);
    expect((await s.call('GET', `/api/reports/process-timing?routeKey=timing-report&employeeId=${ids.seller1}`, { as: 'service.head' })).status).toBe(403);
    // A head of another department sees none of the sellers' steps.
    const other = await s.call<Timing>('GET', `/api/reports/process-timing?routeKey=timing-report&${period}`, { as: 'service.head' });
    expect(other.body.nodes.map((n) => n.steps)).toEqual([0, 0]);
  });

  it('refuses bad input, naming the parameter, and says 404 for an unknown route or version', async () => {
    const bad = async (q: string) => s.call<{ errors?: { path: string }[] }>('GET', `/api/reports/process-timing?${q}`, { as: 'director' });
    expect((await bad('routeKey=timing-report&from=2026-13-01')).status).toBe(400);
    const backwards = await bad('routeKey=timing-report&from=2026-11-30&to=2026-11-01');
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(backwards.body)).toContain('from');
    expect((await bad('routeKey=timing-report&from=2020-01-01&to=2026-11-01')).status).toBe(400);
    expect((await bad('routeKey=timing-report&departmentId=nope')).status).toBe(400);
    expect((await bad('version=1')).status).toBe(400);
    expect((await bad('routeKey=no-such-route')).status).toBe(404);
    expect((await bad('routeKey=timing-report&version=9')).status).toBe(404);
  });
});

describe('the breaching cases of a node', () => {
  interface Breaches { items: { assignmentId: string; closedAt: string | null; workingMs: number; overByMs: number; employee: { id: string } | null }[]; nextCursor: string | null }

  it('lists the steps closed after their due time and those still open past it, a page at a time', async () => {
    const check = await s.call<Breaches>('GET', `/api/reports/process-timing/breaches?routeKey=timing-report&nodeId=check&${period}`, { as: 'director' });
    expect(check.status).toBe(200);
    // The late check (due 13:00, done 15:00: 1 working hour late after lunch) and case 5's open one.
    const late = check.body.items.find((i) => i.assignmentId === ids.lateCheck);
    expect(late).toMatchObject({ workingMs: 5 * HOUR, overByMs: 1 * HOUR, employee: { id: ids.seller1 } });
    expect(check.body.items.find((i) => i.assignmentId === open5.stuck)).toMatchObject({ closedAt: null });
    expect(check.body.items).toHaveLength(2);
    const first = await s.call<Breaches>('GET', `/api/reports/process-timing/breaches?routeKey=timing-report&nodeId=approve&limit=1&${period}`, { as: 'director' });
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).not.toBeNull();
    const second = await s.call<Breaches>('GET', `/api/reports/process-timing/breaches?routeKey=timing-report&nodeId=approve&limit=1&cursor=${first.body.nextCursor}&${period}`, { as: 'director' });
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0]!.assignmentId).not.toBe(first.body.items[0]!.assignmentId);
    expect(second.body.nextCursor).toBeNull();
  });

  it('refuses a bad cursor or node, and an employee', async () => {
    expect((await s.call('GET', '/api/reports/process-timing/breaches?routeKey=timing-report&nodeId=check&cursor=zzz', { as: 'director' })).status).toBe(400);
    expect((await s.call('GET', '/api/reports/process-timing/breaches?routeKey=timing-report', { as: 'director' })).status).toBe(400);
    expect((await s.call('GET', '/api/reports/process-timing/breaches?routeKey=timing-report&nodeId=check', { as: 'seller2' })).status).toBe(403);
  });
});

describe('steps at risk', () => {
  interface AtRisk { items: { assignmentId: string; overdue: boolean; stuck: boolean; workingMsLeft: number; openWorkingMs: number; nodeP90Ms: number | null; employee: { id: string } | null }[]; byPerson: { employee: { id: string }; atRisk: number; overdue: number; stuck: number }[]; byDepartment: { atRisk: number }[] }

  it('shows overdue and soon-due steps, marks one open longer than its node\'s p90 as stuck, and counts per person', async () => {
    const res = await s.call<AtRisk>('GET', '/api/reports/at-risk?withinHours=8', { as: 'sales.head' });
    expect(res.status).toBe(200);
    const stuck = res.body.items.find((i) => i.assignmentId === open5.stuck);
    expect(stuck).toMatchObject({ overdue: true, stuck: true, employee: { id: ids.seller1 } });
    expect(stuck!.workingMsLeft).toBeLessThan(0);
    expect(stuck!.openWorkingMs).toBeGreaterThan(stuck!.nodeP90Ms!);
    const soon = res.body.items.find((i) => i.assignmentId === open5.soon);
    expect(soon).toMatchObject({ overdue: false });
    expect(soon!.workingMsLeft).toBeLessThanOrEqual(60_000);
    // The open approval waits in the sales queue: the head of sales sees it; with two closed
    // approvals its node has no p90 to be stuck against.
    expect(res.body.items.find((i) => i.assignmentId === ids.openApprove)).toMatchObject({ overdue: true, employee: null, nodeP90Ms: null, stuck: false });
    const seller1 = res.body.byPerson.find((p) => p.employee.id === ids.seller1);
    expect(seller1!.atRisk).toBeGreaterThanOrEqual(2);
    expect(seller1!.stuck).toBeGreaterThanOrEqual(1);
  });

  it('shows another department\'s head none of it, and refuses an employee and bad input', async () => {
    const other = await s.call<AtRisk>('GET', '/api/reports/at-risk', { as: 'service.head' });
    expect(other.status).toBe(200);
    expect(other.body.items.map((i) => i.assignmentId)).not.toContain(open5.stuck);
    expect(other.body.items.map((i) => i.assignmentId)).not.toContain(ids.openApprove);
    expect((await s.call('GET', '/api/reports/at-risk', { as: 'seller1' })).status).toBe(403);
    expect((await s.call('GET', '/api/reports/at-risk?withinHours=-1', { as: 'director' })).status).toBe(400);
    expect((await s.call('GET', '/api/reports/at-risk?employeeId=x', { as: 'director' })).status).toBe(400);
  });
});

describe('facts for steps closed before they were recorded', () => {
  it('are written on start exactly as a close writes them, once', async () => {
    const url = `/api/reports/process-timing?routeKey=timing-report&${period}`;
    const before = await s.call('GET', url, { as: 'director' });
    await s.em().execute('delete from step_timing; delete from case_timing');
    expect((await s.call<Timing>('GET', url, { as: 'director' })).body.nodes[0]!.steps).toBe(0);
    const written = await backfillTimingFacts(s.em(), 3);
    expect(written.steps).toBeGreaterThanOrEqual(7);
    expect(written.cases).toBeGreaterThanOrEqual(2);
    expect((await s.call('GET', url, { as: 'director' })).body).toEqual(before.body);
    expect(await backfillTimingFacts(s.em())).toEqual({ steps: 0, cases: 0 });
  });
});
