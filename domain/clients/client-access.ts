// Who sees and who changes a client - one rule, used by the client list, its count, the client
// card, its contacts and its interactions:
// - people with the management, admin or quality role see every client (the quality officer
//   handles complaints of any client);
// - everyone else sees the clients owned by themselves or by anyone below them in the chain of
//   managers (so a head of sales sees the clients of the sellers, the director everyone's);
// - an integration key sees none (api/auth/authenticate.ts refuses its calls before this).
// A client one may not see answers 404, as if it did not exist.
// Changing a client is for its owner, the owner's managers, management and admins (not quality);
// giving it to another owner is for the old owner's managers, management and admins - the base
// stays with the company when a seller leaves.
// The rule is SQL, so a list is filtered where it is read and its count agrees with it.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { DomainError, notFound } from '../errors.ts';
import { hasAnyRole, type Actor } from '../identity/roles.ts';
import type { Viewer } from '../processes/case-access.ts';

export const SEES_ALL_CLIENTS = ['management', 'admin', 'quality'] as const;
export const CHANGES_ALL_CLIENTS = ['management', 'admin'] as const;

/** Themselves and everyone below them in the chain of managers; evaluated once per statement. */
export const teamOf = (employeeId: string): RawBuilder<unknown> =>
  sql`array(with recursive team(id) as (select ${employeeId}::uuid union select e.id from employee e join team t on e.manager_id = t.id) select id from team)`;

/** Everyone below the person in the chain of managers, not themselves. */
export const reportsOf = (employeeId: string): RawBuilder<unknown> =>
  sql`array(with recursive team(id) as (select e.id from employee e where e.manager_id = ${employeeId}::uuid union select e.id from employee e join team t on e.manager_id = t.id) select id from team)`;

/** A condition on the client row aliased `c`, true when the viewer sees it. */
export function visibleClient(viewer: Viewer): RawBuilder<SqlBool> {
  if (viewer.kind !== 'employee') return sql<SqlBool>`false`;
  if (hasAnyRole(viewer.actor, SEES_ALL_CLIENTS)) return sql<SqlBool>`true`;
  return sql<SqlBool>`(c.owner_id = any(${teamOf(viewer.actor.employeeId)}))`;
}

export interface ClientRights {
  ownerId: string;
  /** The viewer changes the client: owner, a manager above the owner, management, admin. */
  write: boolean;
  /** The viewer gives the client to another owner: a manager above the owner, management, admin. */
  reassign: boolean;
}

/**
 * The viewer's rights on one client (one statement); not_found when it does not exist or the
 * viewer may not see it.
 */
export async function clientRights(em: EntityManager, actor: Actor, clientId: string): Promise<ClientRights> {
  const { rows } = await sql<{ owner_id: string; visible: boolean; above: boolean }>`select c.owner_id, ${visibleClient({ kind: 'employee', actor })} as visible,
      (c.owner_id = any(${reportsOf(actor.employeeId)})) as above
    from client c where c.id = ${clientId}::uuid`.execute(em.getKysely());
  const row = rows[0];
  if (!row?.visible) throw notFound('Client', clientId);
  const all = hasAnyRole(actor, CHANGES_ALL_CLIENTS);
  return { ownerId: row.owner_id, write: all || row.above || row.owner_id === actor.employeeId, reassign: all || row.above };
}

/** Throws not_found for a client the actor may not see, forbidden for one they may only read. */
export async function checkClientWrite(em: EntityManager, actor: Actor, clientId: string): Promise<ClientRights> {
  const rights = await clientRights(em, actor, clientId);
  if (!rights.write) throw new DomainError('forbidden', 'Only the client\'s owner, the owner\'s managers, management and admins may change this client');
  return rights;
}

/**
 * Whether the actor may make this employee responsible for something (a client's owner, an
 * interaction): themselves, anyone below them in the chain, or anyone for management and admins.
 */
export async function mayAssignTo(em: EntityManager, actor: Actor, employeeId: string): Promise<boolean> {
  if (employeeId === actor.employeeId || hasAnyRole(actor, CHANGES_ALL_CLIENTS)) return true;
  const { rows } = await sql<{ yes: boolean }>`select (${employeeId}::uuid = any(${reportsOf(actor.employeeId)})) as yes`.execute(em.getKysely());
  return rows[0]?.yes === true;
}

/** Throws unprocessable when the employee does not exist or is no longer active. */
export async function checkActiveEmployee(em: EntityManager, employeeId: string, path: string): Promise<void> {
  const { rows } = await sql<{ active: boolean }>`select active from employee where id = ${employeeId}::uuid`.execute(em.getKysely());
  if (!rows[0]) throw new DomainError('unprocessable', `Employee ${employeeId} does not exist`, [{ path, message: 'no such employee' }]);
  if (!rows[0].active) throw new DomainError('unprocessable', `Employee ${employeeId} no longer works here`, [{ path, message: 'is not active' }]);
}
