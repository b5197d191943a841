// Campaign mail for marketing: the template library (and campaigns' templates) with a preview
// per client, the sends with their progress, their deliveries, and the retry of failures.
// Marketing, management and admins write; heads of departments read (domain/mailing/access.ts).
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { StaleVersion } from '../../domain/clients/stale-version.ts';
import { DomainError } from '../../domain/errors.ts';
import { deriveId } from '../../domain/idempotency/derive-ids.ts';
import { MAIL_EDITORS, MAIL_READERS } from '../../domain/mailing/access.ts';
import { listDeliveries, listSends, readSend, retryFailed } from '../../domain/mailing/sends.ts';
import { createTemplate, listTemplates, previewTemplate, readTemplate, updateTemplate } from '../../domain/mailing/templates.ts';
import { requireRole } from '../auth/authenticate.ts';
import type { AppEnv } from '../context.ts';
import { idParamSchema } from '../directory/schemas.ts';
import { json, jsonBody } from '../openapi.ts';
import { problemSchema, problems, validationHook } from '../problem.ts';
import {
  deliveriesQuerySchema, deliverySchema, previewInputSchema, previewSchema, retrySchema, sendSchema, sendsQuerySchema,
  templateInputSchema, templateListSchema, templatePatchSchema, templateQuerySchema, templateSchema,
} from './schemas.ts';

const editors = requireRole(...MAIL_EDITORS);
const readers = requireRole(...MAIL_READERS);

export const mailingApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get', path: '/templates', tags: ['Mail'], summary: "The template library, or a campaign's templates (marketing, management, admins, heads)", middleware: [readers] as const,
      request: { query: templateQuerySchema },
      responses: { 200: { description: 'Templates (without their parts)', ...json(templateListSchema) }, ...problems(400, 401, 403) },
    }),
    async (c) => c.json({ items: await listTemplates(c.var.em, c.req.valid('query').campaignId) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/templates', tags: ['Mail'], summary: 'Write a template: Liquid in the subject, HTML and text parts; a syntax error is refused at its part, line and column (marketing, management, admins)', middleware: [editors] as const,
      request: { ...jsonBody(templateInputSchema) },
      responses: { 201: { description: 'Created', ...json(templateSchema) }, ...problems(400, 401, 403) },
    }),
    async (c) => {
      const { em, actor, idempotencyKey } = c.var;
      const id = await createTemplate(em, actor, c.req.valid('json'), idempotencyKey === undefined ? undefined : deriveId(actor.employeeId, idempotencyKey, 'mail-template.create'));
      return c.json(await readTemplate(em.fork(), id), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/templates/{id}', tags: ['Mail'], summary: 'A template with its parts', middleware: [readers] as const,
      request: { params: idParamSchema },
      responses: { 200: { description: 'The template', ...json(templateSchema) }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => c.json(await readTemplate(c.var.em, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'put', path: '/templates/{id}', tags: ['Mail'], summary: 'Change a template on the version you read (marketing, management, admins)', middleware: [editors] as const,
      request: { params: idParamSchema, ...jsonBody(templatePatchSchema) },
      responses: {
        200: { description: 'Changed', ...json(templateSchema) }, ...problems(400, 401, 403, 404),
        409: { description: 'Stale version; `current` is the template as it is now', content: { 'application/problem+json': { schema: problemSchema.extend({ current: z.unknown().optional() }) } } },
      },
    }),
    async (c) => {
      const { em } = c.var;
      const { id } = c.req.valid('param');
      const { version, ...change } = c.req.valid('json');
      try {
        await updateTemplate(em, id, version, change);
      } catch (err) {
        if (err instanceof StaleVersion) throw new DomainError('conflict', err.message, err.problems, { extensions: { current: await readTemplate(em.fork(), id) } });
        throw err;
      }
      return c.json(await readTemplate(em.fork(), id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/templates/{id}/preview', tags: ['Mail'], summary: 'The template rendered for one client (unsaved parts may be sent to preview them as typed)', middleware: [readers] as const,
      request: { params: idParamSchema, ...jsonBody(previewInputSchema) },
      responses: { 200: { description: 'Subject, HTML and text as the client would get them', ...json(previewSchema) }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const { clientId, ...unsaved } = c.req.valid('json');
      const origin = c.var.deps.publicOrigin ?? new URL(c.req.url).origin;
      return c.json(await previewTemplate(c.var.em, c.req.valid('param').id, clientId, origin, unsaved), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/sends', tags: ['Mail'], summary: "A campaign's sends (or all, newest first) with their progress: n of m, counts per status, opens, clicks", middleware: [readers] as const,
      request: { query: sendsQuerySchema },
      responses: { 200: { description: 'Sends', ...json(z.object({ items: z.array(sendSchema) })) }, ...problems(400, 401, 403) },
    }),
    async (c) => c.json({ items: await listSends(c.var.em, c.req.valid('query').campaignId) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/sends/{id}/deliveries', tags: ['Mail'], summary: "A send's recipients and the state of each (failures first, with their reasons)", middleware: [readers] as const,
      request: { params: idParamSchema, query: deliveriesQuerySchema },
      responses: { 200: { description: 'A page of deliveries with the total', ...json(z.object({ items: z.array(deliverySchema), total: z.number().int() })) }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const { status, limit, offset } = c.req.valid('query');
      return c.json(await listDeliveries(c.var.em, c.req.valid('param').id, { status, limit, offset }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/sends/{id}/retry', tags: ['Mail'], summary: "Queue a send's failed deliveries again (marketing, management, admins)", middleware: [editors] as const,
      request: { params: idParamSchema },
      responses: { 200: { description: 'How many were queued again', ...json(retrySchema) }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      await readSend(c.var.em, id);
      return c.json({ queued: await retryFailed(c.var.em, id) }, 200);
    },
  );
