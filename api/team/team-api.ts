// The team view for managers: their people's workload, one person's open work, and the hand-over
// of a person's work to someone else or back to a queue. Transport only; rules live in domain/team.
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { DomainError } from '../../domain/errors.ts';
import { checkTeamAccess } from '../../domain/team/check-team-access.ts';
import { handOverWork } from '../../domain/team/hand-over-work.ts';
import { listTeamWorkload } from '../../domain/team/list-team-workload.ts';
import { decodeCursor, listAssignments } from '../assignments/assignment-view.ts';
import type { AppEnv } from '../context.ts';
import { json, jsonBody } from '../openapi.ts';
import { problems, validationHook } from '../problem.ts';
import { temporalEngine } from '../processes/temporal-engine.ts';
import { employeeParamSchema, handOverResultSchema, handOverSchema, teamQuery, teamSchema, teamWorkQuery, teamWorkSchema } from './schemas.ts';

export const teamApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get', path: '/', tags: ['Team'], summary: 'My people (direct and indirect reports) with their open and overdue work',
      request: { query: teamQuery },
      responses: { 200: { description: 'The team', ...json(teamSchema) }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => c.json(await listTeamWorkload(c.var.em, c.var.actor, { managerId: c.req.valid('query').managerId }), 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/{employeeId}/work', tags: ['Team'], summary: 'One of my people\'s open assignments, earliest due first',
      request: { params: employeeParamSchema, query: teamWorkQuery },
      responses: { 200: { description: 'One page of their open work', ...json(teamWorkSchema) }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const { employeeId } = c.req.valid('param');
      const { limit, cursor: text } = c.req.valid('query');
      const cursor = text === undefined ? undefined : decodeCursor(text);
      if (text !== undefined && !cursor) throw new DomainError('invalid_input', 'The cursor is not one this API handed out', [{ path: 'query.cursor', message: 'is not a cursor' }]);
      await checkTeamAccess(c.var.em, c.var.actor, employeeId);
      return c.json(await listAssignments(c.var.em, { kind: 'open', assigneeId: employeeId }, { limit, ...(cursor ? { cursor } : {}) }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/hand-over', tags: ['Team'], summary: 'Move a person\'s open work (all or some) to another person or a role queue, with a reason',
      request: { ...jsonBody(handOverSchema) },
      responses: { 200: { description: 'Which assignments moved and which did not', ...json(handOverResultSchema) }, ...problems(400, 401, 403, 404, 422) },
    }),
    async (c) => {
      const { em, deps, actor } = c.var;
      const engine = temporalEngine(deps.temporal, deps.taskQueue);
      return c.json(await handOverWork({ em, engine }, actor, { ...c.req.valid('json'), idempotencyKey: c.var.idempotencyKey }), 200);
    },
  );
