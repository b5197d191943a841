// What a person enters on an invoice and the rules zod cannot see: the amount is the lines' sum
// when there are lines (as for deals), the due date is not before the issue date, the deal is one
// of the invoice's client, and a number is unique - generated as "<issue year>-<sequence>".
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { resolveAmount } from '../deals/deal-fields.ts';
import { DomainError } from '../errors.ts';
import type { InvoiceLine } from './entities.ts';

export function invoiceAmount(lines: readonly InvoiceLine[], amount: number | undefined, fallback: number | undefined): number {
  if (!lines.length && amount === undefined && fallback === undefined) {
    throw new DomainError('invalid_input', 'An invoice needs its amount or its lines', [{ path: 'amount', message: 'is required without lines' }]);
  }
  const total = resolveAmount(lines, amount, fallback ?? 0);
  if (total <= 0) throw new DomainError('invalid_input', 'An invoice is for more than nothing', [{ path: lines.length ? 'lines' : 'amount', message: 'must be above zero' }]);
  return total;
}

export function checkDates(issueDate: string, dueDate: string): void {
  if (dueDate < issueDate) throw new DomainError('invalid_input', `The due date ${dueDate} is before the issue date ${issueDate}`, [{ path: 'dueDate', message: 'must be on or after the issue date' }]);
}

/** Refuses a deal that does not exist or belongs to another client. */
export async function checkDealOfClient(em: EntityManager, dealId: string, clientId: string): Promise<void> {
  const { rows } = await sql<{ client_id: string }>`select client_id from deal where id = ${dealId}::uuid`.execute(em.getKysely());
  if (rows[0]?.client_id !== clientId) throw new DomainError('unprocessable', `Deal ${dealId} is not a deal of this client`, [{ path: 'dealId', message: 'not a deal of the invoice\'s client' }]);
}

/**
 * The next number of the issue date's year. Taken under a transaction-scoped advisory lock per
 * year, so two invoices created at once never get the same one; must run inside a transaction.
 */
export async function nextInvoiceNumber(em: EntityManager, issueDate: string): Promise<string> {
  const year = issueDate.slice(0, 4);
  const db = em.getKysely();
  await sql`select pg_advisory_xact_lock(hashtext(${`invoice-number-${year}`}))`.execute(db);
  const { rows } = await sql<{ last: number | null }>`select max(substring(number from 6)::int) as last from invoice where number ~ ${`^${year}-[0-9]{1,9}$`}`.execute(db);
  return `${year}-${String((rows[0]?.last ?? 0) + 1).padStart(4, '0')}`;
}
