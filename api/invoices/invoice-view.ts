// The read side of invoices: the list (with the sums of everything the filter matches), the
// invoice with its schedule and payments, and receivables per client - all filtered by the
// invoice visibility rule through the client join, so totals agree with what a person may open.
// Statuses are derived for `today` (the company's day, or the `asOf` asked for). Dates come as
// text from SQL: node-postgres would turn a `date` into a local Date.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { InvoiceLine, InvoiceStatus } from '../../domain/invoices/entities.ts';
import { invoiceRights, visibleInvoice } from '../../domain/invoices/invoice-access.ts';
import { outstandingSql, statusSql } from '../../domain/invoices/invoice-status.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import type { Viewer } from '../../domain/processes/case-access.ts';
import { isoTimestamp } from '../timestamps.ts';
import type { InvoiceSort, ReceivableSort } from './schemas.ts';

export interface InvoiceFilter {
  q?: string | undefined;
  clientId?: string | undefined;
  dealId?: string | undefined;
  status?: InvoiceStatus | undefined;
  overdue?: boolean | undefined;
  dueFrom?: string | undefined;
  dueTo?: string | undefined;
  amountMin?: number | undefined;
  amountMax?: number | undefined;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

function conditions(viewer: Viewer, f: InvoiceFilter, today: string): RawBuilder<SqlBool> {
  const parts: RawBuilder<unknown>[] = [visibleInvoice(viewer)];
  if (f.clientId) parts.push(sql`i.client_id = ${f.clientId}::uuid`);
  if (f.dealId) parts.push(sql`i.deal_id = ${f.dealId}::uuid`);
  if (f.status) parts.push(sql`${statusSql(today)} = ${f.status}`);
  if (f.overdue !== undefined) parts.push(f.overdue ? sql`${statusSql(today)} = 'overdue'` : sql`${statusSql(today)} <> 'overdue'`);
  if (f.dueFrom) parts.push(sql`i.due_date >= ${f.dueFrom}::date`);
  if (f.dueTo) parts.push(sql`i.due_date <= ${f.dueTo}::date`);
  if (f.amountMin !== undefined) parts.push(sql`i.amount >= ${f.amountMin}`);
  if (f.amountMax !== undefined) parts.push(sql`i.amount <= ${f.amountMax}`);
  const q = f.q?.trim();
  if (q) {
    const pattern = `%${likeEscape(q)}%`;
    parts.push(sql`(i.number ilike ${pattern} or c.name ilike ${pattern})`);
  }
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

const ORDER: Record<InvoiceSort, RawBuilder<unknown>> = {
  updatedAt: sql`i.updated_at asc, i.id asc`,
  '-updatedAt': sql`i.updated_at desc, i.id desc`,
  dueDate: sql`i.due_date asc, i.id asc`,
  '-dueDate': sql`i.due_date desc, i.id desc`,
  issueDate: sql`i.issue_date asc, i.number asc`,
  '-issueDate': sql`i.issue_date desc, i.number desc`,
  amount: sql`i.amount asc, i.id asc`,
  '-amount': sql`i.amount desc, i.id desc`,
  outstanding: sql`${outstandingSql} asc, i.id asc`,
  '-outstanding': sql`${outstandingSql} desc, i.id desc`,
  number: sql`i.number asc`,
  '-number': sql`i.number desc`,
  client: sql`c.name asc, i.issue_date desc, i.id`,
  '-client': sql`c.name desc, i.issue_date desc, i.id`,
};

interface ListRow {
  id: string; number: string; client_id: string; client_name: string; deal_id: string | null; deal_title: string | null; owner_id: string; owner_name: string;
  amount: string; paid: string; outstanding: string; issue_date: string; due_date: string; status: InvoiceStatus; updated_at: Date | string; version: number;
}

const listColumns = (today: string) => sql`i.id, i.number, i.client_id, c.name as client_name, i.deal_id, d.title as deal_title, c.owner_id, o.full_name as owner_name,
  i.amount, i.paid, ${outstandingSql} as outstanding, to_char(i.issue_date, 'YYYY-MM-DD') as issue_date, to_char(i.due_date, 'YYYY-MM-DD') as due_date,
  ${statusSql(today)} as status, i.updated_at, i.version`;
const FROM = sql`invoice i join client c on c.id = i.client_id join employee o on o.id = c.owner_id left join deal d on d.id = i.deal_id`;

const listItem = (r: ListRow) => ({
  id: r.id, number: r.number, client: { id: r.client_id, name: r.client_name }, deal: r.deal_id === null ? null : { id: r.deal_id, title: r.deal_title ?? '' },
  owner: { id: r.owner_id, name: r.owner_name }, amount: Number(r.amount), paid: Number(r.paid), outstanding: Number(r.outstanding),
  issueDate: r.issue_date, dueDate: r.due_date, status: r.status, updatedAt: isoTimestamp(r.updated_at), version: r.version,
});

export async function listInvoices(em: EntityManager, viewer: Viewer, filter: InvoiceFilter, page: { sort: InvoiceSort; limit: number; offset: number; today: string }) {
  const where = conditions(viewer, filter, page.today);
  const db = em.getKysely();
  const [rows, totals] = await Promise.all([
    sql<ListRow>`select ${listColumns(page.today)} from ${FROM} where ${where} order by ${ORDER[page.sort]} limit ${page.limit} offset ${page.offset}`.execute(db),
    sql<{ total: string; amount: string; paid: string; outstanding: string; overdue: string }>`select count(*) as total,
        coalesce(sum(case when i.state <> 'cancelled' then i.amount else 0 end), 0) as amount, coalesce(sum(i.paid), 0) as paid,
        coalesce(sum(${outstandingSql}), 0) as outstanding, coalesce(sum(case when i.due_date < ${page.today}::date then ${outstandingSql} else 0 end), 0) as overdue
      from invoice i join client c on c.id = i.client_id where ${where}`.execute(db),
  ]);
  const t = totals.rows[0];
  return {
    items: rows.rows.map(listItem),
    total: Number(t?.total ?? 0),
    sums: { amount: Number(t?.amount ?? 0), paid: Number(t?.paid ?? 0), outstanding: Number(t?.outstanding ?? 0), overdue: Number(t?.overdue ?? 0) },
    today: page.today,
  };
}

interface DetailRow extends ListRow {
  lines: InvoiceLine[]; cancel_reason: string | null; cancelled_at: Date | string | null; cancelled_by_id: string | null; cancelled_by_name: string | null;
  reminder_called_at: string | null; payment_promised_on: string | null; notes: string | null;
  created_by_id: string; created_by_name: string; created_at: Date | string; updated_by_id: string; updated_by_name: string;
}

export async function listPayments(em: EntityManager, invoiceId: string) {
  const { rows } = await sql<{ id: string; paid_on: string; amount: string; document_number: string; overpayment: boolean; recorded_by_id: string | null; recorded_by_name: string | null; integration_key_id: string | null; integration_name: string | null; recorded_at: Date | string }>`
    select p.id, to_char(p.paid_on, 'YYYY-MM-DD') as paid_on, p.amount, p.document_number, p.overpayment, p.recorded_by_id, e.full_name as recorded_by_name,
      p.integration_key_id, p.integration_name, p.recorded_at
    from invoice_payment p left join employee e on e.id = p.recorded_by_id where p.invoice_id = ${invoiceId}::uuid order by p.paid_on, p.recorded_at, p.id`.execute(em.getKysely());
  return rows.map((p) => ({
    id: p.id, paidOn: p.paid_on, amount: Number(p.amount), documentNumber: p.document_number, overpayment: p.overpayment,
    recordedBy: p.recorded_by_id === null ? null : { id: p.recorded_by_id, name: p.recorded_by_name ?? '' },
    integration: p.integration_key_id === null ? null : { id: p.integration_key_id, name: p.integration_name ?? '' },
    recordedAt: isoTimestamp(p.recorded_at),
  }));
}

/** The invoice page; not_found when it does not exist or the actor may not see it. */
export async function invoiceDetail(em: EntityManager, actor: Actor, id: string, today: string) {
  const rights = await invoiceRights(em, actor, id);
  const db = em.getKysely();
  const [invoice, schedule, payments] = await Promise.all([
    sql<DetailRow>`select ${listColumns(today)}, i.lines, i.cancel_reason, i.cancelled_at, i.cancelled_by_id, cx.full_name as cancelled_by_name,
        to_char(i.reminder_called_at, 'YYYY-MM-DD') as reminder_called_at, to_char(i.payment_promised_on, 'YYYY-MM-DD') as payment_promised_on, i.notes,
        i.created_by_id, cb.full_name as created_by_name, i.created_at, i.updated_by_id, ub.full_name as updated_by_name
      from ${FROM} join employee cb on cb.id = i.created_by_id join employee ub on ub.id = i.updated_by_id left join employee cx on cx.id = i.cancelled_by_id
      where i.id = ${id}::uuid`.execute(db),
    sql<{ id: string; due_on: string; amount: string }>`select id, to_char(due_on, 'YYYY-MM-DD') as due_on, amount from planned_payment where invoice_id = ${id}::uuid order by due_on, id`.execute(db),
    listPayments(em, id),
  ]);
  const i = invoice.rows[0];
  if (!i) throw notFound('Invoice', id);
  return {
    ...listItem(i),
    lines: i.lines,
    schedule: schedule.rows.map((s) => ({ id: s.id, dueOn: s.due_on, amount: Number(s.amount) })),
    payments,
    cancelReason: i.cancel_reason, cancelledAt: i.cancelled_at === null ? null : isoTimestamp(i.cancelled_at),
    cancelledBy: i.cancelled_by_id === null ? null : { id: i.cancelled_by_id, name: i.cancelled_by_name ?? '' },
    reminderCalledAt: i.reminder_called_at, paymentPromisedOn: i.payment_promised_on, notes: i.notes,
    createdBy: { id: i.created_by_id, name: i.created_by_name }, createdAt: isoTimestamp(i.created_at),
    updatedBy: { id: i.updated_by_id, name: i.updated_by_name },
    today,
    rights: { write: rights.write, pay: rights.pay },
  };
}

const RECEIVABLE_ORDER: Record<ReceivableSort, RawBuilder<unknown>> = {
  '-overdue': sql`overdue desc, outstanding desc, client_name, client_id`,
  overdue: sql`overdue asc, outstanding asc, client_name, client_id`,
  '-outstanding': sql`outstanding desc, client_name, client_id`,
  outstanding: sql`outstanding asc, client_name, client_id`,
  oldestOverdueDue: sql`oldest_overdue_due asc nulls last, client_name, client_id`,
  '-oldestOverdueDue': sql`oldest_overdue_due desc nulls last, client_name, client_id`,
  client: sql`client_name asc, client_id`,
  '-client': sql`client_name desc, client_id`,
};

interface ReceivableRow { client_id: string; client_name: string; owner_id: string; owner_name: string; outstanding: string; overdue: string; oldest_overdue_due: string | null; invoices: string }

/** Per client with anything still to pay on an issued invoice: owed, the overdue part and the oldest overdue due date. */
const receivablesCte = (where: RawBuilder<unknown>, today: string) => sql`with r as (
  select c.id as client_id, c.name as client_name, c.owner_id, o.full_name as owner_name,
    sum(${outstandingSql}) as outstanding,
    sum(case when i.due_date < ${today}::date then ${outstandingSql} else 0 end) as overdue,
    to_char(min(case when i.due_date < ${today}::date then i.due_date end), 'YYYY-MM-DD') as oldest_overdue_due,
    count(*) as invoices
  from invoice i join client c on c.id = i.client_id join employee o on o.id = c.owner_id
  where i.state = 'issued' and i.paid < i.amount and ${where}
  group by c.id, c.name, c.owner_id, o.full_name)`;

const receivable = (r: ReceivableRow) => ({
  client: { id: r.client_id, name: r.client_name }, owner: { id: r.owner_id, name: r.owner_name },
  outstanding: Number(r.outstanding), overdue: Number(r.overdue), oldestOverdueDue: r.oldest_overdue_due, invoices: Number(r.invoices),
});

export async function listReceivables(em: EntityManager, viewer: Viewer, f: { q?: string | undefined; ownerId?: string | undefined; overdueOnly?: boolean | undefined }, page: { sort: ReceivableSort; limit: number; offset: number; today: string }) {
  const parts: RawBuilder<unknown>[] = [visibleInvoice(viewer)];
  if (f.ownerId) parts.push(sql`c.owner_id = ${f.ownerId}::uuid`);
  const q = f.q?.trim();
  if (q) parts.push(sql`c.name ilike ${`%${likeEscape(q)}%`}`);
  const where = sql`(${sql.join(parts, sql` and `)})`;
  const having = f.overdueOnly ? sql`where overdue > 0` : sql``;
  const db = em.getKysely();
  const [rows, totals] = await Promise.all([
    sql<ReceivableRow>`${receivablesCte(where, page.today)} select * from r ${having} order by ${RECEIVABLE_ORDER[page.sort]} limit ${page.limit} offset ${page.offset}`.execute(db),
    sql<{ total: string; outstanding: string; overdue: string }>`${receivablesCte(where, page.today)} select count(*) as total, coalesce(sum(outstanding), 0) as outstanding, coalesce(sum(overdue), 0) as overdue from r ${having}`.execute(db),
  ]);
  const t = totals.rows[0];
  return { items: rows.rows.map(receivable), total: Number(t?.total ?? 0), sums: { outstanding: Number(t?.outstanding ?? 0), overdue: Number(t?.overdue ?? 0) }, today: page.today };
}

/** One client's receivables (zeros when nothing is owed); the caller has checked the client is visible. */
export async function clientReceivables(em: EntityManager, viewer: Viewer, clientId: string, today: string) {
  const { rows } = await sql<ReceivableRow>`${receivablesCte(sql`${visibleInvoice(viewer)} and c.id = ${clientId}::uuid`, today)} select * from r`.execute(em.getKysely());
  const r = rows[0];
  return { clientId, outstanding: Number(r?.outstanding ?? 0), overdue: Number(r?.overdue ?? 0), oldestOverdueDue: r?.oldest_overdue_due ?? null, invoices: Number(r?.invoices ?? 0), today };
}

/** What a payment's answer says about its invoice (also to an integration key, which sees no client). */
export async function invoiceSummary(em: EntityManager, id: string, today: string) {
  const { rows } = await sql<{ id: string; number: string; amount: string; paid: string; outstanding: string; status: InvoiceStatus; version: number }>`
    select i.id, i.number, i.amount, i.paid, ${outstandingSql} as outstanding, ${statusSql(today)} as status, i.version from invoice i where i.id = ${id}::uuid`.execute(em.getKysely());
  const i = rows[0];
  if (!i) throw notFound('Invoice', id);
  return { id: i.id, number: i.number, amount: Number(i.amount), paid: Number(i.paid), outstanding: Number(i.outstanding), status: i.status, version: i.version };
}
