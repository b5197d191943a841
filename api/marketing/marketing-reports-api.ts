// Marketing effectiveness over a period (marketing, management, admins): the campaigns sent in it
// with their figures, and the figures per channel, segment and region.
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { campaignsReport } from '../../domain/marketing/effectiveness-report.ts';
import type { AppEnv } from '../context.ts';
import { json } from '../openapi.ts';
import { problems, validationHook } from '../problem.ts';
import { reportQuery, reportSchema } from './schemas.ts';

export const marketingReportsApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get', path: '/marketing/campaigns', tags: ['Reports'], summary: 'Campaign effectiveness: campaigns sent in the period, and per channel, segment and region',
      request: { query: reportQuery },
      responses: { 200: { description: 'The report', ...json(reportSchema) }, ...problems(400, 401, 403) },
    }),
    async (c) => c.json(await campaignsReport(c.var.em, c.var.actor, c.req.valid('query')), 200),
  );
