// The demo company's sales plans and report settings, so the director's and the head's pages are
// not empty on day one: a plan for every seller (and the head of sales) for the previous and the
// current month, and the activity norms and commission rule the reports measure against.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { dayIn } from '../../domain/invoices/company-today.ts';
import { REPORT_SETTINGS_ID, ReportSettings, SalesPlan } from '../../domain/reports/sales/entities.ts';
import { DEFAULT_COMMISSION, DEFAULT_NORMS } from '../../domain/reports/sales/settings-rules.ts';
import { DEMO_CALENDAR } from './demo-data.ts';

/** Rubles a month per seller, by their place in the list (kopecks written). */
const PLAN_RUB = [1_500_000, 1_200_000, 1_000_000, 800_000];

export async function writeDemoSalesPlans(em: EntityManager, now: Date): Promise<void> {
  const month = dayIn(DEMO_CALENDAR.timeZone, now).slice(0, 7);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const previous = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  const { rows } = await sql<{ id: string }>`select e.id from employee e join employee_roles r on r.employee_id = e.id
    where r.role_code = 'sales' order by e.email`.execute(em.getKysely());
  rows.forEach((r, i) => {
    const rub = PLAN_RUB[i % PLAN_RUB.length]!;
    // Last month a little lower than this one: the plan grows.
    em.create(SalesPlan, { id: crypto.randomUUID(), employee: r.id, month: previous, amount: Math.round(rub * 0.9) * 100, updatedAt: now, updatedBy: null });
    em.create(SalesPlan, { id: crypto.randomUUID(), employee: r.id, month, amount: rub * 100, updatedAt: now, updatedBy: null });
  });
  em.create(ReportSettings, { id: REPORT_SETTINGS_ID, norms: DEFAULT_NORMS, commission: DEFAULT_COMMISSION, updatedAt: now, updatedBy: null });
  await em.flush();
}
