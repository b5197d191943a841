// Process timing reports under /api/reports: transport only; the figures come from
// domain/reports/timing (facts written when steps close), the reader's scope from report-scope.
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { DomainError } from '../../../domain/errors.ts';
import { listAtRisk } from '../../../domain/reports/timing/list-at-risk.ts';
import { listBreaches } from '../../../domain/reports/timing/list-breaches.ts';
import { processTiming } from '../../../domain/reports/timing/process-timing.ts';
import type { AppEnv } from '../../context.ts';
import { decodeKeysetCursor, encodeKeysetCursor } from '../../keyset-cursor.ts';
import { json } from '../../openapi.ts';
import { problems, validationHook } from '../../problem.ts';
import { atRiskQuery, atRiskSchema, breachesQuery, breachesSchema, processTimingQuery, processTimingSchema } from './schemas.ts';

export const timingReportsApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get', path: '/process-timing', tags: ['Reports'], summary: 'Timing of a route version per node, person and path, in working time',
      request: { query: processTimingQuery },
      responses: { 200: { description: 'The timing', ...json(processTimingSchema) }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => c.json(await processTiming(c.var.em, c.var.actor, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/process-timing/breaches', tags: ['Reports'], summary: 'The steps of a node closed after their due time, or open past it',
      request: { query: breachesQuery },
      responses: { 200: { description: 'One page, newest first', ...json(breachesSchema) }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const { cursor, ...q } = c.req.valid('query');
      const after = cursor === undefined ? undefined : decodeKeysetCursor(cursor);
      if (cursor !== undefined && !after) throw new DomainError('invalid_input', 'The cursor is not one this API handed out', [{ path: 'query.cursor', message: 'is not a cursor' }]);
      const page = await listBreaches(c.var.em, c.var.actor, { ...q, after });
      return c.json({ items: page.items, nextCursor: page.next ? encodeKeysetCursor(page.next) : null }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/at-risk', tags: ['Reports'], summary: 'Open steps due within N working hours or overdue, and stuck ones among them',
      request: { query: atRiskQuery },
      responses: { 200: { description: 'The steps at risk with counts per person and department', ...json(atRiskSchema) }, ...problems(400, 401, 403) },
    }),
    async (c) => c.json(await listAtRisk(c.var.em, c.var.actor, c.req.valid('query')), 200),
  );
