// Activities are retried by Temporal after timeouts and crashes: running one twice must leave
// the same rows as running it once, and a late retry must not move a state backwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Assignment, Employee, Process, RouteVersion, StepEvent } from '../domain/entities/index.ts';
import { demoEmail } from '../infra/db/demo-data.ts';
import { startTestStack, type TestStack } from '../infra/testing/stack.ts';
import { createProcessActivities } from './process-activities.ts';

let s: TestStack;
let acts: ReturnType<typeof createProcessActivities>;
let processId: string;
let engineerId: string;
const workflowId = 'process-activity-test';

beforeAll(async () => {
  s = await startTestStack();
  acts = createProcessActivities({ orm: s.orm });
  const em = s.em();
  const version = await em.findOneOrFail(RouteVersion, { route: { key: 'installation-handoff' }, version: 1 });
  const starter = await em.findOneOrFail(Employee, { email: demoEmail('seller1') });
  engineerId = (await em.findOneOrFail(Employee, { email: demoEmail('engineer1') })).id;
  processId = crypto.randomUUID();
  em.create(Process, { id: processId, workflowId, routeVersion: version, subject: 'Idempotency', variables: {}, status: 'running', startedBy: starter, startedAt: new Date() });
  await em.flush();
});
afterAll(async () => s?.close());

describe('process activities run twice', () => {
  it('write each assignment and event once, and keep the first completion', async () => {
    const base = { workflowId, processId };
    const assignmentId = crypto.randomUUID();
    const open = {
      ...base,
      assignmentId,
      step: { id: 'install', name: 'Install' },
      assignee: { type: 'role' as const, role: 'service' },
      openedAt: '2026-11-23T10:00:00.000Z',
      dueAt: '2026-11-24T10:00:00.000Z',
    };
    const first = await acts.openAssignment(open);
    const again = await acts.openAssignment({ ...open, dueAt: '2030-01-01T00:00:00.000Z' });
    expect(again).toEqual(first);
    expect(first).toMatchObject({ roleCode: 'service', assigneeId: null, dueAt: '2026-11-24T10:00:00.000Z' });

    const complete = { ...base, assignmentId, stepId: 'install', employeeId: engineerId, outcome: 'installed', at: '2026-11-23T12:00:00.000Z' };
    await acts.completeAssignment(complete);
    await acts.completeAssignment({ ...complete, outcome: 'problem', at: '2026-11-23T13:00:00.000Z' });
    const result = { status: 'completed' as const, steps: [] };
    await acts.finishProcess({ ...base, at: '2026-11-23T14:00:00.000Z', result });
    await acts.finishProcess({ ...base, at: '2026-11-23T15:00:00.000Z', result });
    // A cancel retried after the case ended must not reopen or re-close anything.
    await acts.cancelProcess({ ...base, at: '2026-11-23T16:00:00.000Z', reason: 'late retry' });

    const em = s.em();
    const rows = await em.find(Assignment, { process: processId });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'completed', outcome: 'installed', completedAt: new Date('2026-11-23T12:00:00.000Z') });
    expect(rows[0]!.assignee?.id).toBe(engineerId);
    const events = await em.find(StepEvent, { process: processId }, { orderBy: { at: 'asc' } });
    expect(events.map((e) => e.type)).toEqual(['step.opened', 'step.completed', 'process.completed']);
    const process = await em.findOneOrFail(Process, processId);
    expect(process).toMatchObject({ status: 'completed', endedAt: new Date('2026-11-23T14:00:00.000Z') });
  });

  it('refuses, without retrying, to assign a person who has left', async () => {
    await expect(
      acts.openAssignment({
        workflowId,
        processId,
        assignmentId: crypto.randomUUID(),
        step: { id: 'call', name: 'Call' },
        assignee: { type: 'person', email: 'left@leader.example' },
        openedAt: '2026-11-23T10:00:00.000Z',
        dueAt: '2026-11-24T10:00:00.000Z',
      }),
    ).rejects.toMatchObject({ type: 'AssigneeNotFound', nonRetryable: true });
  });
});
