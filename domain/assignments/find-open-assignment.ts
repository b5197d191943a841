// The checks every action on a step starts with. The use cases check what they can from
// PostgreSQL first, for a fast and clear answer; the workflow's update validator then decides
// with authority, so two racing requests cannot both win.
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, notFound } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import type { FormField } from '../routes/route-schema.ts';

/** What the checks on a step need to know about its assignment. */
export interface AssignmentFacts {
  status: 'open' | 'completed' | 'withdrawn';
  assigneeId: string | null;
  /** The role whose queue holds it (also after someone claimed it). */
  role: string | null;
  outcomes: { id: string; label: string }[] | null;
  formFields: FormField[] | null;
  process: { id: string };
}

/**
 * Reads an assignment for a use case. A caller that answers with the assignment afterwards may
 * pass its own reader returning more (its view), so one statement serves both.
 */
export type ReadAssignment<T extends AssignmentFacts> = (id: string) => Promise<T | undefined>;

/** The facts alone, in one statement. */
export const readAssignmentFacts =
  (em: EntityManager): ReadAssignment<AssignmentFacts> =>
  async (id) => {
    const [row] = await em.execute<{ status: AssignmentFacts['status']; assignee_id: string | null; role_code: string | null; outcomes: AssignmentFacts['outcomes']; form_fields: AssignmentFacts['formFields']; process_id: string }[]>(
      'select status, assignee_id, role_code, outcomes, form_fields, process_id from assignment where id = ?',
      [id],
    );
    return row ? { status: row.status, assigneeId: row.assignee_id, role: row.role_code, outcomes: row.outcomes, formFields: row.form_fields, process: { id: row.process_id } } : undefined;
  };

/** The assignment, if it is still open; a finished one is a conflict, an unknown one not found. */
export async function findOpenAssignment<T extends AssignmentFacts>(read: ReadAssignment<T>, id: string): Promise<T> {
  const a = await read(id);
  if (!a) throw notFound('Assignment', id);
  if (a.status === 'completed') throw new DomainError('conflict', 'This assignment has already been completed');
  if (a.status === 'withdrawn') throw new DomainError('conflict', 'This assignment was withdrawn (the case was cancelled or moved on)');
  return a;
}

/** Its assignee, or - while it sits in a role's queue - any member of the role. */
export const canWork = (a: AssignmentFacts, actor: Actor): boolean =>
  a.assigneeId ? a.assigneeId === actor.employeeId : a.role !== null && actor.roles.includes(a.role);
