// The transition activity is retried by Temporal after timeouts and crashes, and a workflow
// replayed elsewhere may apply a batch again: applying one twice must leave the rows of applying
// it once, a round-robin pick must not move on, and nothing may open in a case already closed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Assignment, Employee, Notification, Process, RouteVersion, StepEvent } from '../domain/entities/index.ts';
import type { Effect } from '../domain/processes/case-state.ts';
import { demoEmail } from '../infra/db/demo-data.ts';
import { startTestStack, type TestStack } from '../infra/testing/stack.ts';
import { createCaseActivities } from './case-activities.ts';

let s: TestStack;
let acts: ReturnType<typeof createCaseActivities>;
let processId: string;
let starterId: string;
const at = '2026-11-24T09:00:00.000Z';
const context = () => ({ variables: {}, completedBy: {}, startedBy: starterId });
const open = (assignmentId: string, stepId: string, assignee: Extract<Effect, { type: 'open' }>['assignee']): Effect => ({
  type: 'open',
  assignmentId,
  step: { id: stepId, name: `Step ${stepId}` },
  assignee,
  priority: 'normal',
  openedAt: at,
  dueAt: null,
  context: context(),
});
const twice = async (effects: Effect[]) => {
  const first = await acts.applyTransition({ processId, subject: 'Idempotency', effects });
  const second = await acts.applyTransition({ processId, subject: 'Idempotency', effects });
  return { first, second };
};

beforeAll(async () => {
  s = await startTestStack();
  acts = createCaseActivities({ orm: s.orm });
  const em = s.em();
  const version = await em.findOneOrFail(RouteVersion, { route: { key: 'installation-handoff' }, version: 1 });
  const starter = await em.findOneOrFail(Employee, { email: demoEmail('seller1') });
  starterId = starter.id;
  processId = crypto.randomUUID();
  em.create(Process, { id: processId, workflowId: `process-${processId}`, routeVersion: version, subject: 'Idempotency', variables: {}, status: 'running', startedBy: starter, startedAt: new Date(at) });
  await em.flush();
});
afterAll(async () => s?.close());

describe('applyTransition run twice', () => {
  const a = crypto.randomUUID();
  const b = crypto.randomUUID();

  it('opens a step once and tells its assignee once', async () => {
    const { first, second } = await twice([open(a, 'prepare', { type: 'starter' })]);
    expect(second).toEqual(first);
    expect(first.opened[a]).toEqual({ assigneeId: starterId, roleCode: null });
    const em = s.em();
    expect(await em.count(Assignment, { process: processId })).toBe(1);
    expect(await em.count(StepEvent, { process: processId, type: 'step.opened' })).toBe(1);
    expect(await em.count(Notification, { process: processId, recipient: starterId })).toBe(1);
  });

  it('keeps the first completion, and the first round-robin choice of the next step', async () => {
    const complete: Effect = { type: 'complete', assignmentId: a, stepId: 'prepare', employeeId: starterId, outcome: 'sent', at };
    const { first, second } = await twice([complete, open(b, 'visit', { type: 'role', role: 'service', pick: 'round-robin' })]);
    expect(second.opened[b]).toEqual(first.opened[b]);
    // A late retry with other data changes nothing either.
    await acts.applyTransition({ processId, subject: 'Idempotency', effects: [{ ...complete, outcome: 'declined' }] });
    const em = s.em();
    expect(await em.findOneOrFail(Assignment, a)).toMatchObject({ status: 'completed', outcome: 'sent' });
    expect(await em.count(Assignment, { process: processId, stepId: 'visit' })).toBe(1);
  });

  it('closes the case once, withdrawing what is open, and opens nothing after it', async () => {
    const close: Effect = { type: 'close', status: 'cancelled', at, result: { reason: 'Test' } };
    await twice([close]);
    await acts.applyTransition({ processId, subject: 'Idempotency', effects: [open(crypto.randomUUID(), 'late', { type: 'starter' })] });
    const em = s.em();
    expect(await em.findOneOrFail(Process, processId)).toMatchObject({ status: 'cancelled' });
    expect(await em.findOneOrFail(Assignment, b)).toMatchObject({ status: 'withdrawn' });
    expect(await em.count(Assignment, { process: processId, stepId: 'late' })).toBe(0);
    expect(await em.count(StepEvent, { process: processId, type: 'process.cancelled' })).toBe(1);
  });
});
