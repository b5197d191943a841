// The checks every action on a step starts with. The use cases check what they can from
// PostgreSQL first, for a fast and clear answer; the workflow's update validator then decides
// with authority, so two racing requests cannot both win.
import type { EntityManager } from '@mikro-orm/postgresql';
import { Assignment } from '../entities/index.ts';
import { DomainError, notFound } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';

export type AssignmentRow = InstanceType<typeof Assignment.class>;

/** The assignment, if it is still open; a finished one is a conflict, an unknown one not found. */
export async function findOpenAssignment(em: EntityManager, id: string): Promise<AssignmentRow> {
  const a = await em.findOne(Assignment, id);
  if (!a) throw notFound('Assignment', id);
  if (a.status === 'completed') throw new DomainError('conflict', 'This assignment has already been completed');
  if (a.status === 'withdrawn') throw new DomainError('conflict', 'This assignment was withdrawn (the case was cancelled or moved on)');
  return a;
}

/** Its assignee, or - while it sits in a role's queue - any member of the role. */
export const canWork = (a: AssignmentRow, actor: Actor): boolean =>
  a.assignee ? a.assignee.id === actor.employeeId : a.role !== null && a.role !== undefined && actor.roles.includes(a.role.code);
