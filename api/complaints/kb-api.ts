// The knowledge base of typical answers: every employee lists, reads and searches it (full text,
// Russian word forms, ranked, the match highlighted); quality, management and admins write it.
// A change names the version it was made on (409 with the current article when stale); every
// version stays readable with ?version=, as complaints cite them.
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { StaleVersion } from '../../domain/clients/stale-version.ts';
import { createArticle, updateArticle } from '../../domain/complaints/save-article.ts';
import { searchArticles } from '../../domain/complaints/search-articles.ts';
import { DomainError } from '../../domain/errors.ts';
import { deriveId } from '../../domain/idempotency/derive-ids.ts';
import type { AppEnv } from '../context.ts';
import { idParamSchema } from '../directory/schemas.ts';
import { json, jsonBody } from '../openapi.ts';
import { problemSchema, problems, validationHook } from '../problem.ts';
import { isoTimestamp } from '../timestamps.ts';
import { articleDetail, listArticles } from './kb-view.ts';
import { articleListItemSchema, articlePatchSchema, articleQuery, articleSchema, listArticlesQuery, newArticleSchema, searchHitSchema, searchQuery } from './schemas.ts';

export const kbApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get', path: '/search', tags: ['Knowledge base'], summary: 'Full-text search (Russian word forms), best match first, with the match highlighted',
      request: { query: searchQuery },
      responses: { 200: { description: 'Ranked hits', ...json(z.object({ items: z.array(searchHitSchema), total: z.number().int() })) }, ...problems(400, 401, 403) },
    }),
    async (c) => {
      const { q, limit } = c.req.valid('query');
      const found = await searchArticles(c.var.em, q, limit);
      return c.json({ total: found.total, items: found.items.map((h) => ({ ...h, updatedAt: isoTimestamp(h.updatedAt) })) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/articles', tags: ['Knowledge base'], summary: 'Articles, filtered by title text, category or tag; sorted; a page with the total',
      request: { query: listArticlesQuery },
      responses: { 200: { description: 'A page of articles', ...json(z.object({ items: z.array(articleListItemSchema), total: z.number().int() })) }, ...problems(400, 401, 403) },
    }),
    async (c) => {
      const { sort, limit, offset, ...filter } = c.req.valid('query');
      return c.json(await listArticles(c.var.em, filter, { sort, limit, offset }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/articles', tags: ['Knowledge base'], summary: 'Write an article (quality, management, admins)',
      request: { ...jsonBody(newArticleSchema) },
      responses: { 201: { description: 'Created', ...json(articleSchema) }, ...problems(400, 401, 403) },
    }),
    async (c) => {
      const { em, actor, idempotencyKey } = c.var;
      const id = await createArticle(em, actor, c.req.valid('json'), idempotencyKey === undefined ? undefined : deriveId(actor.employeeId, idempotencyKey, 'kb.create'));
      return c.json(await articleDetail(em.fork(), actor, id), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/articles/{id}', tags: ['Knowledge base'], summary: 'An article, or a past version of it',
      request: { params: idParamSchema, query: articleQuery },
      responses: { 200: { description: 'The article', ...json(articleSchema) }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => c.json(await articleDetail(c.var.em, c.var.actor, c.req.valid('param').id, c.req.valid('query').version), 200),
  )
  .openapi(
    createRoute({
      method: 'patch', path: '/articles/{id}', tags: ['Knowledge base'], summary: 'Change an article on the version you read; the old version stays readable (quality, management, admins)',
      request: { params: idParamSchema, ...jsonBody(articlePatchSchema) },
      responses: {
        200: { description: 'Changed', ...json(articleSchema) }, ...problems(400, 401, 403, 404),
        409: { description: 'Stale version; `current` is the article as it is now', content: { 'application/problem+json': { schema: problemSchema.extend({ current: z.unknown().optional() }) } } },
      },
    }),
    async (c) => {
      const { em, actor } = c.var;
      const { id } = c.req.valid('param');
      const { version, ...change } = c.req.valid('json');
      try {
        await updateArticle(em, actor, id, version, change);
      } catch (err) {
        if (err instanceof StaleVersion) throw new DomainError('conflict', err.message, err.problems, { extensions: { current: await articleDetail(em.fork(), actor, id) } });
        throw err;
      }
      return c.json(await articleDetail(em.fork(), actor, id), 200);
    },
  );
