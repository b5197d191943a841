// Routes: designers create and edit drafts, validate and publish them; everyone can read them.
import { OpenAPIHono, createRoute as defineApiRoute, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.ts';
import { json, jsonBody } from '../openapi.ts';
import { requireRole } from '../auth/authenticate.ts';
import { problems, validationHook } from '../problem.ts';
import {
  createRouteSchema,
  diffQuerySchema,
  routeDiffSchema,
  routeHooksSchema,
  publishSchema,
  routeDetailSchema,
  routeParamSchema,
  routeListItemSchema,
  routeVersionSchema,
  saveDraftSchema,
  validationSchema,
  versionParamSchema,
} from './schemas.ts';
import { checkDraft } from '../../domain/routes/check-draft.ts';
import { createRoute } from '../../domain/routes/create-route.ts';
import { diffRouteVersions } from '../../domain/routes/diff-route-versions.ts';
import { findRoute } from '../../domain/routes/find-route.ts';
import { getVersion } from '../../domain/routes/get-version.ts';
import { publishRoute } from '../../domain/routes/publish-route.ts';
import { routeHooks } from '../../domain/processes/route-hooks.ts';
import { saveDraft } from '../../domain/routes/save-draft.ts';
import { routeDetail, routeList, versionView } from './route-view.ts';

const designer = requireRole('designer', 'admin');

export const routesApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    defineApiRoute({ method: 'get', path: '/', tags: ['Routes'], summary: 'List routes', responses: { 200: { description: 'Routes, with who published the latest version and when', ...json(z.object({ items: z.array(routeListItemSchema) })) }, ...problems(401) } }),
    async (c) => {
      return c.json({ items: await routeList(c.var.em) }, 200);
    },
  )
  .openapi(
    defineApiRoute({
      method: 'get', path: '/operations', tags: ['Routes'], summary: 'What a route can reach: operations for call actions, list sources for foreach nodes', middleware: [designer] as const,
      responses: { 200: { description: 'The operations and list sources, with their arguments', ...json(routeHooksSchema) }, ...problems(401, 403) },
    }),
    (c) => c.json(routeHooks(), 200),
  )
  .openapi(
    defineApiRoute({
      method: 'post', path: '/', tags: ['Routes'], summary: 'Create a route with its first draft', middleware: [designer] as const,
      request: jsonBody(createRouteSchema),
      responses: { 201: { description: 'Created', ...json(routeDetailSchema) }, ...problems(400, 401, 403, 409) },
    }),
    async (c) => {
      const route = await createRoute(c.var.em, c.var.actor, c.req.valid('json'));
      return c.json(await routeDetail(c.var.em, route), 201);
    },
  )
  .openapi(
    defineApiRoute({
      method: 'get', path: '/{id}', tags: ['Routes'], summary: 'Get a route: its draft and versions',
      request: { params: routeParamSchema },
      responses: { 200: { description: 'The route', ...json(routeDetailSchema) }, ...problems(400, 401, 404) },
    }),
    async (c) => c.json(await routeDetail(c.var.em, await findRoute(c.var.em, c.req.valid('param').id)), 200),
  )
  .openapi(
    defineApiRoute({
      method: 'put', path: '/{id}/draft', tags: ['Routes'], summary: 'Save the draft (any JSON object; checked on validate/publish)', middleware: [designer] as const,
      request: { params: routeParamSchema, ...jsonBody(saveDraftSchema) },
      responses: { 200: { description: 'Saved', ...json(routeDetailSchema) }, ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { draft, revision } = c.req.valid('json');
      const route = await saveDraft(c.var.em, c.var.actor, { routeId: c.req.valid('param').id, draft, revision });
      return c.json(await routeDetail(c.var.em, route), 200);
    },
  )
  .openapi(
    defineApiRoute({
      method: 'post', path: '/{id}/validate', tags: ['Routes'], summary: 'Check the saved draft and list every problem', middleware: [designer] as const,
      request: { params: routeParamSchema },
      responses: { 200: { description: 'Validation result', ...json(validationSchema) }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const route = await findRoute(c.var.em, c.req.valid('param').id);
      return c.json(await checkDraft(c.var.em, route.draft, route.key), 200);
    },
  )
  .openapi(
    defineApiRoute({
      method: 'post', path: '/{id}/publish', tags: ['Routes'], summary: 'Publish the saved draft as a new immutable version', middleware: [designer] as const,
      request: { params: routeParamSchema, ...jsonBody(publishSchema) },
      responses: { 201: { description: 'Published', ...json(routeVersionSchema) }, ...problems(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const { route, version } = await publishRoute(c.var.em, c.var.actor, { routeId: c.req.valid('param').id, revision: c.req.valid('json').revision });
      return c.json(versionView(version, route), 201);
    },
  )
  .openapi(
    defineApiRoute({
      method: 'get', path: '/{id}/versions/{version}', tags: ['Routes'], summary: 'Get a published version',
      request: { params: versionParamSchema },
      responses: { 200: { description: 'The version', ...json(routeVersionSchema) }, ...problems(400, 401, 404) },
    }),
    async (c) => {
      const { id, version } = c.req.valid('param');
      const { route, row } = await getVersion(c.var.em, id, version);
      return c.json(versionView(row, route), 200);
    },
  )
  .openapi(
    defineApiRoute({
      method: 'get', path: '/{id}/diff', tags: ['Routes'], summary: 'What changed between two published versions',
      request: { params: routeParamSchema, query: diffQuerySchema },
      responses: { 200: { description: 'The differences', ...json(routeDiffSchema) }, ...problems(400, 401, 404) },
    }),
    async (c) => {
      const { from, to } = c.req.valid('query');
      return c.json(await diffRouteVersions(c.var.em, c.req.valid('param').id, from, to), 200);
    },
  );
