// Writes the demo company once, into an empty database. A database that already has employees
// is left as it is, so restarting never duplicates or resets anything.
import type { EntityManager } from '@mikro-orm/postgresql';
import { CalendarSettings, Department, Employee, Role } from '../../domain/entities/index.ts';
import { COMPANY_SETTINGS_ID } from '../../domain/calendar/entities.ts';
import { hashPassword } from '../../api/auth/passwords.ts';
import type { Orm } from './orm.ts';
import { DEMO_CLIENT_COUNT, DEMO_COMPANY_CLIENT_COUNT, writeDemoClients } from './demo-clients.ts';
import { writeDemoComplaints } from './demo-complaints.ts';
import { writeDemoDeals } from './demo-deals.ts';
import { writeDemoInvoices } from './demo-invoices.ts';
import { ensureShippedRoutes } from './shipped-routes.ts';
import { writeDemoSurveys } from './demo-surveys.ts';
import { writeDemoMarketing } from './demo-marketing.ts';
import { DEMO_CALENDAR, DEMO_PASSWORD, DEPARTMENTS, EMPLOYEES, ROLES, demoEmail } from './demo-data.ts';
import { writeDemoService } from './demo-service.ts';
import { writeDemoSalesPlans } from './demo-sales-plans.ts';

export interface DemoScale {
  /** How many clients; the rest (deals, invoices, service) follows from them. */
  clients: number;
  /** How many times the ten demo complaints are written (for other clients). */
  complaintRounds: number;
  /** Demo answer sets of the satisfaction survey (none in the test company, whose complaints tests count). */
  surveyAnswerSets?: number;
}

/** The test template's company (what the API tests count on). */
export const TEST_SCALE: DemoScale = { clients: DEMO_CLIENT_COUNT, complaintRounds: 1, surveyAnswerSets: 0 };
/** The company `npm start` writes on a fresh machine. */
export const COMPANY_SCALE: DemoScale = { clients: DEMO_COMPANY_CLIENT_COUNT, complaintRounds: 3, surveyAnswerSets: 40 };

export async function seedDemoData(orm: Orm, scale: DemoScale = TEST_SCALE): Promise<boolean> {
  return orm.em.fork().transactional(async (em) => {
    if ((await em.count(Employee, {})) > 0) return false;
    await writeCompany(em, scale);
    return true;
  });
}

async function writeCompany(em: EntityManager, scale: DemoScale): Promise<void> {
  const departments = new Map(DEPARTMENTS.map((d) => [d.code, em.create(Department, { id: crypto.randomUUID(), ...d })]));
  const roles = new Map(ROLES.map((r) => [r.code as string, em.create(Role, { ...r })]));
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const ids = new Map(EMPLOYEES.map((e) => [e.key, crypto.randomUUID()]));
  for (const e of EMPLOYEES) {
    const employee = em.create(Employee, {
      id: ids.get(e.key)!,
      email: demoEmail(e.key),
      fullName: e.fullName,
      title: e.title,
      passwordHash,
      department: departments.get(e.department)!,
      manager: e.manager ? ids.get(e.manager)! : null,
      active: true,
    });
    employee.roles.set(e.roles.map((code) => roles.get(code)!));
  }
  em.create(CalendarSettings, { id: COMPANY_SETTINGS_ID, ...DEMO_CALENDAR, region: null, hours: null, updatedAt: new Date(), updatedBy: null });
  await em.flush();

  const now = new Date();
  await writeDemoClients(em, ids, now, scale.clients);
  await writeDemoDeals(em, now);
  await writeDemoInvoices(em, now);
  await writeDemoService(em, now);
  await writeDemoComplaints(em, now, scale.complaintRounds);
  await writeDemoSalesPlans(em, now);
  // The routes the product ships, published as version 1 by the first administrator.
  await ensureShippedRoutes(em);
  await writeDemoSurveys(em, now, scale.surveyAnswerSets ?? 0);
  // The tests' smaller company stays as the API tests count on it (demo-marketing.test.ts writes it on its own).
  if (scale !== TEST_SCALE) await writeDemoMarketing(em, now);
}
