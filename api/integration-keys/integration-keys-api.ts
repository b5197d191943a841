// Integration keys (admins): create one for another system, list them, revoke one. The secret is
// in the answer to the create call and nowhere else, ever.
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { IntegrationKey } from '../../domain/entities/index.ts';
import { notFound } from '../../domain/errors.ts';
import { createIntegrationKey } from '../../domain/identity/create-integration-key.ts';
import { integrationScopesSchema } from '../../domain/identity/integration-key-secrets.ts';
import { revokeIntegrationKey } from '../../domain/identity/revoke-integration-key.ts';
import { requireRole } from '../auth/authenticate.ts';
import type { AppEnv } from '../context.ts';
import { idParamSchema } from '../directory/schemas.ts';
import { json, jsonBody } from '../openapi.ts';
import { problems, validationHook } from '../problem.ts';
import { isoTimestamp, isoTimestampOrNull } from '../timestamps.ts';

const scopesSchema = integrationScopesSchema.openapi('IntegrationScopes', {
  description: 'events: "<route key>/<event>", "<route key>/*" or "*" (the route must also let integrations send the event); cases: route keys whose cases the key may read, or "*"',
});

const keyViewSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string().openapi({ description: 'The first characters of the secret, to tell keys apart' }),
    scopes: z.object({ events: z.array(z.string()), cases: z.array(z.string()) }),
    createdBy: z.uuid(),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
  })
  .openapi('IntegrationKey');

const createKeySchema = z
  .object({
    name: z.string().max(100).regex(/\S/, 'must not be blank').openapi({ example: 'Accounting (1C)' }),
    scopes: scopesSchema,
  })
  .strict()
  .openapi('CreateIntegrationKey');

type KeyRow = InstanceType<typeof IntegrationKey.class>;
const view = (k: KeyRow): z.infer<typeof keyViewSchema> => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  scopes: k.scopes,
  createdBy: k.createdBy.id,
  createdAt: isoTimestamp(k.createdAt),
  revokedAt: isoTimestampOrNull(k.revokedAt ?? null),
  lastUsedAt: isoTimestampOrNull(k.lastUsedAt ?? null),
});

const admin = requireRole('admin');

export const integrationKeysApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get', path: '/', tags: ['Integration keys'], summary: 'Integration keys, newest first (admins); never their secrets', middleware: [admin] as const,
      responses: { 200: { description: 'Keys', ...json(z.object({ items: z.array(keyViewSchema) })) }, ...problems(401, 403) },
    }),
    async (c) => c.json({ items: (await c.var.em.find(IntegrationKey, {}, { orderBy: { createdAt: 'desc', id: 'desc' } })).map(view) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/', tags: ['Integration keys'], summary: 'Create an integration key (admins); the answer holds its secret, shown this once', middleware: [admin] as const,
      request: { ...jsonBody(createKeySchema) },
      responses: { 201: { description: 'Created', ...json(keyViewSchema.extend({ secret: z.string().openapi({ description: 'Send as "Authorization: Bearer <secret>"; it cannot be shown again' }) })) }, ...problems(400, 401, 403, 409) },
    }),
    async (c) => {
      const { id, secret } = await createIntegrationKey(c.var.em, c.var.actor, c.req.valid('json'));
      const key = await c.var.em.fork().findOneOrFail(IntegrationKey, id);
      return c.json({ ...view(key), secret }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/{id}/revoke', tags: ['Integration keys'], summary: 'Revoke an integration key (admins): its secret is refused from now on', middleware: [admin] as const,
      request: { params: idParamSchema },
      responses: { 200: { description: 'Revoked', ...json(keyViewSchema) }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await revokeIntegrationKey(c.var.em, c.var.actor, id);
      const key = await c.var.em.fork().findOne(IntegrationKey, id);
      if (!key) throw notFound('Integration key', id);
      return c.json(view(key), 200);
    },
  );
