// Shapes of the routes API: drafts, validation results and published versions.
import { z } from '@hono/zod-openapi';
import { idSchema } from '../../domain/routes/route-schema.ts';

const problem = z.object({ path: z.string(), message: z.string(), nodeId: z.string().optional() });

export const routeParamSchema = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
export const versionParamSchema = routeParamSchema.extend({
  version: z.coerce.number().int().min(1).openapi({ param: { name: 'version', in: 'path' } }),
});

/** A draft is any JSON object: it is saved as typed, and checked only on validate and publish. */
const draftSchema = z.record(z.string(), z.unknown()).openapi({ description: 'The route document in the route language (domain/routes/ROUTE-LANGUAGE.md): route/v1, or route/v0' });

export const createRouteSchema = z.object({ key: idSchema, draft: draftSchema }).openapi('CreateRoute');
export const saveDraftSchema = z
  .object({
    draft: draftSchema,
    revision: z.number().int().min(1).openapi({ description: 'The draftRevision you edited; a newer saved draft makes this a 409' }),
  })
  .openapi('SaveDraft');
export const publishSchema = z.object({ revision: z.number().int().min(1) }).openapi('PublishRoute');

export const versionSummarySchema = z.object({ id: z.uuid(), version: z.number().int(), publishedAt: z.iso.datetime(), publishedBy: z.uuid() });

export const routeSummarySchema = z
  .object({
    id: z.uuid(),
    key: z.string(),
    name: z.string(),
    latestVersion: z.number().int().openapi({ description: '0 when never published' }),
    draftRevision: z.number().int(),
    draftUpdatedAt: z.iso.datetime(),
  })
  .openapi('RouteSummary');

export const routeListItemSchema = routeSummarySchema
  .extend({
    latestPublishedAt: z.iso.datetime().nullable().openapi({ description: 'When the latest version was published; null when never' }),
    latestPublishedBy: z.uuid().nullable(),
    draftUpdatedBy: z.uuid(),
  })
  .openapi('RouteListItem');

export const routeDetailSchema = routeSummarySchema
  .extend({ draft: z.unknown(), draftUpdatedBy: z.uuid(), versions: z.array(versionSummarySchema) })
  .openapi('RouteDetail');

export const routeVersionSchema = versionSummarySchema
  .extend({ routeId: z.uuid(), key: z.string(), definition: z.unknown() })
  .openapi('RouteVersion');

export const validationSchema = z.object({ valid: z.boolean(), problems: z.array(problem) }).openapi('RouteValidation');

export const diffQuerySchema = z.object({
  from: z.coerce.number().int().min(1).optional().openapi({ description: 'Defaults to the version before `to`' }),
  to: z.coerce.number().int().min(1).optional().openapi({ description: 'Defaults to the latest version' }),
});

export const routeDiffSchema = z
  .object({
    from: z.number().int(),
    to: z.number().int(),
    changes: z.array(
      z.object({ kind: z.enum(['added', 'removed', 'changed']), path: z.string(), nodeId: z.string().optional(), before: z.unknown().optional(), after: z.unknown().optional() }),
    ),
  })
  .openapi('RouteDiff');

const hookArgSchema = z.object({ name: z.string(), required: z.boolean(), type: z.string().nullable(), description: z.string().nullable() });
export const routeHooksSchema = z
  .object({
    operations: z.array(z.object({ name: z.string(), description: z.string(), args: z.array(hookArgSchema) })).openapi({ description: 'What a `call` action may name' }),
    sources: z.array(z.object({ name: z.string(), description: z.string(), recordType: z.string().nullable(), args: z.array(hookArgSchema) })).openapi({ description: 'Where a `foreach` node may take its items from' }),
  })
  .openapi('RouteHooks');
