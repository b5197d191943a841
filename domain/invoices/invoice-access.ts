// Who sees and who changes an invoice:
// - an invoice is seen by whoever sees its client (visibleClient through the join on the client
//   aliased `c`); the sales assistant, who prepares invoices for every seller, and the `accounting`
//   job role, who records payments, see every invoice - without them the paperwork has no owner;
// - it is created and changed (fields, schedule, cancel) by the client's owner, anyone above the
//   owner, the sales assistant, management and admins;
// - actual payments are recorded by the same people, by `accounting`, and by an integration key
//   with the scope `invoices/payments` (the accounting program reporting a bank statement).
// An invoice one may not see answers 404, as if it did not exist.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { CHANGES_ALL_CLIENTS, reportsOf, visibleClient } from '../clients/client-access.ts';
import { DomainError, notFound } from '../errors.ts';
import type { IntegrationScopes } from '../identity/integration-key.entity.ts';
import { hasAnyRole, type Actor } from '../identity/roles.ts';
import type { Viewer } from '../processes/case-access.ts';

/** Roles that prepare and change every invoice, besides management and admins. */
export const INVOICE_CLERKS = ['sales-assistant'] as const;
/** Roles that record payments on every invoice. */
export const PAYMENT_CLERKS = ['accounting'] as const;
/** The scope an integration key needs to report payments. */
export const PAYMENTS_SCOPE = 'invoices/payments';

const SEES_ALL_INVOICES = [...INVOICE_CLERKS, ...PAYMENT_CLERKS];
const CHANGES_ALL_INVOICES = [...CHANGES_ALL_CLIENTS, ...INVOICE_CLERKS];

/** A condition on an invoice joined to its client aliased `c`: true when the viewer sees it. */
export function visibleInvoice(viewer: Viewer): RawBuilder<SqlBool> {
  if (viewer.kind === 'employee' && hasAnyRole(viewer.actor, SEES_ALL_INVOICES)) return sql<SqlBool>`true`;
  return visibleClient(viewer);
}

export const keyMayRecordPayments = (scopes: IntegrationScopes): boolean => scopes.events.includes(PAYMENTS_SCOPE);

export interface InvoiceRights {
  clientId: string;
  /** Create, change, cancel, plan payments. */
  write: boolean;
  /** Record actual payments. */
  pay: boolean;
}

async function rightsBy(em: EntityManager, actor: Actor, from: RawBuilder<unknown>, what: string, id: string): Promise<InvoiceRights> {
  const { rows } = await sql<{ client_id: string; owner_id: string; visible: boolean; above: boolean }>`select c.id as client_id, c.owner_id,
      ${visibleInvoice({ kind: 'employee', actor })} as visible, (c.owner_id = any(${reportsOf(actor.employeeId)})) as above
    from ${from}`.execute(em.getKysely());
  const row = rows[0];
  if (!row?.visible) throw notFound(what, id);
  const write = hasAnyRole(actor, CHANGES_ALL_INVOICES) || row.above || row.owner_id === actor.employeeId;
  return { clientId: row.client_id, write, pay: write || hasAnyRole(actor, PAYMENT_CLERKS) };
}

/** The actor's rights on one invoice; not_found when it does not exist or they may not see it. */
export const invoiceRights = (em: EntityManager, actor: Actor, invoiceId: string): Promise<InvoiceRights> =>
  rightsBy(em, actor, sql`invoice i join client c on c.id = i.client_id where i.id = ${invoiceId}::uuid`, 'Invoice', invoiceId);

/** The actor's invoice rights on a client's invoices (for creating one); not_found for a client they may not see. */
export const clientInvoiceRights = (em: EntityManager, actor: Actor, clientId: string): Promise<InvoiceRights> =>
  rightsBy(em, actor, sql`client c where c.id = ${clientId}::uuid`, 'Client', clientId);

const FORBIDDEN = 'Only the client\'s owner, the owner\'s managers, the sales assistant, management and admins may change invoices of this client';

export async function checkInvoiceWrite(em: EntityManager, actor: Actor, invoiceId: string): Promise<InvoiceRights> {
  const rights = await invoiceRights(em, actor, invoiceId);
  if (!rights.write) throw new DomainError('forbidden', FORBIDDEN);
  return rights;
}

export async function checkClientInvoiceWrite(em: EntityManager, actor: Actor, clientId: string): Promise<InvoiceRights> {
  const rights = await clientInvoiceRights(em, actor, clientId);
  if (!rights.write) throw new DomainError('forbidden', FORBIDDEN);
  return rights;
}
