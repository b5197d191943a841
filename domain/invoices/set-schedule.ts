// The planned payments of an invoice (the schedule the client agreed to: an advance, the rest on
// delivery) are replaced as a whole, on the version the person saw. They may not add up to more
// than the invoice, and a cancelled invoice keeps the schedule it had.
import type { EntityManager } from '@mikro-orm/postgresql';
import { StaleVersion, flushVersioned } from '../clients/stale-version.ts';
import { Invoice, PlannedPayment } from '../entities/index.ts';
import { DomainError } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import { checkInvoiceWrite } from './invoice-access.ts';

export interface ScheduleItem {
  dueOn: string;
  /** Kopecks. */
  amount: number;
}

export function checkSchedule(items: readonly ScheduleItem[], amount: number): void {
  const total = items.reduce((s, i) => s + i.amount, 0);
  if (total > amount) throw new DomainError('unprocessable', `The planned payments add up to ${total} kopecks, more than the invoice's ${amount}`, [{ path: 'schedule', message: `must add up to at most ${amount}` }]);
}

export async function setSchedule(em: EntityManager, actor: Actor, invoiceId: string, opts: { version: number; items: ScheduleItem[] }): Promise<void> {
  await checkInvoiceWrite(em, actor, invoiceId);
  const invoice = await em.findOneOrFail(Invoice, invoiceId);
  if (invoice.version !== opts.version) throw new StaleVersion('Invoice', invoiceId, opts.version, invoice.version);
  if (invoice.state === 'cancelled') throw new DomainError('conflict', `Invoice ${invoice.number} is cancelled; its schedule is kept as it was`);
  checkSchedule(opts.items, invoice.amount);
  await em.nativeDelete(PlannedPayment, { invoice: invoiceId });
  for (const item of opts.items) em.create(PlannedPayment, { id: crypto.randomUUID(), invoice, dueOn: item.dueOn, amount: item.amount });
  // The schedule is part of the invoice: changing it moves the invoice's version on.
  em.assign(invoice, { updatedBy: actor.employeeId, updatedAt: new Date() });
  await flushVersioned(() => em.flush(), 'Invoice', invoiceId, opts.version);
}
