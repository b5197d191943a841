// A person issues an invoice to a client they may change (or drafts it): with a deal of that
// client or none, an amount or lines, a payment schedule if agreed. The number is generated per
// issue year unless the accounting program's own number is given; a taken one is refused (409).
import type { EntityManager } from '@mikro-orm/postgresql';
import { Invoice, PlannedPayment } from '../entities/index.ts';
import { DomainError } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import type { InvoiceLine } from './entities.ts';
import { checkClientInvoiceWrite } from './invoice-access.ts';
import { checkDates, checkDealOfClient, invoiceAmount, nextInvoiceNumber } from './invoice-fields.ts';
import { checkSchedule, type ScheduleItem } from './set-schedule.ts';

export interface CreateInvoiceOptions {
  /** The new invoice's id (derived from an Idempotency-Key); a fresh one when absent. */
  id?: string | undefined;
  number?: string | undefined;
  clientId: string;
  dealId?: string | null | undefined;
  amount?: number | undefined;
  lines: InvoiceLine[];
  issueDate: string;
  dueDate: string;
  draft: boolean;
  schedule: ScheduleItem[];
  notes: string | null;
}

export async function createInvoice(em: EntityManager, actor: Actor, opts: CreateInvoiceOptions): Promise<string> {
  if (opts.id && (await em.count(Invoice, { id: opts.id }))) return opts.id; // a retried request that already created it
  await checkClientInvoiceWrite(em, actor, opts.clientId);
  checkDates(opts.issueDate, opts.dueDate);
  const amount = invoiceAmount(opts.lines, opts.amount, undefined);
  checkSchedule(opts.schedule, amount);
  if (opts.dealId) await checkDealOfClient(em, opts.dealId, opts.clientId);
  const id = opts.id ?? crypto.randomUUID();
  await em.transactional(async (tx) => {
    let number = opts.number;
    if (number === undefined) number = await nextInvoiceNumber(tx, opts.issueDate);
    else if (await tx.count(Invoice, { number })) throw new DomainError('conflict', `Invoice number ${number} is taken`, [{ path: 'number', message: 'is taken by another invoice' }]);
    const now = new Date();
    const invoice = tx.create(Invoice, {
      id, number, client: opts.clientId, deal: opts.dealId ?? null, amount, lines: opts.lines, issueDate: opts.issueDate, dueDate: opts.dueDate,
      state: opts.draft ? 'draft' : 'issued', paid: 0, cancelReason: null, cancelledAt: null, cancelledBy: null, reminderCalledAt: null, paymentPromisedOn: null,
      notes: opts.notes, createdBy: actor.employeeId, createdAt: now, updatedBy: actor.employeeId, updatedAt: now,
    });
    for (const item of opts.schedule) tx.create(PlannedPayment, { id: crypto.randomUUID(), invoice, dueOn: item.dueOn, amount: item.amount });
    await tx.flush();
  });
  return id;
}
