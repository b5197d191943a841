// Segments: the builder's live count and first members (preview), saved segments, a segment's
// members page. Marketing, management and admins change them; heads of departments read.
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { checkMarketingEditor, checkMarketingReader } from '../../domain/marketing/marketing-access.ts';
import { countSegment, segmentMembers } from '../../domain/marketing/segment-sql.ts';
import { createSegment, deleteSegment, getSegment, listSegments, updateSegment } from '../../domain/marketing/segments.ts';
import { deriveId } from '../../domain/idempotency/derive-ids.ts';
import type { AppEnv } from '../context.ts';
import { idParamSchema } from '../directory/schemas.ts';
import { json, jsonBody } from '../openapi.ts';
import { problems, validationHook } from '../problem.ts';
import { membersSchema, pageQuery, previewBody, previewSchema, segmentInput, segmentSchema, segmentUpdate } from './schemas.ts';

const tags = ['Marketing'];

export const segmentsApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'post', path: '/preview', tags, summary: 'How many clients a filter selects now, and the first 20 by name (the builder\'s live count)',
      request: { ...jsonBody(previewBody) },
      responses: { 200: { description: 'Count and sample', ...json(previewSchema) }, ...problems(400, 401, 403) },
    }),
    async (c) => {
      checkMarketingEditor(c.var.actor);
      const { filter } = c.req.valid('json');
      const [count, sample] = await Promise.all([countSegment(c.var.em, filter), segmentMembers(c.var.em, filter, { limit: 20, offset: 0 })]);
      return c.json({ count, sample }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/', tags, summary: 'Saved segments with their member counts now',
      responses: { 200: { description: 'Segments by name', ...json(z.object({ items: z.array(segmentSchema) })) }, ...problems(401, 403) },
    }),
    async (c) => c.json({ items: await listSegments(c.var.em, c.var.actor) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/', tags, summary: 'Save a segment (marketing, management, admins)',
      request: { ...jsonBody(segmentInput) },
      responses: { 201: { description: 'Saved', ...json(segmentSchema) }, ...problems(400, 401, 403) },
    }),
    async (c) => {
      const { em, actor, idempotencyKey } = c.var;
      const id = idempotencyKey === undefined ? undefined : deriveId(actor.employeeId, idempotencyKey, 'segment.create');
      return c.json(await createSegment(em, actor, c.req.valid('json'), id), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/{id}', tags, summary: 'A segment with its member count now',
      request: { params: idParamSchema },
      responses: { 200: { description: 'The segment', ...json(segmentSchema) }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getSegment(c.var.em, c.var.actor, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'put', path: '/{id}', tags, summary: 'Change a segment on the version read (409 when someone changed it first)',
      request: { params: idParamSchema, ...jsonBody(segmentUpdate) },
      responses: { 200: { description: 'Changed', ...json(segmentSchema) }, ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await updateSegment(c.var.em, c.var.actor, c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'delete', path: '/{id}', tags, summary: 'Delete a segment; campaigns keep their frozen recipients',
      request: { params: idParamSchema },
      responses: { 204: { description: 'Deleted' }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      await deleteSegment(c.var.em, c.var.actor, c.req.valid('param').id);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/{id}/members', tags, summary: 'The clients the segment selects now, by name, a page with the total',
      request: { params: idParamSchema, query: pageQuery },
      responses: { 200: { description: 'A page of members', ...json(membersSchema) }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      checkMarketingReader(c.var.actor);
      const segment = await getSegment(c.var.em, c.var.actor, c.req.valid('param').id);
      const { limit, offset } = c.req.valid('query');
      return c.json({ items: await segmentMembers(c.var.em, segment.filter, { limit, offset }), total: segment.count }, 200);
    },
  );
