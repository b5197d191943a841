// The service register: equipment the company serves (status computed from the dates, contracts
// expiring within 30 days flagged), entered by the service department or put there by completing
// an installation order; a client's equipment for the client card. Serial numbers are unique per
// model (409 naming serialNumber).
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { deriveId } from '../../domain/idempotency/derive-ids.ts';
import { createEquipment } from '../../domain/service/create-equipment.ts';
import { serviceRights } from '../../domain/service/service-access.ts';
import { updateEquipment } from '../../domain/service/update-equipment.ts';
import type { AppEnv } from '../context.ts';
import { idParamSchema } from '../directory/schemas.ts';
import { json, jsonBody } from '../openapi.ts';
import { problems, validationHook } from '../problem.ts';
import { equipmentDetail, listEquipment } from './register-view.ts';
import { equipmentDetailSchema, equipmentItemSchema, equipmentPatchSchema, listEquipmentQuery, newEquipmentSchema, pageOf } from './schemas.ts';
import { conflict, withCurrent } from './with-current.ts';

export const equipmentApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get', path: '/equipment', tags: ['Service'], summary: 'The service register: equipment you may see, filtered, sorted, a page with the total',
      request: { query: listEquipmentQuery },
      responses: { 200: { description: 'A page of equipment', ...json(pageOf(equipmentItemSchema)) }, ...problems(400, 401, 403) },
    }),
    async (c) => {
      const { sort, limit, offset, ...filter } = c.req.valid('query');
      return c.json(await listEquipment(c.var.em, c.var.viewer, filter, { sort, limit, offset }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/equipment', tags: ['Service'], summary: 'Enter equipment in the register (service department, management, admins)',
      request: { ...jsonBody(newEquipmentSchema) },
      responses: { 201: { description: 'Entered', ...json(equipmentDetailSchema) }, ...problems(400, 401, 403, 404, 422), ...conflict('equipment') },
    }),
    async (c) => {
      const { em, actor, idempotencyKey } = c.var;
      const { clientId, ...b } = c.req.valid('json');
      const id = await createEquipment(em, actor, clientId, {
        ...b, contractNumber: b.contractNumber ?? null, contractFrom: b.contractFrom ?? null, contractTo: b.contractTo ?? null, installedOn: b.installedOn ?? null, notes: b.notes ?? null,
      }, idempotencyKey === undefined ? undefined : deriveId(actor.employeeId, idempotencyKey, 'equipment.create'));
      return c.json(await equipmentDetail(em.fork(), actor, id), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/equipment/{id}', tags: ['Service'], summary: 'One unit of the register',
      request: { params: idParamSchema },
      responses: { 200: { description: 'The unit', ...json(equipmentDetailSchema) }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => c.json(await equipmentDetail(c.var.em, c.var.actor, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'patch', path: '/equipment/{id}', tags: ['Service'], summary: 'Change a unit on the version read: contract, site, serial, removal (service department, management, admins)',
      request: { params: idParamSchema, ...jsonBody(equipmentPatchSchema) },
      responses: { 200: { description: 'Changed', ...json(equipmentDetailSchema) }, ...problems(400, 401, 403, 404, 422), ...conflict('equipment') },
    }),
    async (c) => {
      const { em, actor } = c.var;
      const { id } = c.req.valid('param');
      await withCurrent(() => updateEquipment(em, actor, id, c.req.valid('json')), () => equipmentDetail(em.fork(), actor, id));
      return c.json(await equipmentDetail(em.fork(), actor, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/clients/{id}/equipment', tags: ['Service'], summary: 'A client\'s equipment under service (404 for a client you may not see)',
      request: { params: idParamSchema, query: listEquipmentQuery.omit({ clientId: true }) },
      responses: { 200: { description: 'A page of the client\'s equipment', ...json(pageOf(equipmentItemSchema)) }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const { em, actor, viewer } = c.var;
      const { id } = c.req.valid('param');
      // The client card's section: whoever sees the client, or the service department; else 404.
      await serviceRights(em, actor, id);
      const { sort, limit, offset, ...filter } = c.req.valid('query');
      return c.json(await listEquipment(em, viewer, { ...filter, clientId: id }, { sort, limit, offset }), 200);
    },
  );
