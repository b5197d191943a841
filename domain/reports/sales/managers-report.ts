// The managers' report for a period. Definitions:
// - won / lost: deals closed so in the period (closed_at, company days); win rate = won / (won + lost);
// - average duration: calendar days from a deal's creation to its closing, over deals closed in the period;
// - stuck: an open deal in its stage longer than twice the median time deals spent in that stage
//   (from the stage history of the last 365 days; a stage with no history has no norm, nothing stuck);
// - revenue: payments received in the period (as the daily report counts them); plan: the plans of
//   the months the period touches; commission: the configured rule on revenue against that plan;
// - refusals: lost deals of the period by reason, with the stage they were lost at;
// - norms: done interactions of each kind and proposals prepared (first move past 'proposal
//   preparation') per working day of the period on the company calendar, per seller in scope.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import type { WorkingCalendar } from '../../calendar/working-calendar.ts';
import type { ReportScope } from '../report-scope.ts';
import { dayStart } from './activity-report.ts';
import { paymentOwnerSql, type StageRef } from './daily-report.ts';
import { addDays, type Period } from './period.ts';
import { loadReportSettings } from './report-settings.ts';
import { scopeSql } from './scope-sql.ts';
import { commission, normsAgainstFact, workingDaysIn, type NormKind, type NormRow } from './settings-rules.ts';

export const STUCK_FACTOR = 2;

export interface ManagerRow {
  employee: { id: string; fullName: string };
  won: number;
  lost: number;
  winRate: number | null;
  avgDurationDays: number | null;
  stuck: number;
  revenue: number;
  plan: number | null;
  commission: number;
}

export interface ManagersReport {
  from: string;
  to: string;
  workingDays: number;
  rows: ManagerRow[];
  refusals: { reason: string; count: number; share: number; byStage: { stage: StageRef; count: number }[] }[];
  norms: NormRow[];
}

const months = (p: Period): string[] => {
  const out: string[] = [];
  for (let m = p.from.slice(0, 7); m <= p.to.slice(0, 7); m = addDays(`${m}-28`, 5).slice(0, 7)) out.push(m);
  return out;
};

export async function managersReport(em: EntityManager, scope: ReportScope, period: Period, tz: string, cal: WorkingCalendar, now: Date): Promise<ManagersReport> {
  const db = em.getKysely();
  const [fromAt, toAt] = [dayStart(period.from, tz), dayStart(addDays(period.to, 1), tz)];
  const inScope = (col: string) => scopeSql(scope, sql.ref(col));
  const settings = await loadReportSettings(em);

  const { rows } = await sql<{ what: string; emp: string; fullName: string; a: string | null; b: string | null; c: string | null }>`
    select x.what, x.emp, e.full_name as "fullName", x.a, x.b, x.c from (
      select 'closed' as what, d.owner_id as emp, count(*) filter (where d.status = 'won')::numeric as a, count(*) filter (where d.status = 'lost')::numeric as b,
        avg(extract(epoch from d.closed_at - d.created_at) / 86400)::numeric as c
      from deal d where d.closed_at >= ${fromAt} and d.closed_at < ${toAt} and ${inScope('d.owner_id')} group by 2
      union all
      select 'stuck', d.owner_id, count(*)::numeric, null, null from deal d
        join (select h.to_stage_id as stage_id, percentile_cont(0.5) within group (order by extract(epoch from n.at - h.at)) as median_s
          from deal_stage_change h join lateral (select h2.at from deal_stage_change h2 where h2.deal_id = h.deal_id and h2.at > h.at order by h2.at limit 1) n on true
          where h.kind in ('created', 'moved') and h.at >= ${now}::timestamptz - interval '365 days' group by 1) m on m.stage_id = d.stage_id
      where d.status = 'open' and extract(epoch from ${now}::timestamptz - d.stage_entered_at) > ${STUCK_FACTOR} * m.median_s and ${inScope('d.owner_id')} group by 2
      union all
      select 'revenue', ${paymentOwnerSql}, sum(p.amount)::numeric, null, null
      from invoice_payment p join invoice i on i.id = p.invoice_id join client c on c.id = i.client_id left join deal d on d.id = i.deal_id
      where p.paid_on between ${period.from}::date and ${period.to}::date and ${scopeSql(scope, paymentOwnerSql)} group by 2
      union all
      select 'plan', sp.employee_id, sum(sp.amount)::numeric, null, null from sales_plan sp where sp.month = any(${months(period)}::text[]) and ${inScope('sp.employee_id')} group by 2
    ) x join employee e on e.id = x.emp order by e.full_name, e.id`.execute(db);
  const people = new Map<string, ManagerRow>();
  for (const r of rows) {
    const row = people.get(r.emp) ?? { employee: { id: r.emp, fullName: r.fullName }, won: 0, lost: 0, winRate: null, avgDurationDays: null, stuck: 0, revenue: 0, plan: null, commission: 0 };
    if (r.what === 'closed') {
      [row.won, row.lost] = [Number(r.a), Number(r.b)];
      row.winRate = row.won + row.lost > 0 ? Math.round((row.won / (row.won + row.lost)) * 10_000) / 10_000 : null;
      row.avgDurationDays = r.c === null ? null : Math.round(Number(r.c) * 10) / 10;
    }
    if (r.what === 'stuck') row.stuck = Number(r.a);
    if (r.what === 'revenue') row.revenue = Number(r.a);
    if (r.what === 'plan') row.plan = Number(r.a);
    people.set(r.emp, row);
  }
  for (const row of people.values()) row.commission = commission(settings.commission, row.revenue, row.plan);

  const lost = await sql<{ reason: string | null; stageId: string | null; code: string | null; name: string | null; nameEn: string | null; n: string }>`
    select d.loss_reason as reason, s.id as "stageId", s.code, s.name, s.name_en as "nameEn", count(*) as n
    from deal d left join deal_stage s on s.id = d.lost_at_stage_id
    where d.status = 'lost' and d.closed_at >= ${fromAt} and d.closed_at < ${toAt} and ${inScope('d.owner_id')}
    group by 1, 2, 3, 4, 5 order by s.position nulls last`.execute(db);
  const totalLost = lost.rows.reduce((t, r) => t + Number(r.n), 0);
  const reasons = new Map<string, ManagersReport['refusals'][number]>();
  for (const r of lost.rows) {
    const reason = r.reason ?? 'other';
    const entry = reasons.get(reason) ?? { reason, count: 0, share: 0, byStage: [] };
    entry.count += Number(r.n);
    if (r.stageId) entry.byStage.push({ stage: { id: r.stageId, code: r.code!, name: r.name!, nameEn: r.nameEn }, count: Number(r.n) });
    reasons.set(reason, entry);
  }
  const refusals = [...reasons.values()].map((e) => ({ ...e, share: Math.round((e.count / totalLost) * 10_000) / 10_000 })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));

  const done = await sql<{ kind: string; n: string }>`
    select i.kind, count(*) as n from interaction i where i.status = 'done' and i.at >= ${fromAt} and i.at < ${toAt} and ${inScope('i.employee_id')} group by 1
    union all
    select 'proposal', count(distinct h.deal_id) from deal_stage_change h join deal_stage s on s.id = h.to_stage_id join deal d on d.id = h.deal_id
    where h.kind = 'moved' and s.position > (select position from deal_stage where code = 'proposal') and h.at >= ${fromAt} and h.at < ${toAt} and ${inScope('d.owner_id')}
      and not exists (select 1 from deal_stage_change h0 join deal_stage s0 on s0.id = h0.to_stage_id
        where h0.deal_id = h.deal_id and h0.kind = 'moved' and s0.position > (select position from deal_stage where code = 'proposal') and h0.at < h.at)`.execute(db);
  const sellers = await sql<{ n: string }>`select count(*) as n from employee e where e.active and ${inScope('e.id')}
    and exists (select 1 from employee_roles r where r.employee_id = e.id and r.role_code = 'sales')`.execute(db);
  const workingDays = workingDaysIn(cal, period);
  const counts = Object.fromEntries(done.rows.map((r) => [r.kind, Number(r.n)])) as Partial<Record<NormKind, number>>;
  return {
    from: period.from, to: period.to, workingDays,
    rows: [...people.values()],
    refusals,
    norms: normsAgainstFact(settings.norms, counts, workingDays, Math.max(1, Number(sellers.rows[0]?.n ?? 1))),
  };
}
