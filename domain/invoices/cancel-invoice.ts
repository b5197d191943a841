// Cancelling an invoice (issued by mistake, replaced by another): with a reason, kept with who and
// when. An invoice with payments is not cancelled - the money is real and must be accounted for.
import type { EntityManager } from '@mikro-orm/postgresql';
import { StaleVersion, flushVersioned } from '../clients/stale-version.ts';
import { Invoice } from '../entities/index.ts';
import { DomainError } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import { checkInvoiceWrite } from './invoice-access.ts';

export async function cancelInvoice(em: EntityManager, actor: Actor, invoiceId: string, opts: { reason: string; version?: number | undefined }): Promise<void> {
  await checkInvoiceWrite(em, actor, invoiceId);
  const invoice = await em.findOneOrFail(Invoice, invoiceId);
  if (opts.version !== undefined && invoice.version !== opts.version) throw new StaleVersion('Invoice', invoiceId, opts.version, invoice.version);
  if (invoice.state === 'cancelled') throw new DomainError('conflict', `Invoice ${invoice.number} is cancelled already`);
  if (invoice.paid > 0) throw new DomainError('conflict', `Invoice ${invoice.number} has payments (${invoice.paid} kopecks); an invoice with payments is not cancelled`);
  const now = new Date();
  em.assign(invoice, { state: 'cancelled', cancelReason: opts.reason, cancelledAt: now, cancelledBy: actor.employeeId, updatedBy: actor.employeeId, updatedAt: now });
  await flushVersioned(() => em.flush(), 'Invoice', invoiceId, opts.version ?? invoice.version);
}
