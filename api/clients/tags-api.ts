// Classification tags: everyone reads the tree (to tag and filter clients); admins, process
// designers and management edit it (domain/clients/tag-tree.ts, TAG_EDITORS).
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createTag } from '../../domain/clients/create-tag.ts';
import { deleteTag } from '../../domain/clients/delete-tag.ts';
import { TAG_EDITORS } from '../../domain/clients/tag-tree.ts';
import { updateTag } from '../../domain/clients/update-tag.ts';
import { notFound } from '../../domain/errors.ts';
import { deriveId } from '../../domain/idempotency/derive-ids.ts';
import { requireRole } from '../auth/authenticate.ts';
import type { AppEnv } from '../context.ts';
import { idParamSchema } from '../directory/schemas.ts';
import { json, jsonBody } from '../openapi.ts';
import { problems, validationHook } from '../problem.ts';
import { listTagsQuery, newTagSchema, tagPatchSchema, tagViewSchema } from './schemas.ts';

interface TagFilter {
  q?: string | undefined;
  parentId?: string | undefined;
  id?: string | undefined;
}

/** The tree with each tag's path from the root, in one recursive statement. */
async function readTags(em: EntityManager, f: TagFilter, page: { sort: 'path' | 'name' | '-name'; limit: number; offset: number }) {
  const order = page.sort === 'path' ? sql`path_key, id` : page.sort === 'name' ? sql`lower(name), id` : sql`lower(name) desc, id desc`;
  const { rows } = await sql<{ id: string; name: string; parent_id: string | null; path: string[]; depth: number; clients: string; total: string }>`
    with recursive tree(id, name, parent_id, path, path_key, depth) as (
      select id, name, parent_id, array[name::text], array[lower(name)::text, id::text], 0 from client_tag where parent_id is null
      union all select t.id, t.name, t.parent_id, tree.path || t.name::text, tree.path_key || array[lower(t.name)::text, t.id::text], tree.depth + 1 from client_tag t join tree on t.parent_id = tree.id
    )
    select id, name, parent_id, path, depth, (select count(*) from client_tag_link l where l.client_tag_id = tree.id) as clients, count(*) over () as total
    from tree
    where (${f.q ?? null}::text is null or name ilike '%' || ${f.q ?? null} || '%')
      and (${f.parentId ?? null}::uuid is null or parent_id = ${f.parentId ?? null}::uuid)
      and (${f.id ?? null}::uuid is null or id = ${f.id ?? null}::uuid)
    order by ${order} limit ${page.limit} offset ${page.offset}`.execute(em.getKysely());
  return {
    items: rows.map((r) => ({ id: r.id, name: r.name, parentId: r.parent_id, path: r.path, depth: r.depth, clients: Number(r.clients) })),
    total: Number(rows[0]?.total ?? 0),
  };
}

async function readTag(em: EntityManager, id: string) {
  const tag = (await readTags(em, { id }, { sort: 'path', limit: 1, offset: 0 })).items[0];
  if (!tag) throw notFound('Tag', id);
  return tag;
}

const editors = requireRole(...TAG_EDITORS);

export const clientTagsApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get', path: '/', tags: ['Clients'], summary: 'The classification tags, as a tree in reading order (or filtered)',
      request: { query: listTagsQuery },
      responses: { 200: { description: 'Tags', ...json(z.object({ items: z.array(tagViewSchema), total: z.number().int() })) }, ...problems(400, 401, 403) },
    }),
    async (c) => {
      const { q, parentId, sort, limit, offset } = c.req.valid('query');
      return c.json(await readTags(c.var.em, { q, parentId }, { sort, limit, offset }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/', tags: ['Clients'], summary: 'Add a tag at the root or under another (admins, designers, management)', middleware: [editors] as const,
      request: { ...jsonBody(newTagSchema) },
      responses: { 201: { description: 'Added', ...json(tagViewSchema) }, ...problems(400, 401, 403, 409, 422) },
    }),
    async (c) => {
      const { em, actor, idempotencyKey } = c.var;
      const body = c.req.valid('json');
      const id = await createTag(em, { id: idempotencyKey === undefined ? undefined : deriveId(actor.employeeId, idempotencyKey, 'client-tag.create'), ...body });
      return c.json(await readTag(em.fork(), id), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'patch', path: '/{id}', tags: ['Clients'], summary: 'Rename a tag or move it with its sub-tags (admins, designers, management)', middleware: [editors] as const,
      request: { params: idParamSchema, ...jsonBody(tagPatchSchema) },
      responses: { 200: { description: 'Changed', ...json(tagViewSchema) }, ...problems(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await updateTag(c.var.em, id, c.req.valid('json'));
      return c.json(await readTag(c.var.em.fork(), id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete', path: '/{id}', tags: ['Clients'], summary: 'Delete a tag without sub-tags; it comes off every client (admins, designers, management)', middleware: [editors] as const,
      request: { params: idParamSchema },
      responses: { 204: { description: 'Deleted' }, ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      await deleteTag(c.var.em, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
