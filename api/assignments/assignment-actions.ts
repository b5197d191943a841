// Claiming, completing and reassigning assignments. The API checks what it can from PostgreSQL
// first, for a fast and clear answer; the workflow's update validator then decides with
// authority, so two racing requests cannot both win. A step is known to its workflow before its
// inbox row exists, so there is nothing to wait or retry for.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { Assignment, Employee, Role } from '../../domain/entities/index.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import { isSupervisor, type Actor } from '../../domain/identity/roles.ts';
import type { StepCompletion } from '../../domain/routes/step-input.ts';
import { checkCompletion } from '../../domain/routes/step-input.ts';
import { workflowIdFor } from '../../domain/processes/process-input.ts';
import { claimAssignmentUpdate, completeAssignmentUpdate, reassignAssignmentUpdate, type CompleteAssignmentResult } from '../../workflows/contract.ts';
import { viaTemporal } from '../temporal-errors.ts';
import { updateIdFor } from '../../domain/idempotency/derive-ids.ts';

type AssignmentRow = InstanceType<typeof Assignment.class>;

async function loadOpen(em: EntityManager, id: string): Promise<AssignmentRow> {
  const a = await em.findOne(Assignment, id);
  if (!a) throw notFound('Assignment', id);
  if (a.status === 'completed') throw new DomainError('conflict', 'This assignment has already been completed');
  if (a.status === 'withdrawn') throw new DomainError('conflict', 'This assignment was withdrawn (the case was cancelled or moved on)');
  return a;
}

const canWork = (a: AssignmentRow, actor: Actor): boolean =>
  a.assignee ? a.assignee.id === actor.employeeId : a.role !== null && a.role !== undefined && actor.roles.includes(a.role.code);

const handleOf = (temporal: Client, a: AssignmentRow) => temporal.workflow.getHandle(workflowIdFor(a.process.id));
const acting = (actor: Actor) => ({ employeeId: actor.employeeId, roles: actor.roles });

export async function claimAssignment(em: EntityManager, temporal: Client, actor: Actor, id: string, idempotencyKey?: string): Promise<void> {
  const a = await loadOpen(em, id);
  if (!a.role) throw new DomainError('conflict', 'This assignment is for a named person, not a queue; there is nothing to claim');
  if (a.assignee) {
    throw a.assignee.id === actor.employeeId
      ? new DomainError('conflict', 'You have already claimed this assignment')
      : new DomainError('forbidden', 'Someone else has already claimed this assignment');
  }
  if (!actor.roles.includes(a.role.code)) throw new DomainError('forbidden', `Only members of the role ${a.role.code} may claim this assignment`);
  await viaTemporal(() => handleOf(temporal, a).executeUpdate(claimAssignmentUpdate, { updateId: updateIdFor(actor.employeeId, idempotencyKey, `assignment.claim:${id}`), args: [{ assignmentId: id, actor: acting(actor) }] }));
}

/** Completes a step; answers with the steps the case opened because of it. */
export async function completeAssignment(em: EntityManager, temporal: Client, actor: Actor, id: string, input: StepCompletion, idempotencyKey?: string): Promise<CompleteAssignmentResult> {
  const a = await loadOpen(em, id);
  if (!canWork(a, actor)) {
    throw new DomainError('forbidden', a.assignee ? 'This assignment belongs to someone else' : `Only members of the role ${a.role?.code ?? '?'} may complete this assignment`);
  }
  const problems = checkCompletion({ outcomes: a.outcomes ?? undefined, form: a.formFields ?? undefined }, input);
  if (problems.length) throw new DomainError('unprocessable', 'The step cannot be completed with this data', problems);
  return viaTemporal(() =>
    handleOf(temporal, a).executeUpdate(completeAssignmentUpdate, { updateId: updateIdFor(actor.employeeId, idempotencyKey, `assignment.complete:${id}`), args: [{ assignmentId: id, actor: acting(actor), outcome: input.outcome, form: input.form }] }),
  );
}

export interface ReassignOptions {
  employeeId?: string | undefined;
  role?: string | undefined;
  reason: string;
}

/** A manager moves open work to another person or back to a role queue. */
export async function reassignAssignment(em: EntityManager, temporal: Client, actor: Actor, id: string, opts: ReassignOptions, idempotencyKey?: string): Promise<void> {
  if (!isSupervisor(actor)) throw new DomainError('forbidden', 'Only a manager or an admin may reassign work');
  const a = await loadOpen(em, id);
  if (opts.employeeId && !(await em.count(Employee, { id: opts.employeeId, active: true }))) {
    throw new DomainError('unprocessable', 'There is no active employee with this id', [{ path: 'employeeId', message: 'is not an active employee' }]);
  }
  if (opts.role && !(await em.count(Role, { code: opts.role }))) {
    throw new DomainError('unprocessable', `There is no role ${opts.role}`, [{ path: 'role', message: 'is not a role' }]);
  }
  const to = opts.employeeId ? { employeeId: opts.employeeId } : { role: opts.role ?? '' };
  await viaTemporal(() => handleOf(temporal, a).executeUpdate(reassignAssignmentUpdate, { updateId: updateIdFor(actor.employeeId, idempotencyKey, `assignment.reassign:${id}`), args: [{ assignmentId: id, to, reason: opts.reason, actor: acting(actor) }] }));
}
