// A change to an invoice on the version the person saw (a stale one changes nothing: 409 with the
// current invoice). Issuing a draft is a change of `issue: true`. A cancelled invoice is not
// changed; the amount may not drop below what has been paid already.
import type { EntityManager } from '@mikro-orm/postgresql';
import { StaleVersion, flushVersioned } from '../clients/stale-version.ts';
import { Invoice } from '../entities/index.ts';
import { DomainError } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import type { InvoiceLine } from './entities.ts';
import { checkInvoiceWrite } from './invoice-access.ts';
import { checkDates, checkDealOfClient, invoiceAmount } from './invoice-fields.ts';

export interface UpdateInvoiceOptions {
  version: number;
  dealId?: string | null | undefined;
  amount?: number | undefined;
  lines?: InvoiceLine[] | undefined;
  issueDate?: string | undefined;
  dueDate?: string | undefined;
  issue?: boolean | undefined;
  paymentPromisedOn?: string | null | undefined;
  notes?: string | null | undefined;
}

export async function updateInvoice(em: EntityManager, actor: Actor, invoiceId: string, opts: UpdateInvoiceOptions): Promise<void> {
  const rights = await checkInvoiceWrite(em, actor, invoiceId);
  const invoice = await em.findOneOrFail(Invoice, invoiceId);
  if (invoice.version !== opts.version) throw new StaleVersion('Invoice', invoiceId, opts.version, invoice.version);
  if (invoice.state === 'cancelled') throw new DomainError('conflict', `Invoice ${invoice.number} is cancelled; a cancelled invoice is not changed`);
  if (opts.issue === false && invoice.state !== 'draft') throw new DomainError('conflict', `Invoice ${invoice.number} is issued already; it cannot go back to a draft`, [{ path: 'issue', message: 'an issued invoice stays issued' }]);
  checkDates(opts.issueDate ?? invoice.issueDate, opts.dueDate ?? invoice.dueDate);
  if (opts.dealId) await checkDealOfClient(em, opts.dealId, rights.clientId);
  const lines = opts.lines ?? invoice.lines;
  const amount = opts.lines === undefined && opts.amount === undefined ? invoice.amount : invoiceAmount(lines, opts.amount, invoice.amount);
  if (amount < invoice.paid) throw new DomainError('unprocessable', `The amount ${amount} is less than already paid (${invoice.paid} kopecks)`, [{ path: 'amount', message: `must be at least the ${invoice.paid} paid` }]);
  const { version: _version, dealId, issue, ...fields } = opts;
  const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  em.assign(invoice, {
    ...defined, lines, amount,
    ...(dealId !== undefined ? { deal: dealId } : {}),
    ...(issue === true ? { state: 'issued' as const } : {}),
    updatedBy: actor.employeeId, updatedAt: new Date(),
  });
  await flushVersioned(() => em.flush(), 'Invoice', invoiceId, opts.version);
}
