// A manager of the case's people (or management, or an admin) moves open work to another
// (active) person or back to a role's queue.
import type { EntityManager } from '@mikro-orm/postgresql';
import { Employee, Role } from '../entities/index.ts';
import { DomainError } from '../errors.ts';
import { updateIdFor } from '../idempotency/derive-ids.ts';
import type { Actor } from '../identity/roles.ts';
import { supervisesCase } from '../processes/case-access.ts';
import { actingAs, type CaseEngine } from '../processes/case-engine.ts';
import { workflowIdFor } from '../processes/process-input.ts';
import { findOpenAssignment, readAssignmentFacts } from './find-open-assignment.ts';

export interface ReassignAssignmentDeps {
  em: EntityManager;
  engine: Pick<CaseEngine, 'reassign'>;
}

export interface ReassignAssignmentOptions {
  assignmentId: string;
  /** One of the two: a person, or a role whose queue takes it. */
  employeeId?: string | undefined;
  role?: string | undefined;
  reason: string;
  idempotencyKey?: string | undefined;
}

export async function reassignAssignment(deps: ReassignAssignmentDeps, actor: Actor, opts: ReassignAssignmentOptions): Promise<void> {
  const { em } = deps;
  const id = opts.assignmentId;
  const a = await findOpenAssignment(readAssignmentFacts(em), id);
  if (!(await supervisesCase(em, actor, a.process.id))) throw new DomainError('forbidden', 'Only a manager of the people in this case, management or an admin may reassign its work');
  if (opts.employeeId && !(await em.count(Employee, { id: opts.employeeId, active: true }))) {
    throw new DomainError('unprocessable', 'There is no active employee with this id', [{ path: 'employeeId', message: 'is not an active employee' }]);
  }
  if (opts.role && !(await em.count(Role, { code: opts.role }))) {
    throw new DomainError('unprocessable', `There is no role ${opts.role}`, [{ path: 'role', message: 'is not a role' }]);
  }
  const to = opts.employeeId ? { employeeId: opts.employeeId } : { role: opts.role ?? '' };
  const updateId = updateIdFor(actor.employeeId, opts.idempotencyKey, `assignment.reassign:${id}`);
  await deps.engine.reassign(workflowIdFor(a.process.id), { assignmentId: id, to, reason: opts.reason, actor: actingAs(actor) }, { updateId });
}
