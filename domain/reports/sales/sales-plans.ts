// Monthly sales plans: a head enters them for his people, management for anyone. The list shows
// every seller the reader looks after (with no plan yet as null), and anyone else who has one.
// A plan is the payments the person should receive in the month (the fact the monthly report
// sets against it is payments received, as in the daily report).
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { DomainError } from '../../errors.ts';
import { hasAnyRole, type Actor } from '../../identity/roles.ts';
import { OVERSEES_EVERYONE } from '../../team/check-team-access.ts';
import { reportScope } from '../report-scope.ts';
import { scopeSql } from './scope-sql.ts';

export interface PlanRow {
  employee: { id: string; fullName: string };
  month: string;
  /** Kopecks; null: no plan entered. */
  amount: number | null;
}

export async function listPlans(em: EntityManager, actor: Actor, month: string): Promise<PlanRow[]> {
  const scope = await reportScope(em, actor);
  const { rows } = await sql<{ id: string; fullName: string; amount: string | null }>`
    select e.id, e.full_name as "fullName", p.amount
    from employee e left join sales_plan p on p.employee_id = e.id and p.month = ${month}
    where ${scopeSql(scope, sql`e.id`)} and (p.id is not null or (e.active and exists (select 1 from employee_roles r where r.employee_id = e.id and r.role_code = 'sales')))
    order by e.full_name, e.id`.execute(em.getKysely());
  return rows.map((r) => ({ employee: { id: r.id, fullName: r.fullName }, month, amount: r.amount === null ? null : Number(r.amount) }));
}

export interface PlanInput {
  employeeId: string;
  month: string;
  amount: number;
}

/** Saves the plans (all or none): 403 naming the row of someone the reader does not look after. */
export async function savePlans(em: EntityManager, actor: Actor, plans: PlanInput[]): Promise<void> {
  const scope = await reportScope(em, actor);
  const everyone = hasAnyRole(actor, OVERSEES_EVERYONE);
  const known = new Set((await sql<{ id: string }>`select id from employee where id = any(${plans.map((p) => p.employeeId)}::uuid[])`.execute(em.getKysely())).rows.map((r) => r.id));
  plans.forEach((p, i) => {
    if (!known.has(p.employeeId)) throw new DomainError('invalid_input', 'No such employee', [{ path: `plans[${i}].employeeId`, message: 'no such employee' }]);
    // A head plans for his people, not for himself: his own plan is set above him.
    const mine = scope.all || (scope.employeeIds.includes(p.employeeId) && (everyone || p.employeeId !== actor.employeeId));
    if (!mine) throw new DomainError('forbidden', 'You do not plan this person\'s sales', [{ path: `plans[${i}].employeeId`, message: 'not one of your people' }]);
  });
  const seen = new Set<string>();
  plans.forEach((p, i) => {
    const key = `${p.employeeId} ${p.month}`;
    if (seen.has(key)) throw new DomainError('invalid_input', 'The same person and month twice', [{ path: `plans[${i}].month`, message: 'given twice for this person' }]);
    seen.add(key);
  });
  const now = new Date();
  await em.transactional(async (tx) => {
    for (const p of plans) {
      await sql`insert into sales_plan (id, employee_id, month, amount, updated_at, updated_by_id)
        values (${crypto.randomUUID()}, ${p.employeeId}, ${p.month}, ${p.amount}, ${now}, ${actor.employeeId})
        on conflict (employee_id, month) do update set amount = excluded.amount, updated_at = excluded.updated_at, updated_by_id = excluded.updated_by_id`.execute(tx.getKysely());
    }
  });
}
