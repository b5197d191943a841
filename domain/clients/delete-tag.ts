// Deleting a tag takes it off every client. A tag with sub-tags is refused: move or delete them
// first, so no branch of the classification disappears by accident.
import type { EntityManager } from '@mikro-orm/postgresql';
import { ClientTag } from '../entities/index.ts';
import { DomainError, notFound } from '../errors.ts';

export async function deleteTag(em: EntityManager, tagId: string): Promise<void> {
  const tag = await em.findOne(ClientTag, tagId);
  if (!tag) throw notFound('Tag', tagId);
  const children = await em.count(ClientTag, { parent: tagId });
  if (children) throw new DomainError('conflict', `Tag "${tag.name}" has ${children} sub-tag(s); move or delete them first`);
  await em.nativeDelete(ClientTag, { id: tagId });
}
