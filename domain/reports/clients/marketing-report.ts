// Marketing effectiveness: per source channel, segment (classification tag) or region of the
// client - new clients (created in the period), deals opened (created in it), deals won (closed
// as won on one of its days) with their sum, revenue (payments received in it), conversion
// (won / opened) and the average won deal. A client with several tags counts under each of them;
// clients without a channel, tag or region form the row whose key is null. Figures count for the
// employee they belong to: a client and its payments for the client's owner, a deal for its owner.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type RawBuilder } from 'kysely';
import type { Actor } from '../../identity/roles.ts';
import { reportScope, type ReportFilter, type ReportScope } from '../report-scope.ts';
import { companyTimeZone, inScopeSql, run, withinDaysSql, type Period } from './report-sql.ts';

export const MARKETING_DIMENSIONS = ['channel', 'segment', 'region'] as const;
export type MarketingDimension = (typeof MARKETING_DIMENSIONS)[number];

interface Group { key: RawBuilder<string | null>; join: RawBuilder<unknown> }

const GROUPS: Record<MarketingDimension, Group> = {
  channel: { key: sql`c.source_channel::text`, join: sql`` },
  // A tag under a branch reads "Branch / Tag" (the same name may sit under two branches).
  segment: { key: sql`t.id::text`, join: sql`left join client_tag_link l on l.client_id = c.id left join client_tag t on t.id = l.client_tag_id` },
  region: { key: sql`c.region`, join: sql`` },
};

type Row = { key: string | null; n: number; amount: string | null };

export function marketingSql(scope: ReportScope, q: Period, by: MarketingDimension, timeZone: string) {
  const g = GROUPS[by];
  const newClients = sql<Row>`select ${g.key} as key, count(*)::int as n, null as amount from client c ${g.join}
    where ${withinDaysSql('c.created_at', q, timeZone)} and ${inScopeSql(scope, 'c.owner_id')} group by 1`;
  const opened = sql<Row>`select ${g.key} as key, count(*)::int as n, null as amount from deal d join client c on c.id = d.client_id ${g.join}
    where ${withinDaysSql('d.created_at', q, timeZone)} and ${inScopeSql(scope, 'd.owner_id')} group by 1`;
  const won = sql<Row>`select ${g.key} as key, count(*)::int as n, sum(d.amount) as amount from deal d join client c on c.id = d.client_id ${g.join}
    where d.status = 'won' and ${withinDaysSql('d.closed_at', q, timeZone)} and ${inScopeSql(scope, 'd.owner_id')} group by 1`;
  const revenue = sql<Row>`select ${g.key} as key, count(*)::int as n, sum(p.amount) as amount
    from invoice_payment p join invoice i on i.id = p.invoice_id join client c on c.id = i.client_id ${g.join}
    where p.paid_on between ${q.from}::date and ${q.to}::date and ${inScopeSql(scope, 'c.owner_id')} group by 1`;
  return { newClients, opened, won, revenue };
}

const tagLabels = (em: EntityManager) => run(em, sql<{ id: string; label: string }>`
  select t.id, coalesce(pt.name || ' / ', '') || t.name as label from client_tag t left join client_tag pt on pt.id = t.parent_id`);

export async function marketingReport(em: EntityManager, actor: Actor, q: Period & ReportFilter & { by: MarketingDimension }) {
  const scope = await reportScope(em, actor, q);
  const s = marketingSql(scope, q, q.by, await companyTimeZone(em));
  const [newClients, opened, won, revenue, tags] = await Promise.all([
    run(em, s.newClients), run(em, s.opened), run(em, s.won), run(em, s.revenue), q.by === 'segment' ? tagLabels(em) : Promise.resolve([]),
  ]);
  const labelOf = new Map(tags.map((t) => [t.id, t.label]));
  const rows = new Map<string | null, { newClients: number; dealsOpened: number; dealsWon: number; wonAmount: number; revenue: number }>();
  const row = (key: string | null) => {
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { newClients: 0, dealsOpened: 0, dealsWon: 0, wonAmount: 0, revenue: 0 }));
    return r;
  };
  for (const r of newClients) row(r.key).newClients = r.n;
  for (const r of opened) row(r.key).dealsOpened = r.n;
  for (const r of won) Object.assign(row(r.key), { dealsWon: r.n, wonAmount: Number(r.amount) });
  for (const r of revenue) row(r.key).revenue = Number(r.amount);
  const items = [...rows].map(([key, r]) => ({
    key, label: q.by === 'segment' && key ? (labelOf.get(key) ?? key) : key, ...r,
    conversion: r.dealsOpened ? r.dealsWon / r.dealsOpened : null,
    averageDeal: r.dealsWon ? Math.round(r.wonAmount / r.dealsWon) : null,
  }));
  // Biggest revenue first; the "none" row last among equals.
  items.sort((a, b) => b.revenue - a.revenue || b.wonAmount - a.wonAmount || (a.key === null ? 1 : b.key === null ? -1 : (a.label ?? '').localeCompare(b.label ?? '')));
  return { by: q.by, items };
}
