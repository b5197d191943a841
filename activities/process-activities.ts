// The route interpreter's side effects: the PostgreSQL read models people query (the inbox, the
// case list and the timeline). Every write is conditional or keyed, so a retried activity, or
// a workflow replayed on another worker, never duplicates a row or moves a state backwards.
import type { EntityManager } from '@mikro-orm/postgresql';
import { Assignment, Process, StepEvent } from '../domain/entities/index.ts';
import type { AssigneeRule, Priority } from '../domain/routes/graph-schema.ts';
import type { Assignee, TaskStep } from '../domain/routes/route-schema.ts';
import type { FormValue } from '../domain/routes/step-input.ts';
import type { Orm } from '../infra/db/orm.ts';
import type { Mailer } from '../infra/mail/mailer.ts';
import type { OpenStep, ProcessResult } from '../workflows/contract.ts';
import { createNotificationActivities } from './notification-activities.ts';
import { resolveAssignee, type AssigneeContext } from './resolve-assignee.ts';

export interface ActivityDeps {
  orm: Orm;
  /** Sends notification e-mail; without one (or without SMTP) mail stays in the outbox. */
  mailer?: Mailer | undefined;
}

export interface EventInput {
  /** Defaults to workflow id + type + assignment; events that can repeat pass their own. */
  key?: string;
  workflowId: string;
  processId: string;
  type: string;
  at: string;
  stepId?: string;
  assignmentId?: string;
  actorId?: string;
  data?: Record<string, unknown>;
}

/** Writes a timeline event once: its key is the workflow, the event type and the assignment. */
export async function recordEvent(em: EntityManager, e: EventInput): Promise<void> {
  await em
    .createQueryBuilder(StepEvent)
    .insert({
      id: crypto.randomUUID(),
      key: e.key ?? [e.workflowId, e.type, e.assignmentId ?? ''].join(':'),
      process: e.processId,
      type: e.type,
      stepId: e.stepId ?? null,
      assignmentId: e.assignmentId ?? null,
      actor: e.actorId ?? null,
      at: new Date(e.at),
      data: e.data ?? null,
    })
    .onConflict('key')
    .ignore()
    .execute();
}

export interface OpenAssignmentInput {
  workflowId: string;
  processId: string;
  assignmentId: string;
  step: Pick<TaskStep, 'id' | 'name' | 'instructions' | 'outcomes' | 'form'>;
  assignee: Assignee | AssigneeRule;
  priority?: Priority;
  openedAt: string;
  dueAt: string | null;
  /** What assignment rules read: variables, who did earlier steps, who started the case. */
  context?: AssigneeContext;
}

export function createProcessActivities({ orm, mailer }: ActivityDeps) {
  const tx = <T>(fn: (em: EntityManager) => Promise<T>): Promise<T> => orm.em.fork().transactional(fn);
  const notifications = createNotificationActivities({ orm, mailer });

  return {
    async processStarted(input: { workflowId: string; processId: string; at: string; startedBy: string }): Promise<void> {
      await tx((em) => recordEvent(em, { ...input, type: 'process.started', actorId: input.startedBy }));
    },

    async openAssignment(input: OpenAssignmentInput): Promise<OpenStep> {
      const opened = await tx(async (em) => {
        // A retry must not pick someone else (round-robin moves on): reuse what the first try chose.
        const existing = await em.findOne(Assignment, input.assignmentId);
        const { assigneeId, roleCode } = existing
          ? { assigneeId: existing.assignee?.id ?? null, roleCode: existing.role?.code ?? null }
          : await resolveAssignee(em, input.assignee, input.context ?? { variables: {}, completedBy: {}, startedBy: '' });
        await em
          .createQueryBuilder(Assignment)
          .insert({
            id: input.assignmentId,
            process: input.processId,
            stepId: input.step.id,
            stepName: input.step.name,
            instructions: input.step.instructions ?? null,
            assignee: assigneeId,
            role: roleCode,
            status: 'open',
            outcomes: input.step.outcomes ?? null,
            formFields: input.step.form ?? null,
            priority: input.priority ?? 'normal',
            openedAt: new Date(input.openedAt),
            dueAt: input.dueAt ? new Date(input.dueAt) : null,
          })
          .onConflict('id')
          .ignore()
          .execute();
        await em.nativeUpdate(Process, { id: input.processId, status: 'running' }, { currentStepId: input.step.id, currentStepName: input.step.name });
        await recordEvent(em, {
          workflowId: input.workflowId,
          processId: input.processId,
          type: 'step.opened',
          at: input.openedAt,
          stepId: input.step.id,
          assignmentId: input.assignmentId,
          data: { assigneeId, roleCode, dueAt: input.dueAt },
        });
        // Read back what is stored: after a retry it is the first write that counts.
        const row = await em.findOneOrFail(Assignment, input.assignmentId);
        return {
          assignmentId: row.id,
          stepId: row.stepId,
          stepName: row.stepName,
          assigneeId: row.assignee?.id ?? null,
          roleCode: row.role?.code ?? null,
          openedAt: row.openedAt.toISOString(),
          dueAt: row.dueAt?.toISOString() ?? null,
          priority: row.priority,
        };
      });
      // Notifications: tell the assignee, or every member of the role queue, about the new step.
      // Right after the commit and keyed by the assignment, so a retried activity repeats nothing.
      await notifications.notifyNewAssignment({ workflowId: input.workflowId, processId: input.processId, ...opened });
      return opened;
    },

    async claimAssignment(input: { workflowId: string; processId: string; assignmentId: string; stepId: string; employeeId: string; at: string }): Promise<void> {
      await tx(async (em) => {
        await em.nativeUpdate(
          Assignment,
          { id: input.assignmentId, status: 'open', assignee: null },
          { assignee: input.employeeId, claimedAt: new Date(input.at) },
        );
        await recordEvent(em, { ...input, type: 'step.claimed', actorId: input.employeeId });
      });
    },

    async completeAssignment(input: {
      workflowId: string;
      processId: string;
      assignmentId: string;
      stepId: string;
      employeeId: string;
      outcome?: string | undefined;
      form?: Record<string, FormValue> | undefined;
      at: string;
    }): Promise<void> {
      await tx(async (em) => {
        const at = new Date(input.at);
        // An unclaimed queue item completed by a role member is claimed by them at that moment.
        await em.nativeUpdate(Assignment, { id: input.assignmentId, status: 'open', assignee: null }, { assignee: input.employeeId, claimedAt: at });
        await em.nativeUpdate(
          Assignment,
          { id: input.assignmentId, status: 'open' },
          { status: 'completed', completedAt: at, completedBy: input.employeeId, outcome: input.outcome ?? null, formData: input.form ?? null },
        );
        await recordEvent(em, { ...input, type: 'step.completed', actorId: input.employeeId, data: { outcome: input.outcome ?? null } });
      });
    },

    async finishProcess(input: { workflowId: string; processId: string; at: string; result: ProcessResult }): Promise<void> {
      await tx((em) => closeProcess(em, input, 'completed', { ...input.result }));
    },

    async failProcess(input: { workflowId: string; processId: string; at: string; reason: string }): Promise<void> {
      await tx((em) => closeProcess(em, input, 'failed', { reason: input.reason }));
    },

    async cancelProcess(input: { workflowId: string; processId: string; at: string; reason: string; actorId?: string | undefined }): Promise<void> {
      await tx((em) => closeProcess(em, input, 'cancelled', { reason: input.reason }, input.actorId));
    },
  };
}

export type ProcessActivities = ReturnType<typeof createProcessActivities>;

/**
 * Ends a case once: work still open is withdrawn (an end node reached while other branches had
 * some, a cancel, a failure), the case row is closed with its result, and the timeline says so.
 * Only a running case changes, so a late retry cannot move an ended case to another ending.
 */
export async function closeProcess(
  em: EntityManager,
  input: { workflowId: string; processId: string; at: string },
  status: 'completed' | 'failed' | 'cancelled',
  result: Record<string, unknown>,
  actorId?: string,
): Promise<void> {
  const at = new Date(input.at);
  const closed = await em.nativeUpdate(Process, { id: input.processId, status: 'running' }, { status, endedAt: at, result, currentStepId: null, currentStepName: null });
  // Already ended (by this very activity on an earlier try, or otherwise): nothing more to say.
  if (closed === 0) return;
  await em.nativeUpdate(Assignment, { process: input.processId, status: 'open' }, { status: 'withdrawn', completedAt: at });
  const data = status === 'completed' ? undefined : { reason: result.reason };
  await recordEvent(em, { ...input, type: `process.${status}`, ...(actorId ? { actorId } : {}), ...(data ? { data } : {}) });
}
