// The audit log, for administrators: read and filter only. No endpoint changes an entry, and the
// table itself refuses UPDATE, DELETE and TRUNCATE (migration 20261124095042).
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { requireRole } from '../auth/authenticate.ts';
import type { AppEnv } from '../context.ts';
import { json } from '../openapi.ts';
import { problems, validationHook } from '../problem.ts';
import { decodeAuditCursor, listAuditEntries } from './audit-view.ts';
import { auditPageSchema, auditQuery } from './schemas.ts';

export const auditApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  createRoute({
    method: 'get', path: '/', tags: ['Audit'], summary: 'The audit log, newest first (admins)',
    description: 'Sign-ins and failed sign-ins, route drafts and publishes, case starts, events and cancels, reassignments and claims, settings changes and integration keys: who, when, what, from where, and the status answered. Paged by `cursor`.',
    middleware: [requireRole('admin')] as const,
    request: { query: auditQuery },
    responses: { 200: { description: 'One page of audit entries', ...json(auditPageSchema) }, ...problems(400, 401, 403) },
  }),
  async (c) => {
    const { limit, cursor, ...filter } = c.req.valid('query');
    return c.json(await listAuditEntries(c.var.em, filter, { limit, cursor: cursor ? decodeAuditCursor(cursor) : undefined }), 200);
  },
);
