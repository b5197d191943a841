// The monthly report per employee, with the sales and activity funnels of the month.
// Definitions (one place, the same in every report):
// - new client interest: a client created in the month with an interest written down, owned by the employee;
// - proposal prepared: a deal's first move past the "proposal preparation" stage (code `proposal`,
//   by board position) - the proposal is done when the deal goes on to the client's decision; its
//   sum is the deal's amount;
// - plan vs fact: fact is payments received in the month (as the daily report counts revenue:
//   the invoice's deal owner, else the client's owner); fulfilment = fact / plan (may exceed 1);
// - contract: a deal's first move into the `contract` stage or further; won: deals closed won in the month.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import type { ReportScope } from '../report-scope.ts';
import { paymentOwnerSql, type StageRef } from './daily-report.ts';
import { activityFunnel, salesFunnel, type ActivityFunnelRow, type HistoryRow } from './funnel.ts';
import { addDays, monthPeriod } from './period.ts';
import { dayStart } from './activity-report.ts';
import { scopeSql } from './scope-sql.ts';

export interface MonthlyRow {
  employee: { id: string; fullName: string };
  newInterests: number;
  proposals: number;
  proposalsAmount: number;
  plan: number | null;
  fact: number;
  fulfilment: number | null;
}

export interface MonthlyReport {
  month: string;
  rows: MonthlyRow[];
  salesFunnel: { stage: StageRef; entered: number; wentOn: number; conversion: number }[];
  activityFunnel: ActivityFunnelRow[];
}

/**
 * Deals whose first move to a stage past (or at) `position` happened within [fromAt, toAt), with
 * owner and amount: read from the month's rows (index on `at`), each checked for no earlier such
 * move (index on deal, at) - never a pass over the whole history.
 */
const firstMovesPast = (position: number, strictly: boolean, fromAt: unknown, toAt: unknown) => {
  const past = (alias: string) => (strictly ? sql`${sql.ref(`${alias}.position`)} > ${position}` : sql`${sql.ref(`${alias}.position`)} >= ${position}`);
  return sql`
  select distinct h.deal_id, d.owner_id, d.amount
  from deal_stage_change h join deal_stage s on s.id = h.to_stage_id join deal d on d.id = h.deal_id
  where h.kind = 'moved' and ${past('s')} and h.at >= ${fromAt} and h.at < ${toAt}
    and not exists (select 1 from deal_stage_change h0 join deal_stage s0 on s0.id = h0.to_stage_id
      where h0.deal_id = h.deal_id and h0.kind = 'moved' and ${past('s0')} and h0.at < ${fromAt})`;
};

// The driver hands timestamps back as text or Date depending on its parsers; compare one form.
const iso = (v: Date | string): string => new Date(v).toISOString();

export async function monthlyReport(em: EntityManager, scope: ReportScope, month: string, tz: string): Promise<MonthlyReport> {
  const db = em.getKysely();
  const p = monthPeriod(month);
  const [fromAt, toAt] = [dayStart(p.from, tz), dayStart(addDays(p.to, 1), tz)];
  const stages = (await sql<StageRef & { position: number }>`select id, code, name, name_en as "nameEn", position from deal_stage order by position, code`.execute(db)).rows;
  const proposalPos = stages.find((s) => s.code === 'proposal')?.position;
  const contractPos = stages.find((s) => s.code === 'contract')?.position;
  const inScope = (col: string) => scopeSql(scope, sql.ref(col));

  const interests = sql`select c.owner_id as emp, count(*) as n, 0::numeric as amount from client c
    where c.created_at >= ${fromAt} and c.created_at < ${toAt} and coalesce(btrim(c.interest), '') <> '' and ${inScope('c.owner_id')} group by 1`;
  const proposals = proposalPos === undefined ? sql`select null::uuid as emp, 0 as n, 0::numeric as amount where false`
    : sql`select f.owner_id as emp, count(*) as n, sum(f.amount) as amount from (${firstMovesPast(proposalPos, true, fromAt, toAt)}) f where ${inScope('f.owner_id')} group by 1`;
  const facts = sql`select ${paymentOwnerSql} as emp, count(*) as n, sum(p.amount) as amount
    from invoice_payment p join invoice i on i.id = p.invoice_id join client c on c.id = i.client_id left join deal d on d.id = i.deal_id
    where p.paid_on between ${p.from}::date and ${p.to}::date and ${scopeSql(scope, paymentOwnerSql)} group by 1`;
  const plans = sql`select sp.employee_id as emp, 1 as n, sp.amount::numeric as amount from sales_plan sp where sp.month = ${month} and ${inScope('sp.employee_id')}`;
  const { rows } = await sql<{ what: string; emp: string; fullName: string; n: string; amount: string | null }>`
    select x.what, x.emp, e.full_name as "fullName", x.n, x.amount from (
      select 'interests' as what, * from (${interests}) a union all select 'proposals', * from (${proposals}) b
      union all select 'facts', * from (${facts}) c union all select 'plans', * from (${plans}) d) x
    join employee e on e.id = x.emp order by e.full_name, e.id`.execute(db);
  const people = new Map<string, MonthlyRow>();
  for (const r of rows) {
    const row = people.get(r.emp) ?? { employee: { id: r.emp, fullName: r.fullName }, newInterests: 0, proposals: 0, proposalsAmount: 0, plan: null, fact: 0, fulfilment: null };
    if (r.what === 'interests') row.newInterests = Number(r.n);
    if (r.what === 'proposals') [row.proposals, row.proposalsAmount] = [Number(r.n), Number(r.amount ?? 0)];
    if (r.what === 'facts') row.fact = Number(r.amount ?? 0);
    if (r.what === 'plans') row.plan = Number(r.amount ?? 0);
    people.set(r.emp, row);
  }
  for (const row of people.values()) row.fulfilment = row.plan ? Math.round((row.fact / row.plan) * 10_000) / 10_000 : null;

  // The sales funnel: the whole history of every deal (in scope) that entered a stage this month.
  const history = await sql<{ dealId: string; kind: HistoryRow['kind']; stageId: string; at: Date | string }>`
    select h.deal_id as "dealId", h.kind, h.to_stage_id as "stageId", h.at from deal_stage_change h
    where h.deal_id in (select h1.deal_id from deal_stage_change h1 join deal d on d.id = h1.deal_id
      where h1.at >= ${fromAt} and h1.at < ${toAt} and h1.kind in ('created', 'moved') and ${inScope('d.owner_id')})`.execute(db);
  const bounds = await sql<{ f: Date | string; t: Date | string }>`select ${fromAt} as f, ${toAt} as t`.execute(db);
  const flows = salesFunnel(stages, history.rows.map((r) => ({ ...r, at: iso(r.at) })), iso(bounds.rows[0]!.f), iso(bounds.rows[0]!.t));
  const byId = new Map(stages.map(({ position: _p, ...s }) => [s.id, s]));

  const counts = await sql<{ contacts: string; meetings: string; contracts: string; won: string }>`select
      (select count(*) from interaction i where i.status = 'done' and i.at >= ${fromAt} and i.at < ${toAt} and ${inScope('i.employee_id')}) as contacts,
      (select count(*) from interaction i where i.status = 'done' and i.kind in ('meeting', 'demonstration') and i.at >= ${fromAt} and i.at < ${toAt} and ${inScope('i.employee_id')}) as meetings,
      ${contractPos === undefined ? sql`0` : sql`(select count(*) from (${firstMovesPast(contractPos, false, fromAt, toAt)}) f where ${inScope('f.owner_id')})`} as contracts,
      (select count(*) from deal d where d.status = 'won' and d.closed_at >= ${fromAt} and d.closed_at < ${toAt} and ${inScope('d.owner_id')}) as won`.execute(db);
  const c = counts.rows[0]!;
  const proposalsTotal = [...people.values()].reduce((t, r) => t + r.proposals, 0);
  return {
    month,
    rows: [...people.values()],
    salesFunnel: flows.map((f) => ({ stage: byId.get(f.stageId)!, entered: f.entered, wentOn: f.wentOn, conversion: f.conversion })),
    activityFunnel: activityFunnel({ contacts: Number(c.contacts), meetings: Number(c.meetings), proposals: proposalsTotal, contracts: Number(c.contracts), won: Number(c.won) }),
  };
}
