// The reference company's sales reports (issue 10, item 3): daily, at any moment, monthly and
// managers'. Each reads through reportScope: management and admins see the company, a head his
// people; a filter outside them is 403.
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { companyToday } from '../../../domain/invoices/company-today.ts';
import { reportScope } from '../../../domain/reports/report-scope.ts';
import { dailyReport } from '../../../domain/reports/sales/daily-report.ts';
import type { AppEnv } from '../../context.ts';
import { json } from '../../openapi.ts';
import { problems, validationHook } from '../../problem.ts';
import { dailyQuery, dailyReportSchema } from './schemas.ts';

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
  );
