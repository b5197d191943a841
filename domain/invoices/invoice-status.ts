// The status a person sees, derived - never stored - from what was decided (draft, issued,
// cancelled), what was paid and the day it is, so "overdue" turns on by itself the day after the
// due date and off the moment the last kopeck arrives. The same rule in TypeScript (one invoice)
// and in SQL (lists, filters, receivables); invoice-status.test.ts holds them to each other.
import { sql, type RawBuilder } from 'kysely';
import type { InvoiceState, InvoiceStatus } from './entities.ts';

export interface StatusInput {
  state: InvoiceState;
  amount: number;
  paid: number;
  /** YYYY-MM-DD */
  dueDate: string;
}

/** `today` is the company's calendar day, YYYY-MM-DD: due on that day is not yet overdue. */
export function invoiceStatus(i: StatusInput, today: string): InvoiceStatus {
  if (i.state === 'cancelled') return 'cancelled';
  if (i.state === 'draft') return 'draft';
  if (i.paid >= i.amount) return 'paid';
  if (i.dueDate < today) return 'overdue';
  return i.paid > 0 ? 'partly-paid' : 'issued';
}

/** The same rule on the invoice row aliased `i`. */
export const statusSql = (today: string): RawBuilder<InvoiceStatus> => sql<InvoiceStatus>`(case
  when i.state = 'cancelled' then 'cancelled' when i.state = 'draft' then 'draft'
  when i.paid >= i.amount then 'paid' when i.due_date < ${today}::date then 'overdue'
  when i.paid > 0 then 'partly-paid' else 'issued' end)`;

/** What is still owed on an issued invoice (never negative: an overpaid invoice owes nothing). */
export const outstandingSql = sql<string>`(case when i.state = 'issued' and i.paid < i.amount then i.amount - i.paid else 0 end)`;
