// Renaming a tag or moving it (with its subtree) under another parent; never under itself.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { ClientTag } from '../entities/index.ts';
import { DomainError, notFound } from '../errors.ts';
import { checkParentExists, checkSiblingName, subtreeOf } from './tag-tree.ts';

export async function updateTag(em: EntityManager, tagId: string, opts: { name?: string | undefined; parentId?: string | null | undefined }): Promise<void> {
  const tag = await em.findOne(ClientTag, tagId);
  if (!tag) throw notFound('Tag', tagId);
  const parentId = opts.parentId !== undefined ? opts.parentId : (tag.parent?.id ?? null);
  if (opts.parentId !== undefined && opts.parentId !== null) {
    await checkParentExists(em, opts.parentId);
    const { rows } = await sql<{ inside: boolean }>`select (${opts.parentId}::uuid = any(${subtreeOf(tagId)})) as inside`.execute(em.getKysely());
    if (rows[0]?.inside) throw new DomainError('unprocessable', 'A tag cannot move under itself or under one of its own sub-tags', [{ path: 'parentId', message: 'is this tag or below it' }]);
  }
  await checkSiblingName(em, opts.name ?? tag.name, parentId, tagId);
  em.assign(tag, { ...(opts.name !== undefined ? { name: opts.name } : {}), parent: parentId });
  await em.flush();
}
