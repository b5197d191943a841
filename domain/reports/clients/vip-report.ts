// VIP detection: clients whose deals won in the period (closed on one of its company days) add up
// to at least the threshold, with whether they carry the VIP tag already. Clients count for their
// owner. The tag is found by name ("VIP", anywhere in the classification tree).
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import type { Actor } from '../../identity/roles.ts';
import { reportScope, type ReportFilter, type ReportScope } from '../report-scope.ts';
import { companyTimeZone, inScopeSql, run, withinDaysSql, type Period } from './report-sql.ts';

export const VIP_TAG_NAME = 'VIP';

export interface VipQuery extends Period, ReportFilter {
  /** Kopecks. */
  threshold: number;
}

export function vipSql(scope: ReportScope, q: VipQuery, timeZone: string) {
  return sql<{ id: string; name: string; ownerId: string; ownerName: string; wonDeals: number; value: string; tagged: boolean }>`
    select c.id, c.name, c.owner_id as "ownerId", e.full_name as "ownerName", count(*)::int as "wonDeals", sum(d.amount) as value,
      exists (select 1 from client_tag_link l join client_tag t on t.id = l.client_tag_id where l.client_id = c.id and t.name = ${VIP_TAG_NAME}) as tagged
    from deal d join client c on c.id = d.client_id join employee e on e.id = c.owner_id
    where d.status = 'won' and ${withinDaysSql('d.closed_at', q, timeZone)} and ${inScopeSql(scope, 'c.owner_id')}
    group by c.id, c.name, c.owner_id, e.full_name
    having sum(d.amount) >= ${q.threshold}
    order by sum(d.amount) desc, c.name, c.id`;
}

export async function vipCandidates(em: EntityManager, actor: Actor, q: VipQuery) {
  const scope = await reportScope(em, actor, q);
  const rows = await run(em, vipSql(scope, q, await companyTimeZone(em)));
  return {
    threshold: q.threshold,
    items: rows.map((r) => ({ client: { id: r.id, name: r.name }, owner: { id: r.ownerId, fullName: r.ownerName }, wonDeals: r.wonDeals, value: Number(r.value), tagged: r.tagged })),
  };
}
