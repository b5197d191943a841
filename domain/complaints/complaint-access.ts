// Who sees and who changes a complaint:
// - the quality role, management and admins see every complaint; so does whoever sees its client
//   (domain/clients/client-access.ts, `visibleClient`, on the client row aliased `c`, left-joined:
//   a complaint not yet matched to a client has none), and every member of a department involved;
// - it is changed (fields, status, public messages, decision) by quality, management and admins;
// - internal notes are added by those and by members of the departments involved (legal, service
//   and sales answer the quality officer there).
// A complaint one may not see answers 404, as if it did not exist. The knowledge base is read by
// every employee and written by quality, management and admins.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { visibleClient } from '../clients/client-access.ts';
import { DomainError, notFound } from '../errors.ts';
import { hasAnyRole, type Actor } from '../identity/roles.ts';
import type { Viewer } from '../processes/case-access.ts';

export const COMPLAINT_EDITORS = ['quality', 'management', 'admin'] as const;
export const KB_EDITORS = ['quality', 'management', 'admin'] as const;

/** True when the viewer's department is one of those involved in the complaint row aliased `k`. */
const involves = (employeeId: string): RawBuilder<SqlBool> =>
  sql<SqlBool>`exists (select 1 from complaint_departments cd join employee me on me.department_id = cd.department_id where cd.complaint_id = k.id and me.id = ${employeeId}::uuid)`;

/** A condition on the complaint row aliased `k`, left-joined to its client aliased `c`. */
export function visibleComplaint(viewer: Viewer): RawBuilder<SqlBool> {
  if (viewer.kind !== 'employee') return sql<SqlBool>`false`;
  if (hasAnyRole(viewer.actor, COMPLAINT_EDITORS)) return sql<SqlBool>`true`;
  return sql<SqlBool>`((c.id is not null and ${visibleClient(viewer)}) or ${involves(viewer.actor.employeeId)})`;
}

export interface ComplaintRights {
  /** Fields, status, public messages, decision. */
  write: boolean;
  /** Internal notes. */
  note: boolean;
}

/** The actor's rights on one complaint; not_found when it does not exist or they may not see it. */
export async function complaintRights(em: EntityManager, actor: Actor, id: string): Promise<ComplaintRights> {
  const { rows } = await sql<{ visible: boolean; involved: boolean }>`select ${visibleComplaint({ kind: 'employee', actor })} as visible, ${involves(actor.employeeId)} as involved
    from complaint k left join client c on c.id = k.client_id where k.id = ${id}::uuid`.execute(em.getKysely());
  const row = rows[0];
  if (!row?.visible) throw notFound('Complaint', id);
  const write = hasAnyRole(actor, COMPLAINT_EDITORS);
  return { write, note: write || row.involved };
}

/** Throws not_found for a complaint the actor may not see, forbidden for one they may only read. */
export async function checkComplaintWrite(em: EntityManager, actor: Actor, id: string): Promise<ComplaintRights> {
  const rights = await complaintRights(em, actor, id);
  if (!rights.write) throw new DomainError('forbidden', 'Only the quality officer, management and admins change a complaint');
  return rights;
}

export function checkKbWrite(actor: Actor): void {
  if (!hasAnyRole(actor, KB_EDITORS)) throw new DomainError('forbidden', 'Only the quality officer, management and admins write the knowledge base');
}
