// The commercial director's daily report: money received (the day, the month so far, each day of
// the month), expected sales (open deals weighted by their probability, by planned close month;
// those whose planned date has passed in their own bucket) and open deals by stage.
// A payment is the seller's whose deal it paid for (the invoice's deal owner), else the client's
// owner (an invoice without a deal); a deal is its owner's.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import type { ReportScope } from '../report-scope.ts';
import { daysOf } from './period.ts';
import { scopeSql } from './scope-sql.ts';

export interface StageRef {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
}

export interface DailyReport {
  date: string;
  revenue: { day: number; monthToDate: number; byDay: { date: string; amount: number }[] };
  expected: { weighted: number; total: number; byMonth: { month: string; deals: number; total: number; weighted: number }[] };
  openByStage: { stage: StageRef; deals: number; amount: number; weighted: number }[];
}

/** Bucket names beside the months: planned date passed, and no planned date at all. */
export const OVERDUE = 'overdue';
export const UNPLANNED = 'unplanned';

export const paymentOwnerSql = sql`coalesce(d.owner_id, c.owner_id)`;

export async function dailyReport(em: EntityManager, scope: ReportScope, date: string): Promise<DailyReport> {
  const db = em.getKysely();
  const monthStart = `${date.slice(0, 7)}-01`;
  const payments = await sql<{ day: string; amount: string }>`
    select to_char(p.paid_on, 'YYYY-MM-DD') as day, sum(p.amount) as amount
    from invoice_payment p join invoice i on i.id = p.invoice_id join client c on c.id = i.client_id left join deal d on d.id = i.deal_id
    where p.paid_on between ${monthStart}::date and ${date}::date and ${scopeSql(scope, paymentOwnerSql)}
    group by p.paid_on`.execute(db);
  const byDate = new Map(payments.rows.map((r) => [r.day, Number(r.amount)]));
  const byDay = daysOf({ from: monthStart, to: date }).map((d) => ({ date: d, amount: byDate.get(d) ?? 0 }));

  // One pass over the open deals: per stage and per planned month (grouping sets), sums exact in
  // numeric; weighting rounds to kopecks once per bucket.
  const open = await sql<{ stage_id: string | null; bucket: string | null; deals: string; total: string; weighted: string }>`
    select stage_id, bucket, count(*) as deals, coalesce(sum(amount), 0) as total, coalesce(round(sum(amount::numeric * probability) / 100), 0) as weighted
    from (select d.stage_id, d.amount, d.probability,
        case when d.planned_close_date is null then ${UNPLANNED} when d.planned_close_date < ${date}::date then ${OVERDUE} else to_char(d.planned_close_date, 'YYYY-MM') end as bucket
      from deal d where d.status = 'open' and ${scopeSql(scope, sql`d.owner_id`)}) o
    group by grouping sets ((stage_id), (bucket), ())`.execute(db);
  const stages = await sql<StageRef & { position: number }>`select id, code, name, name_en as "nameEn", position from deal_stage order by position, code`.execute(db);
  const grand = open.rows.find((r) => r.stage_id === null && r.bucket === null);
  const perStage = new Map(open.rows.filter((r) => r.stage_id !== null).map((r) => [r.stage_id, r]));
  const months = open.rows.filter((r) => r.stage_id === null && r.bucket !== null);
  const order = (b: string) => (b === OVERDUE ? '0' : b === UNPLANNED ? '9' : `1${b}`);
  months.sort((a, b) => order(a.bucket!).localeCompare(order(b.bucket!)));
  return {
    date,
    revenue: { day: byDate.get(date) ?? 0, monthToDate: byDay.reduce((s, d) => s + d.amount, 0), byDay },
    expected: {
      weighted: Number(grand?.weighted ?? 0),
      total: Number(grand?.total ?? 0),
      byMonth: months.map((r) => ({ month: r.bucket!, deals: Number(r.deals), total: Number(r.total), weighted: Number(r.weighted) })),
    },
    openByStage: stages.rows.map(({ position: _position, ...stage }) => {
      const r = perStage.get(stage.id);
      return { stage, deals: Number(r?.deals ?? 0), amount: Number(r?.total ?? 0), weighted: Number(r?.weighted ?? 0) };
    }),
  };
}
