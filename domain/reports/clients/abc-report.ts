// ABC report: clients by revenue, the payments received in the period on their invoices; a client
// counts for its owner. Gross profit is not offered: deal lines keep name, quantity and price but
// no cost price, so there is no margin to rank by (the API refuses measure=margin saying so).
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import type { Actor } from '../../identity/roles.ts';
import { reportScope, type ReportFilter, type ReportScope } from '../report-scope.ts';
import { abc } from './abc-xyz.ts';
import { inScopeSql, run, type Period } from './report-sql.ts';

/** Revenue per client (and per month when asked) from the payments received in the period. */
export function revenueSql(scope: ReportScope, period: Period, perMonth: boolean) {
  return sql<{ id: string; name: string; month: string | null; value: string }>`
    select c.id, c.name, ${perMonth ? sql`to_char(p.paid_on, 'YYYY-MM')` : sql`null`} as month, sum(p.amount) as value
    from invoice_payment p join invoice i on i.id = p.invoice_id join client c on c.id = i.client_id
    where p.paid_on between ${period.from}::date and ${period.to}::date and ${inScopeSql(scope, 'c.owner_id')}
    group by c.id, c.name${perMonth ? sql`, 3` : sql``}`;
}

export interface AbcQuery extends Period, ReportFilter {
  a: number;
  b: number;
}

export async function abcReport(em: EntityManager, actor: Actor, q: AbcQuery) {
  const scope = await reportScope(em, actor, q);
  const rows = await run(em, revenueSql(scope, q, false));
  const r = abc(rows.map((row) => ({ id: row.id, name: row.name, value: Number(row.value) })), q.a, q.b);
  return {
    measure: 'revenue' as const,
    total: r.total,
    classes: r.classes,
    items: r.items.map((i) => ({ client: { id: i.id, name: i.name }, value: i.value, share: i.share, cumulativeShare: i.cumulativeShare, class: i.class })),
  };
}
