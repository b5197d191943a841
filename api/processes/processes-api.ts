// Processes (cases): any employee may start one from a published route and read cases; the
// starter, a manager or an admin may cancel one.
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.ts';
import { json, jsonBody } from '../openapi.ts';
import { problems, validationHook } from '../problem.ts';
import { idParamSchema } from '../directory/schemas.ts';
import { cancelProcess } from '../../domain/processes/cancel-process.ts';
import { sendEvent } from '../../domain/processes/send-event.ts';
import { recordLabels, recordRef } from '../../domain/records/record-types.ts';
import { processDetail, processSummaries, startProcess } from './process-store.ts';
import { temporalEngine } from './temporal-engine.ts';
import { cancelProcessSchema, listProcessesQuery, outsideEventSchema, processDetailSchema, processListItemSchema, processStartedSchema, startProcessSchema } from './schemas.ts';


export const processesApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'post', path: '/', tags: ['Processes'], summary: 'Start a case of a published route',
      request: { ...jsonBody(startProcessSchema) },
      responses: { 201: { description: 'Started, with the steps it opened first', ...json(processStartedSchema) }, ...problems(400, 401, 404, 422) },
    }),
    async (c) => {
      const { em, deps, actor } = c.var;
      const { summary, variables, openSteps } = await startProcess(em, deps, actor, c.req.valid('json'), c.var.idempotencyKey);
      const record = summary.record ? recordRef(await recordLabels(em, [summary.record]), summary.record.type, summary.record.id) : null;
      return c.json({ ...summary, record, variables, openSteps }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/', tags: ['Processes'], summary: 'List cases, newest first',
      request: { query: listProcessesQuery },
      responses: { 200: { description: 'Cases', ...json(z.object({ items: z.array(processListItemSchema), total: z.number().int() })) }, ...problems(400, 401) },
    }),
    async (c) => {
      const { status, routeId, startedBy, version, startedFrom, startedTo, holder, clientId, limit, offset } = c.req.valid('query');
      const where = {
        ...(status ? { status } : {}),
        ...(routeId ? { routeVersion: { route: routeId } } : {}),
        ...(startedBy ? { startedBy } : {}),
        ...(version !== undefined ? { version } : {}),
        ...(startedFrom ? { startedFrom: new Date(startedFrom) } : {}),
        ...(startedTo ? { startedTo: new Date(startedTo) } : {}),
        ...(holder ? { holder } : {}),
        ...(clientId ? { clientId } : {}),
      };
      return c.json(await processSummaries(c.var.em, c.var.viewer, where, { limit, offset }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/{id}', tags: ['Processes'], summary: 'A case with its timeline, assignments and live state',
      request: { params: idParamSchema },
      responses: { 200: { description: 'The case', ...json(processDetailSchema) }, ...problems(400, 401, 404) },
    }),
    async (c) => c.json(await processDetail(c.var.em, c.var.deps.temporal, c.var.viewer, c.req.valid('param').id, { temporalUiUrl: c.var.deps.temporalUiUrl }), 200),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/{id}/cancel', tags: ['Processes'], summary: 'Cancel a running case; its open assignments are withdrawn',
      request: { params: idParamSchema, ...jsonBody(cancelProcessSchema) },
      responses: { 200: { description: 'Cancelled', ...json(processDetailSchema) }, ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { em, deps, actor } = c.var;
      const { id } = c.req.valid('param');
      await cancelProcess({ em, engine: temporalEngine(deps.temporal, deps.taskQueue) }, actor, { processId: id, reason: c.req.valid('json').reason, idempotencyKey: c.var.idempotencyKey });
      return c.json(await processDetail(em.fork(), deps.temporal, c.var.viewer, id, { temporalUiUrl: deps.temporalUiUrl }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/{id}/events', tags: ['Processes'], summary: 'Deliver an outside event the route declares (payment received, customer replied)',
      request: { params: idParamSchema, ...jsonBody(outsideEventSchema) },
      responses: { 202: { description: 'Delivered; the case acts on it when it reaches a wait for it', ...json(z.object({ delivered: z.literal(true) })) }, ...problems(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const { em, deps, actor, integration } = c.var;
      const { name, payload, reason } = c.req.valid('json');
      const source = integration ? { kind: 'integration' as const, keyId: integration.keyId, name: integration.name, scopes: integration.scopes } : { kind: 'employee' as const, actor };
      await sendEvent({ em, engine: temporalEngine(deps.temporal, deps.taskQueue) }, source, { processId: c.req.valid('param').id, name, payload, ...(reason ? { reason } : {}) });
      return c.json({ delivered: true as const }, 202);
    },
  );
