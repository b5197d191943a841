// Installation orders: the list (only orders of clients whose service records one sees), opening
// one (the client's owner or the service department), its page with history and the actions the
// viewer may take, changing its data on the version read, and the moves: accept, return (with
// what is missing and a deadline), schedule (date, engineer), complete (act, serial numbers - the
// units enter the service register once), cancel. A move not allowed from the status is 409.
import type { z } from '@hono/zod-openapi';
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { deriveId } from '../../domain/idempotency/derive-ids.ts';
import { actOnInstallation } from '../../domain/service/act-on-installation.ts';
import { createInstallation } from '../../domain/service/create-installation.ts';
import type { MoveData } from '../../domain/service/move-installation.ts';
import { updateInstallation } from '../../domain/service/update-installation.ts';
import type { AppEnv } from '../context.ts';
import { idParamSchema } from '../directory/schemas.ts';
import { json, jsonBody } from '../openapi.ts';
import { problems, validationHook } from '../problem.ts';
import { startHandoffRoute } from './handoff-route.ts';
import { installationDetail, listInstallations } from './installation-view.ts';
import { acceptSchema, cancelSchema, completeSchema, installationDetailSchema, installationItemSchema, installationPatchSchema, listInstallationsQuery, newInstallationSchema, pageOf, returnSchema, scheduleSchema } from './schemas.ts';
import { conflict, withCurrent } from './with-current.ts';

const action = <P extends string, S extends z.ZodType>(path: P, summary: string, body: S) =>
  createRoute({
    method: 'post', path: `/{id}/${path}`, tags: ['Service'], summary,
    request: { params: idParamSchema, ...jsonBody(body) },
    responses: { 200: { description: 'The order after the move', ...json(installationDetailSchema) }, ...problems(400, 401, 403, 404, 422), ...conflict('order') },
  });

export const installationsApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get', path: '/', tags: ['Service'], summary: 'Installation orders you may see, filtered, sorted, a page with the total',
      request: { query: listInstallationsQuery },
      responses: { 200: { description: 'A page of orders', ...json(pageOf(installationItemSchema)) }, ...problems(400, 401, 403) },
    }),
    async (c) => {
      const { sort, limit, offset, ...filter } = c.req.valid('query');
      return c.json(await listInstallations(c.var.em, c.var.viewer, filter, { sort, limit, offset }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/', tags: ['Service'], summary: 'Hand an installation order over (the client\'s owner, the service department, management, admins); starts the published installation hand-off route about it unless startRoute is false',
      request: { ...jsonBody(newInstallationSchema) },
      responses: { 201: { description: 'Created, status new', ...json(installationDetailSchema) }, ...problems(400, 401, 403, 404, 422) },
    }),
    async (c) => {
      const { em, actor, idempotencyKey } = c.var;
      const b = c.req.valid('json');
      const { startRoute, ...order } = b;
      const id = await createInstallation(em, actor, { ...order, id: idempotencyKey === undefined ? undefined : deriveId(actor.employeeId, idempotencyKey, 'installation.create') });
      if (startRoute !== false) await startHandoffRoute(em.fork(), c.var.deps, actor, id, idempotencyKey);
      return c.json(await installationDetail(em.fork(), actor, id), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/{id}', tags: ['Service'], summary: 'An installation order with its history, equipment and the actions you may take',
      request: { params: idParamSchema },
      responses: { 200: { description: 'The order', ...json(installationDetailSchema) }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => c.json(await installationDetail(c.var.em, c.var.actor, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'patch', path: '/{id}', tags: ['Service'], summary: 'Change an order\'s data on the version read; a returned order goes back to new',
      request: { params: idParamSchema, ...jsonBody(installationPatchSchema) },
      responses: { 200: { description: 'Changed', ...json(installationDetailSchema) }, ...problems(400, 401, 403, 404, 422), ...conflict('order') },
    }),
    async (c) => {
      const { em, actor } = c.var;
      const { id } = c.req.valid('param');
      await withCurrent(() => updateInstallation(em, actor, id, c.req.valid('json')), () => installationDetail(em.fork(), actor, id));
      return c.json(await installationDetail(em.fork(), actor, id), 200);
    },
  )
  .openapi(action('accept', 'Accept a new order (service)', acceptSchema), async (c) => {
    const { version, ...b } = c.req.valid('json');
    return c.json(await run(c.var, c.req.valid('param').id, { move: 'accept', ...b }, version), 200);
  })
  .openapi(action('return', 'Return an order for missing data, with a deadline (service)', returnSchema), async (c) => {
    const { version, ...b } = c.req.valid('json');
    return c.json(await run(c.var, c.req.valid('param').id, { move: 'return', ...b }, version), 200);
  })
  .openapi(action('schedule', 'Schedule (or reschedule) an accepted order: date and engineer (service)', scheduleSchema), async (c) => {
    const { version, ...b } = c.req.valid('json');
    return c.json(await run(c.var, c.req.valid('param').id, { move: 'schedule', ...b }, version), 200);
  })
  .openapi(action('complete', 'Complete a scheduled order with its act; the units enter the service register (service)', completeSchema), async (c) => {
    const { version, ...data } = c.req.valid('json');
    return c.json(await run(c.var, c.req.valid('param').id, { move: 'complete', data }, version), 200);
  })
  .openapi(action('cancel', 'Cancel an order (service; the client\'s owner while it is new or returned)', cancelSchema), async (c) => {
    const { version, ...b } = c.req.valid('json');
    return c.json(await run(c.var, c.req.valid('param').id, { move: 'cancel', ...b }, version), 200);
  });

async function run(v: AppEnv['Variables'], id: string, data: MoveData, version: number | undefined) {
  const { em, actor } = v;
  await withCurrent(() => actOnInstallation(em, actor, id, data, version), () => installationDetail(em.fork(), actor, id));
  return installationDetail(em.fork(), actor, id);
}
