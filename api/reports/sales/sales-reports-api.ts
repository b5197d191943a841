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
import { checkPeriod, type Period } from '../../../domain/reports/sales/period.ts';
import { companyCalendar, loadCalendarSettings } from '../../../domain/calendar/calendar-settings.ts';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppEnv } from '../../context.ts';
import { json } from '../../openapi.ts';
import { problems, validationHook } from '../../problem.ts';
import { activityReportSchema, dailyQuery, dailyReportSchema, managersReportSchema, monthlyReportSchema, monthQuery, periodQuery } from './schemas.ts';

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
      const cal = await companyCalendar(em, new Date(`${period.from}T12:00:00Z`));
      return c.json(await managersReport(em, scope, period, tz, cal, new Date()), 200);
    },
  );
