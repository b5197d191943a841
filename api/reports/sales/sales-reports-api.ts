// The reference company's sales reports (issue 10, item 3): daily, at any moment, monthly and
// managers'. Each reads through reportScope: management and admins see the company, a head his
// people; a filter outside them is 403.
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { companyToday } from '../../../domain/invoices/company-today.ts';
import { reportScope } from '../../../domain/reports/report-scope.ts';
import { dailyReport } from '../../../domain/reports/sales/daily-report.ts';
import { activityReport } from '../../../domain/reports/sales/activity-report.ts';
import { monthlyReport } from '../../../domain/reports/sales/monthly-report.ts';
import { managersReport } from '../../../domain/reports/sales/managers-report.ts';
import { complaintsReport } from '../../../domain/reports/sales/complaints-report.ts';
import { checkPeriod, type Period } from '../../../domain/reports/sales/period.ts';
import { companyCalendar, loadCalendarSettings } from '../../../domain/calendar/calendar-settings.ts';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { WorkingCalendar } from '../../../domain/calendar/working-calendar.ts';
import type { AppEnv } from '../../context.ts';
import { json } from '../../openapi.ts';
import { problems, validationHook } from '../../problem.ts';
import { activityReportSchema, complaintsReportSchema, dailyQuery, dailyReportSchema, managersReportSchema, monthlyReportSchema, monthQuery, periodQuery } from './schemas.ts';

// Building the company calendar (holiday tables of four years) costs tens of milliseconds - more
// than a small report's queries; it changes only when the settings do, so it is kept per
// settings and year.
const calendars = new Map<string, WorkingCalendar>();
async function reportCalendar(em: EntityManager, at: Date): Promise<WorkingCalendar> {
  const key = `${at.getUTCFullYear()} ${JSON.stringify(await loadCalendarSettings(em))}`;
  let cal = calendars.get(key);
  if (!cal) {
    if (calendars.size > 20) calendars.clear();
    cal = await companyCalendar(em, at);
    calendars.set(key, cal);
  }
  return cal;
}

/** The period asked for (default: this month up to today) in the company's days, checked. */
async function periodOf(em: EntityManager, q: { from?: string | undefined; to?: string | undefined }): Promise<{ period: Period; tz: string }> {
  const tz = (await loadCalendarSettings(em)).timeZone;
  const today = await companyToday(em);
  return { period: checkPeriod({ from: q.from ?? `${(q.to ?? today).slice(0, 7)}-01`, to: q.to ?? today }), tz };
}

export const salesReportsApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get', path: '/daily', tags: ['Reports'], summary: 'Daily: payments received (day, month to date, by day), expected sales (open deals weighted by probability, by planned close month), open deals by stage',
      request: { query: dailyQuery },
      responses: { 200: { description: 'The report', ...json(dailyReportSchema) }, ...problems(400, 401, 403) },
    }),
    async (c) => {
      const { em, actor } = c.var;
      const { date, ...filter } = c.req.valid('query');
      const scope = await reportScope(em, actor, filter);
      return c.json(await dailyReport(em, scope, date ?? (await companyToday(em))), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/activity', tags: ['Reports'], summary: 'At any moment: per employee and kind, contacts done, overdue (planned, time passed, not done) and planned in the period',
      request: { query: periodQuery },
      responses: { 200: { description: 'The report', ...json(activityReportSchema) }, ...problems(400, 401, 403) },
    }),
    async (c) => {
      const { em, actor } = c.var;
      const { from, to, ...filter } = c.req.valid('query');
      const scope = await reportScope(em, actor, filter);
      const { period, tz } = await periodOf(em, { from, to });
      return c.json(await activityReport(em, scope, period, tz, new Date()), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/monthly', tags: ['Reports'], summary: 'Monthly: per employee new client interests, proposals prepared and their sum, plan vs payments received; the sales funnel (stage-to-stage conversion) and the activity funnel',
      request: { query: monthQuery },
      responses: { 200: { description: 'The report', ...json(monthlyReportSchema) }, ...problems(400, 401, 403) },
    }),
    async (c) => {
      const { em, actor } = c.var;
      const { month, ...filter } = c.req.valid('query');
      const scope = await reportScope(em, actor, filter);
      const tz = (await loadCalendarSettings(em)).timeZone;
      return c.json(await monthlyReport(em, scope, month ?? (await companyToday(em)).slice(0, 7), tz), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/managers', tags: ['Reports'], summary: "Managers: won, lost, win rate, average deal duration, stuck deals, revenue, plan and commission per employee; refusal reasons with shares and stages; activity norms against fact per working day",
      request: { query: periodQuery },
      responses: { 200: { description: 'The report', ...json(managersReportSchema) }, ...problems(400, 401, 403) },
    }),
    async (c) => {
      const { em, actor } = c.var;
      const { from, to, ...filter } = c.req.valid('query');
      const scope = await reportScope(em, actor, filter);
      const { period, tz } = await periodOf(em, { from, to });
      // The calendar spans the year before its date to two after: a year into the period covers all three years a period may have.
      const cal = await reportCalendar(em, new Date(Date.parse(`${period.from}T12:00:00Z`) + 365 * 86_400_000));
      return c.json(await managersReport(em, scope, period, tz, cal, new Date()), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/complaints', tags: ['Reports'], summary: 'Problem requests: open now by status with those past the SLA, handling time in working time of those decided in the period, decisions by kind',
      request: { query: periodQuery },
      responses: { 200: { description: 'The report', ...json(complaintsReportSchema) }, ...problems(400, 401, 403) },
    }),
    async (c) => {
      const { em, actor } = c.var;
      const { from, to, ...filter } = c.req.valid('query');
      const scope = await reportScope(em, actor, filter);
      const { period, tz } = await periodOf(em, { from, to });
      const cal = await reportCalendar(em, new Date(`${period.from}T12:00:00Z`));
      return c.json(await complaintsReport(em, scope, period, tz, cal, new Date()), 200);
    },
  );
