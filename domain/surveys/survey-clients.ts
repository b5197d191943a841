// Whom a survey asks. The phone round calls new clients who bought exactly once: a purchase is an
// invoice that received money, dated by its first payment - the same rule as the relationship
// stages report (domain/reports/clients/stages-report.ts) - so "became a client in October" means
// the client's first purchase is dated in October, and "bought once" that it has no other
// purchase up to now. The e-mail survey asks clients in the relationship stage "regular" who have
// an e-mail, leaving out addresses on mailing's unsubscribe list when that list exists.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';

export interface SurveyClient {
  clientId: string;
  name: string;
  /** The owner's e-mail: who gets the call. */
  owner: string;
}

/** `2026-10` -> the first and last day of that month. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** The month before the one `date` (YYYY-MM-DD) is in. */
export function previousMonth(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 2, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

export async function phoneCandidates(em: EntityManager, month: string): Promise<SurveyClient[]> {
  const { from, to } = monthRange(month);
  const { rows } = await sql<{ client_id: string; name: string; owner: string }>`
    with purchases as (
      select i.client_id, min(p.paid_on) as day from invoice_payment p join invoice i on i.id = p.invoice_id group by i.id, i.client_id),
    buyers as (select client_id, count(*) as n, min(day) as first_day from purchases group by client_id)
    select c.id as client_id, c.name, e.email as owner from buyers b join client c on c.id = b.client_id join employee e on e.id = c.owner_id
    where b.n = 1 and b.first_day between ${from}::date and ${to}::date and e.active
    order by c.name, c.id`.execute(em.getKysely());
  return rows.map((r) => ({ clientId: r.client_id, name: r.name, owner: r.owner }));
}

export interface EmailRecipient extends SurveyClient {
  email: string;
}

export async function emailRecipients(em: EntityManager): Promise<{ recipients: EmailRecipient[]; suppressed: number }> {
  const { rows: [reg] } = await sql<{ exists: boolean }>`select to_regclass('mail_suppression') is not null as exists`.execute(em.getKysely());
  const { rows } = await sql<{ client_id: string; name: string; owner: string; email: string; suppressed: boolean }>`
    select c.id as client_id, c.name, e.email as owner, c.email,
      ${reg?.exists ? sql`exists (select 1 from mail_suppression s where s.email = lower(c.email))` : sql`false`} as suppressed
    from client c join employee e on e.id = c.owner_id
    where c.stage = 'regular' and c.email is not null and c.email <> ''
    order by c.name, c.id`.execute(em.getKysely());
  return {
    recipients: rows.filter((r) => !r.suppressed).map((r) => ({ clientId: r.client_id, name: r.name, owner: r.owner, email: r.email })),
    suppressed: rows.filter((r) => r.suppressed).length,
  };
}
