// Who sees and who changes a deal:
// - a deal is seen by whoever sees its client (domain/clients/client-access.ts, `visibleClient`,
//   applied through the join on the client row aliased `c`), so a deal of a client one may not
//   see answers 404, as if it did not exist;
// - it is changed (fields, stage, close) by the deal's owner, anyone above the owner in the chain
//   of managers, management and admins; the quality officer, who sees every client, only reads;
// - opening a deal needs the right to change its client (the client's owner, their managers,
//   management, admins).
// Pipeline stages are the company's configuration: admins and management edit them.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { CHANGES_ALL_CLIENTS, reportsOf, visibleClient } from '../clients/client-access.ts';
import { DomainError, notFound } from '../errors.ts';
import { hasAnyRole, type Actor } from '../identity/roles.ts';
import type { Viewer } from '../processes/case-access.ts';

export const STAGE_EDITORS = ['admin', 'management'] as const;

/** A condition on a deal row joined to its client aliased `c`: true when the viewer sees the deal. */
export const visibleDeal = (viewer: Viewer): RawBuilder<SqlBool> => visibleClient(viewer);

export interface DealRights {
  ownerId: string;
  write: boolean;
}

/** The actor's rights on one deal; not_found when it does not exist or they may not see it. */
export async function dealRights(em: EntityManager, actor: Actor, dealId: string): Promise<DealRights> {
  const { rows } = await sql<{ owner_id: string; visible: boolean; above: boolean }>`select d.owner_id, ${visibleDeal({ kind: 'employee', actor })} as visible,
      (d.owner_id = any(${reportsOf(actor.employeeId)})) as above
    from deal d join client c on c.id = d.client_id where d.id = ${dealId}::uuid`.execute(em.getKysely());
  const row = rows[0];
  if (!row?.visible) throw notFound('Deal', dealId);
  return { ownerId: row.owner_id, write: hasAnyRole(actor, CHANGES_ALL_CLIENTS) || row.above || row.owner_id === actor.employeeId };
}

/** Throws not_found for a deal the actor may not see, forbidden for one they may only read. */
export async function checkDealWrite(em: EntityManager, actor: Actor, dealId: string): Promise<DealRights> {
  const rights = await dealRights(em, actor, dealId);
  if (!rights.write) throw new DomainError('forbidden', 'Only the deal\'s owner, the owner\'s managers, management and admins may change this deal');
  return rights;
}
