// Who sees a case, and so its variables, its forms, its timeline and its steps - one rule, used
// by the case list, its count, the case view, the assignment view and every action on a case:
// - people with the management or admin role see every case;
// - its starter, everyone who holds or held one of its steps (assigned, or completed it), and
//   the members of every role whose queue holds or held one of them;
// - the managers of all of those, up the chain;
// - an integration key, the cases of the routes its scopes name.
// Designers have no rule of their own: they see a case only when one of the above holds.
// The rule is SQL, so a list is filtered where it is read and its count agrees with it.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { hasAnyRole, type Actor } from '../identity/roles.ts';

/** Who is looking: a signed-in person, or another system through an integration key. */
export type Viewer = { kind: 'employee'; actor: Actor } | { kind: 'integration'; keyId: string; name: string; routes: readonly string[] | 'all' };

export const SEES_ALL_CASES = ['management', 'admin'] as const;

export const seesAllCases = (viewer: Viewer): boolean =>
  viewer.kind === 'employee' ? hasAnyRole(viewer.actor, SEES_ALL_CASES) : viewer.routes === 'all';

/**
 * The people a person answers for: themselves and everyone below them in the chain of managers.
 * A subquery PostgreSQL evaluates once per statement.
 */
const teamOf = (employeeId: string): RawBuilder<unknown> =>
  sql`array(with recursive team(id) as (select ${employeeId}::uuid union select e.id from employee e join team t on e.manager_id = t.id) select id from team)`;

/**
 * A condition on the case row aliased `p` (a `process`, joined with `route_version v` and
 * `route r` for integration keys), true when the viewer sees it.
 */
export function visibleCase(viewer: Viewer): RawBuilder<SqlBool> {
  if (seesAllCases(viewer)) return sql<SqlBool>`true`;
  if (viewer.kind === 'integration') {
    return viewer.routes === 'all' ? sql<SqlBool>`true` : sql<SqlBool>`r.key = any(${[...viewer.routes]}::text[])`;
  }
  const team = teamOf(viewer.actor.employeeId);
  // Steps held or done by the team, or sitting (or having sat) in a queue of a role one of them has.
  return sql<SqlBool>`(p.started_by_id = any(${team}) or p.id in (
    select a.process_id from assignment a where a.assignee_id = any(${team})
    union select a.process_id from assignment a where a.completed_by_id = any(${team})
    union select a.process_id from assignment a where a.role_code in (select er.role_code from employee_roles er where er.employee_id = any(${team}))))`;
}

/** Whether the viewer sees this one case (one statement); false for a case that does not exist. */
export async function seesCase(em: EntityManager, viewer: Viewer, processId: string): Promise<boolean> {
  const rule = visibleCase(viewer);
  const row = await sql<{ visible: boolean }>`select ${rule} as visible from process p join route_version v on v.id = p.route_version_id join route r on r.id = v.route_id where p.id = ${processId}::uuid`.execute(
    em.getKysely(),
  );
  return row.rows[0]?.visible === true;
}

/**
 * Whether the person takes part in the case: started it, holds or held one of its steps, or is
 * in a role whose queue holds or held one. Not their managers: taking part is one's own.
 */
export async function participatesIn(em: EntityManager, actor: Actor, processId: string): Promise<boolean> {
  const rows = await sql<{ yes: boolean }>`select (p.started_by_id = ${actor.employeeId}::uuid or exists (
      select 1 from assignment a where a.process_id = p.id
        and (a.assignee_id = ${actor.employeeId}::uuid or a.completed_by_id = ${actor.employeeId}::uuid or a.role_code = any(${actor.roles}::text[])))) as yes
    from process p where p.id = ${processId}::uuid`.execute(em.getKysely());
  return rows.rows[0]?.yes === true;
}

/**
 * Whether the person may act on the case as its supervisor (cancel it, reassign its work):
 * admins, people with the management role, and managers who see it - a manager of one of its
 * people, up the chain.
 */
export async function supervisesCase(em: EntityManager, actor: Actor, processId: string): Promise<boolean> {
  if (hasAnyRole(actor, SEES_ALL_CASES)) return true;
  return hasAnyRole(actor, ['manager']) && (await seesCase(em, { kind: 'employee', actor }, processId));
}
