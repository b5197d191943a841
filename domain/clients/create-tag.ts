// A new classification tag, at the root or under another tag.
import type { EntityManager } from '@mikro-orm/postgresql';
import { ClientTag } from '../entities/index.ts';
import { checkParentExists, checkSiblingName } from './tag-tree.ts';

export async function createTag(em: EntityManager, opts: { id?: string | undefined; name: string; parentId: string | null }): Promise<string> {
  if (opts.id && (await em.count(ClientTag, { id: opts.id }))) return opts.id; // a retried request that already created it
  await checkParentExists(em, opts.parentId);
  await checkSiblingName(em, opts.name, opts.parentId);
  const tag = em.create(ClientTag, { id: opts.id ?? crypto.randomUUID(), name: opts.name, parent: opts.parentId, createdAt: new Date() });
  await em.flush();
  return tag.id;
}
