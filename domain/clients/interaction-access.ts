// Who sees and who changes an interaction. Seen by whoever sees its client, and by the employee
// who has it in their calendar and that employee's managers up the chain (an engineer's meeting
// with a client of sales shows in the engineer's calendar). Changed by that employee, their
// managers, management and admins, and by whoever may change its client.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { DomainError, notFound } from '../errors.ts';
import { hasAnyRole, type Actor } from '../identity/roles.ts';
import type { Viewer } from '../processes/case-access.ts';
import { CHANGES_ALL_CLIENTS, teamOf, visibleClient } from './client-access.ts';

/** A condition on the interaction row `i` joined with its client `c`. */
export function visibleInteraction(viewer: Viewer): RawBuilder<SqlBool> {
  if (viewer.kind !== 'employee') return sql<SqlBool>`false`;
  return sql<SqlBool>`(${visibleClient(viewer)} or i.employee_id = any(${teamOf(viewer.actor.employeeId)}))`;
}

/** Throws not_found when the actor may not see the interaction, forbidden when they may only read it. */
export async function checkInteractionWrite(em: EntityManager, actor: Actor, interactionId: string): Promise<{ clientId: string }> {
  const team = teamOf(actor.employeeId);
  const { rows } = await sql<{ client_id: string; visible: boolean; write: boolean }>`select i.client_id, ${visibleInteraction({ kind: 'employee', actor })} as visible,
      (i.employee_id = any(${team}) or c.owner_id = any(${team})) as write
    from interaction i join client c on c.id = i.client_id where i.id = ${interactionId}::uuid`.execute(em.getKysely());
  const row = rows[0];
  if (!row?.visible) throw notFound('Interaction', interactionId);
  if (!row.write && !hasAnyRole(actor, CHANGES_ALL_CLIENTS)) {
    throw new DomainError('forbidden', 'Only the employee the interaction is planned for, their managers, whoever may change the client, management and admins may change it');
  }
  return { clientId: row.client_id };
}
