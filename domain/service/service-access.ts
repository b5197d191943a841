// Who sees and who changes service records (installation orders, equipment, visits, consultations):
// - seen by whoever sees the record's client (`visibleClient`), and by the service department -
//   the `service` job role and anyone above a holder of it in the chain of managers (the service
//   head's director) - who see every client's service records: an engineer goes to any site;
// - changed by the service department, management and admins;
// - an installation order is also opened (and, while it is new or returned, completed with the
//   data that was missing, or cancelled) by whoever may change its client: the deal's owner and
//   their managers, because sales hands the order over.
// A record one may not see answers 404, as if it did not exist. The rules are SQL so lists are
// filtered where they are read and their totals agree.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { CHANGES_ALL_CLIENTS, reportsOf, visibleClient } from '../clients/client-access.ts';
import { DomainError, notFound } from '../errors.ts';
import { hasAnyRole, hasRole, type Actor } from '../identity/roles.ts';
import type { Viewer } from '../processes/case-access.ts';

export const SERVICE_ROLE = 'service';

/** True when someone below the actor in the chain of managers holds the service role. */
const aboveService = (actor: Actor): RawBuilder<SqlBool> =>
  sql<SqlBool>`exists (select 1 from employee_roles er where er.role_code = ${SERVICE_ROLE} and er.employee_id = any(${reportsOf(actor.employeeId)}))`;

/** Whether the actor is the service department (its role, or a manager above it): one query. */
export async function isServiceStaff(em: EntityManager, actor: Actor): Promise<boolean> {
  if (hasRole(actor, SERVICE_ROLE)) return true;
  const { rows } = await sql<{ yes: boolean }>`select ${aboveService(actor)} as yes`.execute(em.getKysely());
  return rows[0]?.yes === true;
}

/** A condition on the client row aliased `c`: true when the viewer sees that client's service records. */
export function visibleService(viewer: Viewer): RawBuilder<SqlBool> {
  if (viewer.kind !== 'employee') return sql<SqlBool>`false`;
  if (hasRole(viewer.actor, SERVICE_ROLE)) return sql<SqlBool>`true`;
  return sql<SqlBool>`(${visibleClient(viewer)} or ${aboveService(viewer.actor)})`;
}

export interface ServiceRights {
  /** The service department, management, admins. */
  service: boolean;
  /** May change the client the record belongs to (its owner and their managers, management, admins). */
  client: boolean;
}

/** The actor's rights on a client's service records; not_found when they may not see them. */
export async function serviceRights(em: EntityManager, actor: Actor, clientId: string, what = 'Client'): Promise<ServiceRights> {
  const { rows } = await sql<{ owner_id: string; visible: boolean; above: boolean; staff: boolean }>`select c.owner_id,
      ${visibleService({ kind: 'employee', actor })} as visible,
      (c.owner_id = any(${reportsOf(actor.employeeId)})) as above,
      ${hasRole(actor, SERVICE_ROLE) ? sql`true` : aboveService(actor)} as staff
    from client c where c.id = ${clientId}::uuid`.execute(em.getKysely());
  const row = rows[0];
  if (!row?.visible) throw notFound(what, clientId);
  const all = hasAnyRole(actor, CHANGES_ALL_CLIENTS);
  return { service: all || row.staff, client: all || row.above || row.owner_id === actor.employeeId };
}

export const forbiddenService = (): DomainError =>
  new DomainError('forbidden', 'Only the service department, management and admins may change service records');

/** Throws forbidden unless the actor is the service department, management or an admin. */
export function requireService(rights: ServiceRights): void {
  if (!rights.service) throw forbiddenService();
}
