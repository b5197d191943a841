// Service visits to equipment (planned date, engineer, kind; result and when done) and phone
// consultations (client, optionally a unit, question, answer, who, when, minutes). Read by whoever
// sees the client and by the service department; written by the service department, management
// and admins.
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { deriveId } from '../../domain/idempotency/derive-ids.ts';
import { createConsultation, updateConsultation } from '../../domain/service/save-consultation.ts';
import { createVisit, updateVisit } from '../../domain/service/save-visit.ts';
import type { AppEnv } from '../context.ts';
import { idParamSchema } from '../directory/schemas.ts';
import { json, jsonBody } from '../openapi.ts';
import { problems, validationHook } from '../problem.ts';
import { consultationDetail, listConsultations, listVisits, visitDetail } from './register-view.ts';
import { consultationPatchSchema, consultationSchema, listConsultationsQuery, listVisitsQuery, newConsultationSchema, newVisitSchema, pageOf, visitPatchSchema, visitSchema } from './schemas.ts';
import { conflict, withCurrent } from './with-current.ts';

export const visitsApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get', path: '/service-visits', tags: ['Service'], summary: 'Service visits you may see, filtered, sorted, a page with the total',
      request: { query: listVisitsQuery },
      responses: { 200: { description: 'A page of visits', ...json(pageOf(visitSchema)) }, ...problems(400, 401, 403) },
    }),
    async (c) => {
      const { sort, limit, offset, ...filter } = c.req.valid('query');
      return c.json(await listVisits(c.var.em, c.var.viewer, filter, { sort, limit, offset }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/service-visits', tags: ['Service'], summary: 'Plan (or record) a service visit (service department, management, admins)',
      request: { ...jsonBody(newVisitSchema) },
      responses: { 201: { description: 'Created', ...json(visitSchema) }, ...problems(400, 401, 403, 404, 422) },
    }),
    async (c) => {
      const { em, actor, idempotencyKey } = c.var;
      const { equipmentId, ...b } = c.req.valid('json');
      const id = await createVisit(em, actor, equipmentId, { ...b, result: b.result ?? null, doneAt: b.doneAt ?? null }, idempotencyKey === undefined ? undefined : deriveId(actor.employeeId, idempotencyKey, 'service-visit.create'));
      return c.json(await visitDetail(em.fork(), actor, id), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/service-visits/{id}', tags: ['Service'], summary: 'One service visit',
      request: { params: idParamSchema },
      responses: { 200: { description: 'The visit', ...json(visitSchema) }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => c.json(await visitDetail(c.var.em, c.var.actor, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'patch', path: '/service-visits/{id}', tags: ['Service'], summary: 'Change a visit on the version read: date, engineer, kind, result, done',
      request: { params: idParamSchema, ...jsonBody(visitPatchSchema) },
      responses: { 200: { description: 'Changed', ...json(visitSchema) }, ...problems(400, 401, 403, 404, 422), ...conflict('visit') },
    }),
    async (c) => {
      const { em, actor } = c.var;
      const { id } = c.req.valid('param');
      await withCurrent(() => updateVisit(em, actor, id, c.req.valid('json')), () => visitDetail(em.fork(), actor, id));
      return c.json(await visitDetail(em.fork(), actor, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/consultations', tags: ['Service'], summary: 'Phone consultations you may see, filtered, sorted, a page with the total',
      request: { query: listConsultationsQuery },
      responses: { 200: { description: 'A page of consultations', ...json(pageOf(consultationSchema)) }, ...problems(400, 401, 403) },
    }),
    async (c) => {
      const { sort, limit, offset, ...filter } = c.req.valid('query');
      return c.json(await listConsultations(c.var.em, c.var.viewer, filter, { sort, limit, offset }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/consultations', tags: ['Service'], summary: 'Record a phone consultation (service department, management, admins)',
      request: { ...jsonBody(newConsultationSchema) },
      responses: { 201: { description: 'Recorded', ...json(consultationSchema) }, ...problems(400, 401, 403, 404, 422) },
    }),
    async (c) => {
      const { em, actor, idempotencyKey } = c.var;
      const { clientId, ...b } = c.req.valid('json');
      const id = await createConsultation(em, actor, clientId, { ...b, equipmentId: b.equipmentId ?? null, answer: b.answer ?? null, at: b.at ?? new Date().toISOString() }, idempotencyKey === undefined ? undefined : deriveId(actor.employeeId, idempotencyKey, 'consultation.create'));
      return c.json(await consultationDetail(em.fork(), actor, id), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/consultations/{id}', tags: ['Service'], summary: 'One phone consultation',
      request: { params: idParamSchema },
      responses: { 200: { description: 'The consultation', ...json(consultationSchema) }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => c.json(await consultationDetail(c.var.em, c.var.actor, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'patch', path: '/consultations/{id}', tags: ['Service'], summary: 'Change a consultation on the version read',
      request: { params: idParamSchema, ...jsonBody(consultationPatchSchema) },
      responses: { 200: { description: 'Changed', ...json(consultationSchema) }, ...problems(400, 401, 403, 404, 422), ...conflict('consultation') },
    }),
    async (c) => {
      const { em, actor } = c.var;
      const { id } = c.req.valid('param');
      await withCurrent(() => updateConsultation(em, actor, id, c.req.valid('json')), () => consultationDetail(em.fork(), actor, id));
      return c.json(await consultationDetail(em.fork(), actor, id), 200);
    },
  );
