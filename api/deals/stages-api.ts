// Pipeline stages: everyone reads them (the board's columns, a deal form); admins and management
// change them (domain/deals/deal-access.ts, STAGE_EDITORS). A stage in use is not deleted (409).
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { STAGE_EDITORS } from '../../domain/deals/deal-access.ts';
import { createStage, deleteStage, updateStage } from '../../domain/deals/stages.ts';
import { deriveId } from '../../domain/idempotency/derive-ids.ts';
import { requireRole } from '../auth/authenticate.ts';
import type { AppEnv } from '../context.ts';
import { idParamSchema } from '../directory/schemas.ts';
import { json, jsonBody } from '../openapi.ts';
import { problems, validationHook } from '../problem.ts';
import { listStages, readStage } from './deal-view.ts';
import { newStageSchema, stagePatchSchema, stageViewSchema } from './schemas.ts';

const editors = requireRole(...STAGE_EDITORS);

export const dealStagesApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get', path: '/', tags: ['Deals'], summary: 'The pipeline stages in board order',
      responses: { 200: { description: 'Stages', ...json(z.object({ items: z.array(stageViewSchema) })) }, ...problems(401, 403) },
    }),
    async (c) => c.json({ items: await listStages(c.var.em) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/', tags: ['Deals'], summary: 'Add a stage (admins, management)', middleware: [editors] as const,
      request: { ...jsonBody(newStageSchema) },
      responses: { 201: { description: 'Added', ...json(stageViewSchema) }, ...problems(400, 401, 403, 409) },
    }),
    async (c) => {
      const { em, actor, idempotencyKey } = c.var;
      const b = c.req.valid('json');
      const id = await createStage(em, { id: idempotencyKey === undefined ? undefined : deriveId(actor.employeeId, idempotencyKey, 'deal-stage.create'), ...b, nameEn: b.nameEn ?? null });
      return c.json(await readStage(em.fork(), id), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'patch', path: '/{id}', tags: ['Deals'], summary: 'Rename a stage, move it on the board, change its default probability (admins, management)', middleware: [editors] as const,
      request: { params: idParamSchema, ...jsonBody(stagePatchSchema) },
      responses: { 200: { description: 'Changed', ...json(stageViewSchema) }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await updateStage(c.var.em, id, c.req.valid('json'));
      return c.json(await readStage(c.var.em.fork(), id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete', path: '/{id}', tags: ['Deals'], summary: 'Delete a stage no deal is in or has passed through (admins, management); 409 otherwise', middleware: [editors] as const,
      request: { params: idParamSchema },
      responses: { 204: { description: 'Deleted' }, ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      await deleteStage(c.var.em, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
