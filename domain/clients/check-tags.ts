// The tags a client is to sit under must exist; each unknown one is named by its place in the list.
import type { EntityManager } from '@mikro-orm/postgresql';
import { ClientTag } from '../entities/index.ts';
import { DomainError } from '../errors.ts';

export async function checkTags(em: EntityManager, tagIds: readonly string[]) {
  const unique = [...new Set(tagIds)];
  if (!unique.length) return [];
  const found = await em.find(ClientTag, { id: { $in: unique } });
  const known = new Set(found.map((t) => t.id));
  const problems = tagIds.flatMap((id, i) => (known.has(id) ? [] : [{ path: `tagIds[${i}]`, message: 'no such tag' }]));
  if (problems.length) throw new DomainError('unprocessable', 'Some of the tags do not exist', problems);
  return found;
}
