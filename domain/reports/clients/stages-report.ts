// Relationship stages: how many clients stand at each stage as recorded, how many purchases say
// they should (as of the period's last day), the clients whose recorded stage differs, and the
// retention ratio of the period against the one before it. Clients count for their owner.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { CLIENT_STAGES, type ClientStage } from '../../clients/entities.ts';
import type { Actor } from '../../identity/roles.ts';
import { reportScope, type ReportFilter, type ReportScope } from '../report-scope.ts';
import { addMonths, previousPeriod, retention, stageFromPurchases } from './relationship.ts';
import { inScopeSql, run, type Period } from './report-sql.ts';

/** At most this many differing clients are listed (the count says how many there are). */
export const MISMATCH_LIMIT = 500;

/** Each client in scope with its recorded stage and its purchase days in the 12 months before `asOf` and the last one before. */
export function purchasesSql(scope: ReportScope, asOf: string) {
  const yearAgo = addMonths(asOf, -12);
  return sql<{ id: string; name: string; stage: ClientStage; ownerId: string; ownerName: string; recent: number; lastDay: string | null }>`
    with purchase as (
      select i.client_id, min(p.paid_on) as day
      from invoice_payment p join invoice i on i.id = p.invoice_id
      where p.paid_on <= ${asOf}::date group by i.id, i.client_id)
    select c.id, c.name, c.stage, c.owner_id as "ownerId", e.full_name as "ownerName",
      count(pu.day) filter (where pu.day > ${yearAgo}::date)::int as recent, to_char(max(pu.day), 'YYYY-MM-DD') as "lastDay"
    from client c join employee e on e.id = c.owner_id left join purchase pu on pu.client_id = c.id
    where ${inScopeSql(scope, 'c.owner_id')}
    group by c.id, c.name, c.stage, c.owner_id, e.full_name`;
}

const buyersSql = (scope: ReportScope, period: Period) => sql<{ id: string }>`
  select distinct i.client_id as id from invoice_payment p join invoice i on i.id = p.invoice_id join client c on c.id = i.client_id
  where p.paid_on between ${period.from}::date and ${period.to}::date and ${inScopeSql(scope, 'c.owner_id')}`;

export async function stagesReport(em: EntityManager, actor: Actor, q: Period & ReportFilter) {
  const scope = await reportScope(em, actor, q);
  const previous = previousPeriod(q.from, q.to);
  const [clients, now, before] = await Promise.all([
    run(em, purchasesSql(scope, q.to)), run(em, buyersSql(scope, q)), run(em, buyersSql(scope, previous)),
  ]);
  const rows = clients.map((c) => {
    // stageFromPurchases needs days; the last one and how many fell in the last 12 months decide it.
    const days = c.lastDay ? [c.lastDay, ...Array<string>(Math.max(0, c.recent - 1)).fill(c.lastDay)] : [];
    return { ...c, computed: stageFromPurchases(days, q.to) };
  });
  const stages = CLIENT_STAGES.map((stage) => ({
    stage, recorded: rows.filter((r) => r.stage === stage).length, computed: rows.filter((r) => r.computed === stage).length,
  }));
  const differing = rows.filter((r) => r.stage !== r.computed).sort((p, q2) => p.name.localeCompare(q2.name) || p.id.localeCompare(q2.id));
  return {
    asOf: q.to,
    stages,
    mismatches: differing.length,
    differing: differing.slice(0, MISMATCH_LIMIT).map((r) => ({
      client: { id: r.id, name: r.name }, owner: { id: r.ownerId, fullName: r.ownerName }, recorded: r.stage, computed: r.computed,
      purchasesLast12Months: r.recent, lastPurchaseOn: r.lastDay,
    })),
    retention: { previousFrom: previous.from, previousTo: previous.to, ...retention(new Set(before.map((b) => b.id)), new Set(now.map((b) => b.id))) },
  };
}
