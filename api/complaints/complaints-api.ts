// Complaints: the list with SLA clocks (only complaints the person may see), registering one,
// the page, changing it on the version read (409 with the current complaint when someone else
// changed it first), moving its status, public messages, internal notes, and the decision.
// Integration keys are refused (authenticate.ts).
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { StaleVersion } from '../../domain/clients/stale-version.ts';
import { addComplaintMessage } from '../../domain/complaints/add-message.ts';
import { changeComplaintStatus } from '../../domain/complaints/change-status.ts';
import { decideComplaint } from '../../domain/complaints/decide-complaint.ts';
import { COMPLAINT_SOURCES, COMPLAINT_STATUSES, DECISION_KINDS } from '../../domain/complaints/entities.ts';
import { registerComplaint } from '../../domain/complaints/register-complaint.ts';
import { updateComplaint } from '../../domain/complaints/update-complaint.ts';
import { DomainError } from '../../domain/errors.ts';
import { deriveId } from '../../domain/idempotency/derive-ids.ts';
import type { AppEnv } from '../context.ts';
import { idParamSchema } from '../directory/schemas.ts';
import { json, jsonBody } from '../openapi.ts';
import { problemSchema, problems, validationHook } from '../problem.ts';
import { startComplaintRoute } from './complaint-route.ts';
import { complaintDetail, listComplaints } from './complaint-view.ts';
import {
  complaintChoicesSchema, complaintDetailSchema, complaintListItemSchema, complaintPatchSchema, decisionSchema, listComplaintsQuery, messageSchema, newComplaintSchema, noteSchema, statusChangeSchema,
} from './schemas.ts';

const conflict = {
  409: {
    description: 'Stale version (`current` is the complaint as it is now), a status move not allowed, or the complaint is closed',
    content: { 'application/problem+json': { schema: problemSchema.extend({ current: z.unknown().optional() }) } },
  },
};

async function withCurrent<T>(run: () => Promise<T>, current: () => Promise<unknown>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof StaleVersion) throw new DomainError('conflict', err.message, err.problems, { extensions: { current: await current() } });
    throw err;
  }
}

export const complaintsApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get', path: '/choices', tags: ['Complaints'], summary: 'The fixed lists a complaint form offers: sources, statuses, decision kinds, departments',
      responses: { 200: { description: 'Codes (the UI translates them) and the organisation\'s departments', ...json(complaintChoicesSchema) }, ...problems(401, 403) },
    }),
    async (c) => {
      const { rows } = await sql<{ code: string; name: string }>`select code, name from department order by name`.execute(c.var.em.getKysely());
      return c.json({ sources: [...COMPLAINT_SOURCES], statuses: [...COMPLAINT_STATUSES], decisionKinds: [...DECISION_KINDS], departments: rows }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/', tags: ['Complaints'], summary: 'Complaints you may see, with their SLA clocks; filtered, sorted, a page with the total',
      request: { query: listComplaintsQuery },
      responses: { 200: { description: 'A page of complaints', ...json(z.object({ items: z.array(complaintListItemSchema), total: z.number().int() })) }, ...problems(400, 401, 403) },
    }),
    async (c) => {
      const { sort, limit, offset, ...filter } = c.req.valid('query');
      return c.json(await listComplaints(c.var.em, c.var.viewer, filter, { sort, limit, offset }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/', tags: ['Complaints'], summary: 'Register a complaint (quality, management, admins): numbered, due in 3 working days',
      request: { ...jsonBody(newComplaintSchema) },
      responses: { 201: { description: 'Registered', ...json(complaintDetailSchema) }, ...problems(400, 401, 403, 404, 422) },
    }),
    async (c) => {
      const { em, actor, idempotencyKey } = c.var;
      const b = c.req.valid('json');
      const id = await registerComplaint(em, actor, {
        id: idempotencyKey === undefined ? undefined : deriveId(actor.employeeId, idempotencyKey, 'complaint.create'),
        source: b.source, subject: b.subject, text: b.text, clientId: b.clientId ?? null, contactName: b.contactName ?? null, contactPhone: b.contactPhone ?? null,
        contactEmail: b.contactEmail ?? null, equipmentSerial: b.equipmentSerial ?? null, departments: b.departments ?? [],
      });
      await startComplaintRoute(em.fork(), c.var.deps, actor, id, idempotencyKey);
      return c.json(await complaintDetail(em.fork(), actor, id), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/{id}', tags: ['Complaints'], summary: 'A complaint with its clock, status history, messages and notes (404 when you may not see it)',
      request: { params: idParamSchema },
      responses: { 200: { description: 'The complaint', ...json(complaintDetailSchema) }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => c.json(await complaintDetail(c.var.em, c.var.actor, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'patch', path: '/{id}', tags: ['Complaints'], summary: 'Change a complaint\'s fields on the version you read: client, contact, departments... (quality, management, admins)',
      request: { params: idParamSchema, ...jsonBody(complaintPatchSchema) },
      responses: { 200: { description: 'Changed', ...json(complaintDetailSchema) }, ...problems(400, 401, 403, 404, 422), ...conflict },
    }),
    async (c) => {
      const { em, actor } = c.var;
      const { id } = c.req.valid('param');
      await withCurrent(() => updateComplaint(em, actor, id, c.req.valid('json')), () => complaintDetail(em.fork(), actor, id));
      return c.json(await complaintDetail(em.fork(), actor, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/{id}/status', tags: ['Complaints'], summary: 'Move the status: in work, waiting for the client (the SLA clock stops), closed, or reopen a decided one',
      request: { params: idParamSchema, ...jsonBody(statusChangeSchema) },
      responses: { 200: { description: 'Moved', ...json(complaintDetailSchema) }, ...problems(400, 401, 403, 404), ...conflict },
    }),
    async (c) => {
      const { em, actor } = c.var;
      const { id } = c.req.valid('param');
      const b = c.req.valid('json');
      await withCurrent(() => changeComplaintStatus(em, actor, id, { version: b.version, status: b.status, comment: b.comment ?? null }), () => complaintDetail(em.fork(), actor, id));
      return c.json(await complaintDetail(em.fork(), actor, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/{id}/messages', tags: ['Complaints'], summary: 'A public message to the client, optionally citing knowledge-base articles (quality, management, admins)',
      request: { params: idParamSchema, ...jsonBody(messageSchema) },
      responses: { 201: { description: 'Added; the complaint as it is now', ...json(complaintDetailSchema) }, ...problems(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const { em, actor, idempotencyKey } = c.var;
      const { id } = c.req.valid('param');
      const b = c.req.valid('json');
      await addComplaintMessage(em, actor, id, { id: idempotencyKey === undefined ? undefined : deriveId(actor.employeeId, idempotencyKey, 'complaint.message'), kind: 'to-client', text: b.text, citations: b.citations ?? [] });
      return c.json(await complaintDetail(em.fork(), actor, id), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/{id}/notes', tags: ['Complaints'], summary: 'An internal note (quality, management, admins and the departments involved)',
      request: { params: idParamSchema, ...jsonBody(noteSchema) },
      responses: { 201: { description: 'Added; the complaint as it is now', ...json(complaintDetailSchema) }, ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { em, actor, idempotencyKey } = c.var;
      const { id } = c.req.valid('param');
      await addComplaintMessage(em, actor, id, { id: idempotencyKey === undefined ? undefined : deriveId(actor.employeeId, idempotencyKey, 'complaint.note'), kind: 'note', text: c.req.valid('json').text, citations: [] });
      return c.json(await complaintDetail(em.fork(), actor, id), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/{id}/decision', tags: ['Complaints'], summary: 'Record the decision (satisfied, partly, refused) with its text and cited articles; the clock stops',
      request: { params: idParamSchema, ...jsonBody(decisionSchema) },
      responses: { 200: { description: 'Decided', ...json(complaintDetailSchema) }, ...problems(400, 401, 403, 404, 422), ...conflict },
    }),
    async (c) => {
      const { em, actor } = c.var;
      const { id } = c.req.valid('param');
      const b = c.req.valid('json');
      await withCurrent(() => decideComplaint(em, actor, id, { version: b.version, kind: b.kind, text: b.text, citations: b.citations ?? [] }), () => complaintDetail(em.fork(), actor, id));
      return c.json(await complaintDetail(em.fork(), actor, id), 200);
    },
  );
