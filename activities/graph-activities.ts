// Side effects of the graph interpreter beyond opening and completing tasks: timeline events of
// decisions, joins, waits and actions; withdrawing a cancelled branch's assignment; reminders and
// escalation steps (remind, notify the manager, raise priority, reassign); a manager's
// reassignment; notify actions; and preparing a sub-process. All keyed, so retries repeat nothing.
import type { EntityManager } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/activity';
import { Assignment, Process, Route, RouteVersion } from '../domain/entities/index.ts';
import type { AssigneeRule, EscalationAction, Priority } from '../domain/routes/graph-schema.ts';
import type { FormValue } from '../domain/routes/step-input.ts';
import { createMailer } from '../infra/mail/mailer.ts';
import type { ProcessInput } from '../workflows/contract.ts';
import { deliverNow, recipientsOf, writeNotifications, type Message } from './notification-activities.ts';
import { recordEvent, type ActivityDeps } from './process-activities.ts';
import { managerOf, resolveAssignee, type AssigneeContext } from './resolve-assignee.ts';

interface Base {
  workflowId: string;
  processId: string;
}

function message(kind: string, title: string, body: string, processId: string, subject: string, assignmentId?: string): Message {
  return { kind, title, body, link: assignmentId ? `/api/assignments/${assignmentId}` : `/api/processes/${processId}`, processId, mailSubject: `${title} (${subject})` };
}

export function createGraphActivities({ orm, mailer = createMailer() }: ActivityDeps) {
  const tx = <T>(fn: (em: EntityManager) => Promise<T>): Promise<T> => orm.em.fork().transactional(fn);
  const deliver = (keys: string[]) => deliverNow({ orm, mailer }, keys);

  return {
    async recordNodeEvent(input: Base & { eventId: string; type: string; nodeId: string; at: string; data: Record<string, unknown> }): Promise<void> {
      await tx((em) => recordEvent(em, { ...input, key: `${input.workflowId}:${input.type}:${input.eventId}`, stepId: input.nodeId }));
    },

    async withdrawAssignment(input: Base & { assignmentId: string; stepId: string; at: string }): Promise<void> {
      await tx(async (em) => {
        await em.nativeUpdate(Assignment, { id: input.assignmentId, status: 'open' }, { status: 'withdrawn', completedAt: new Date(input.at) });
        await recordEvent(em, { ...input, key: `${input.workflowId}:step.withdrawn:${input.assignmentId}`, type: 'step.withdrawn' });
      });
    },

    /** One rung of a task's ladder. Returns who holds the assignment now, and its priority. */
    async escalate(input: Base & { assignmentId: string; stepId: string; kind: 'reminder' | 'escalation'; level: number; action: EscalationAction; context: AssigneeContext; at: string }) {
      const key = `${input.workflowId}:${input.kind}:${input.assignmentId}:${input.level}:${input.action.type}:${input.at}`;
      const keys = await tx(async (em) => {
        const a = await em.findOneOrFail(Assignment, input.assignmentId, { populate: ['process'] });
        const subject = a.process.getEntity().subject;
        const holder = { assigneeId: a.assignee?.id ?? null, roleCode: a.role?.code ?? null };
        let recipients: Awaited<ReturnType<typeof recipientsOf>> = [];
        let note: Message | undefined;
        const action = input.action;
        if (action.type === 'remind') {
          recipients = await recipientsOf(em, holder);
          note = message(`assignment.${input.kind}`, input.kind === 'reminder' ? `Reminder: ${a.stepName}` : `Overdue: ${a.stepName}`, `Due ${a.dueAt?.toISOString() ?? '-'}`, input.processId, subject, a.id);
        } else if (action.type === 'notify-manager') {
          const manager = await managerOf(em, a.id);
          recipients = await recipientsOf(em, { assigneeId: manager, roleCode: null });
          note = message('assignment.escalated', `Overdue in your team: ${a.stepName}`, `Due ${a.dueAt?.toISOString() ?? '-'}; the assignee has not completed it.`, input.processId, subject, a.id);
        } else if (action.type === 'raise-priority') {
          a.priority = action.to;
        } else {
          const to = await resolveAssignee(em, action.to, input.context);
          Object.assign(a, { assignee: to.assigneeId, role: to.roleCode, claimedAt: null });
          recipients = await recipientsOf(em, to);
          note = message('assignment.reassigned', `Reassigned to you (overdue): ${a.stepName}`, `Due ${a.dueAt?.toISOString() ?? '-'}`, input.processId, subject, a.id);
        }
        await em.flush();
        await recordEvent(em, { ...input, key, type: input.kind === 'reminder' ? 'step.reminded' : 'step.escalated', data: { level: input.level, action } });
        return note ? writeNotifications(em, key, recipients, note) : [];
      });
      await deliver(keys);
      const now = await orm.em.fork().findOneOrFail(Assignment, input.assignmentId);
      return { assigneeId: now.assignee?.id ?? null, roleCode: now.role?.code ?? null, priority: now.priority as Priority };
    },

    async reassignAssignment(input: Base & { assignmentId: string; stepId: string; assigneeId: string | null; roleCode: string | null; actorId: string; reason: string; at: string }): Promise<void> {
      const keys = await tx(async (em) => {
        const a = await em.findOneOrFail(Assignment, input.assignmentId, { populate: ['process'] });
        Object.assign(a, { assignee: input.assigneeId, role: input.roleCode, claimedAt: null });
        await em.flush();
        const key = `${input.workflowId}:step.reassigned:${input.assignmentId}:${input.at}`;
        await recordEvent(em, { ...input, key, type: 'step.reassigned', data: { to: input.assigneeId ?? input.roleCode, reason: input.reason } });
        const note = message('assignment.reassigned', `Reassigned to you: ${a.stepName}`, input.reason, input.processId, a.process.getEntity().subject, a.id);
        return writeNotifications(em, key, await recipientsOf(em, input), note);
      });
      await deliver(keys);
    },

    async notifyPeople(input: Base & { key: string; to: AssigneeRule; message: string; subject: string; context: AssigneeContext }): Promise<void> {
      const keys = await tx(async (em) => {
        const to = await resolveAssignee(em, input.to, input.context);
        return writeNotifications(em, input.key, await recipientsOf(em, to), message('process.notice', input.message, `Case: ${input.subject}`, input.processId, input.subject));
      });
      await deliver(keys);
    },

    /** Creates the child case's row (once) and returns the child workflow's input. */
    async prepareSubprocess(input: { parentProcessId: string; childProcessId: string; routeKey: string; subject: string; variables: Record<string, FormValue>; startedBy: string }): Promise<{ workflowId: string; input: ProcessInput }> {
      return tx(async (em) => {
        const route = await em.findOne(Route, { key: input.routeKey });
        const version = route && route.latestVersion > 0 ? await em.findOne(RouteVersion, { route: route.id, version: route.latestVersion }) : null;
        if (!route || !version) throw ApplicationFailure.nonRetryable(`The route ${input.routeKey} has no published version`, 'RouteNotPublished');
        const workflowId = `process-${input.childProcessId}`;
        await em
          .createQueryBuilder(Process)
          .insert({ id: input.childProcessId, workflowId, routeVersion: version.id, subject: input.subject.slice(0, 255), variables: input.variables, status: 'running', startedBy: input.startedBy, startedAt: new Date(), parent: input.parentProcessId })
          .onConflict('id')
          .ignore()
          .execute();
        return {
          workflowId,
          input: {
            processId: input.childProcessId,
            route: { id: route.id, key: route.key, versionId: version.id, version: version.version },
            definition: version.definition,
            subject: input.subject,
            variables: input.variables,
            startedBy: input.startedBy,
            parentProcessId: input.parentProcessId,
          },
        };
      });
    },
  };
}
