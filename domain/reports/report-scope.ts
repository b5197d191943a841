// Whose figures a report may show its reader: management and admins see the whole company; a
// head sees the people under them (down the whole chain) and themselves; anyone else is refused -
// a report is a management tool, an employee's own figures are in their inbox and calendar.
// The department and employee filters narrow that set; a filter outside it is refused rather than
// answered with an empty report, so a reader never mistakes "not yours" for "nothing happened".
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { DomainError } from '../errors.ts';
import { hasAnyRole, hasRole, type Actor } from '../identity/roles.ts';
import { OVERSEES_EVERYONE } from '../team/check-team-access.ts';

export interface ReportFilter {
  departmentId?: string | undefined;
  employeeId?: string | undefined;
}

/**
 * The employees whose work the report covers, or `null` for "everyone, no restriction" (a
 * company-wide reader without filters: the SQL then needs no `in (...)` at all).
 */
export type ReportScope = { all: true } | { all: false; employeeIds: string[] };

/** Throws forbidden for a reader who is neither management, an admin nor anyone's head. */
export async function reportScope(em: EntityManager, actor: Actor, filter: ReportFilter = {}): Promise<ReportScope> {
  const everyone = hasAnyRole(actor, OVERSEES_EVERYONE);
  if (!everyone && !hasRole(actor, 'manager')) {
    throw new DomainError('forbidden', 'Reports are for heads of departments, management and admins');
  }
  if (everyone && !filter.departmentId && !filter.employeeId) return { all: true };
  // The reader's people: everyone, or the chain below the reader and the reader.
  const { rows } = await sql<{ id: string; departmentId: string | null }>`
    with recursive below(id) as (
      select ${actor.employeeId}::uuid
      union select e.id from employee e join below b on e.manager_id = b.id)
    select e.id, e.department_id as "departmentId" from employee e
    where ${everyone ? sql`true` : sql`e.id in (select id from below)`}`.execute(em.getKysely());
  let ids = rows;
  if (filter.departmentId) {
    ids = ids.filter((r) => r.departmentId === filter.departmentId);
    if (ids.length === 0) throw new DomainError('forbidden', 'This department has nobody whose work you look after', [{ path: 'departmentId', message: 'not one of your departments' }]);
  }
  if (filter.employeeId) {
    ids = ids.filter((r) => r.id === filter.employeeId);
    if (ids.length === 0) throw new DomainError('forbidden', 'You do not look after this person\'s work', [{ path: 'employeeId', message: 'not one of your people' }]);
  }
  return { all: false, employeeIds: ids.map((r) => r.id) };
}

/** Whether one employee's figures belong in the report. */
export const inScope = (scope: ReportScope, employeeId: string | null | undefined): boolean =>
  scope.all || (employeeId != null && scope.employeeIds.includes(employeeId));

/**
 * The scope as a SQL condition on the column (or expression) holding the employee a figure
 * belongs to: `true` for a company-wide reader, else membership in one array parameter.
 */
export function scopeSql(scope: ReportScope, column: string | RawBuilder<unknown>): RawBuilder<SqlBool> {
  if (scope.all) return sql<SqlBool>`true`;
  return sql<SqlBool>`${typeof column === 'string' ? sql.ref(column) : column} = any(${scope.employeeIds}::uuid[])`;
}
