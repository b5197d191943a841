// "At any moment": per employee and kind of contact, those done in the period, those planned whose
// time has passed without being done (overdue), and those planned still ahead. Days are the
// company's; an interaction is its employee's.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { INTERACTION_KINDS, type InteractionKind } from '../../clients/entities.ts';
import type { ReportScope } from '../report-scope.ts';
import { addDays, type Period } from './period.ts';
import { scopeSql } from './scope-sql.ts';

export interface ActivityRow {
  employee: { id: string; fullName: string };
  kind: InteractionKind;
  done: number;
  overdue: number;
  planned: number;
}

export interface ActivityReport {
  from: string;
  to: string;
  rows: ActivityRow[];
  totals: { employee: { id: string; fullName: string }; done: number; overdue: number; planned: number }[];
}

/** The instant a company day starts, as SQL. */
export const dayStart = (day: string, tz: string) => sql`(${day}::date)::timestamp at time zone ${tz}`;

export async function activityReport(em: EntityManager, scope: ReportScope, period: Period, tz: string, now: Date): Promise<ActivityReport> {
  const { rows } = await sql<{ id: string; fullName: string; kind: InteractionKind; done: string; overdue: string; planned: string }>`
    select e.id, e.full_name as "fullName", i.kind,
      count(*) filter (where i.status = 'done') as done,
      count(*) filter (where i.status = 'planned' and i.at < ${now}) as overdue,
      count(*) filter (where i.status = 'planned' and i.at >= ${now}) as planned
    from interaction i join employee e on e.id = i.employee_id
    where i.at >= ${dayStart(period.from, tz)} and i.at < ${dayStart(addDays(period.to, 1), tz)} and ${scopeSql(scope, sql`i.employee_id`)}
    group by e.id, e.full_name, i.kind
    order by e.full_name, e.id`.execute(em.getKysely());
  const order = (k: InteractionKind) => INTERACTION_KINDS.indexOf(k);
  const out = rows.map((r) => ({ employee: { id: r.id, fullName: r.fullName }, kind: r.kind, done: Number(r.done), overdue: Number(r.overdue), planned: Number(r.planned) }))
    .sort((a, b) => a.employee.fullName.localeCompare(b.employee.fullName) || a.employee.id.localeCompare(b.employee.id) || order(a.kind) - order(b.kind));
  const totals = new Map<string, ActivityReport['totals'][number]>();
  for (const r of out) {
    const t = totals.get(r.employee.id) ?? { employee: r.employee, done: 0, overdue: 0, planned: 0 };
    t.done += r.done;
    t.overdue += r.overdue;
    t.planned += r.planned;
    totals.set(r.employee.id, t);
  }
  return { from: period.from, to: period.to, rows: out, totals: [...totals.values()] };
}
