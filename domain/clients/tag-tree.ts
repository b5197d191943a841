// The classification tree: who edits it, and the subtree under a tag (filtering by a tag takes
// the clients of every tag below it too: "Крупный" includes "Федеральная сеть").
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type RawBuilder } from 'kysely';
import { ClientTag } from '../entities/index.ts';
import { DomainError } from '../errors.ts';

/** Tags are the company's classification: admins, process designers and management edit it. */
export const TAG_EDITORS = ['admin', 'designer', 'management'] as const;

/** The tag and all tags below it, as an SQL array of ids. */
export const subtreeOf = (tagId: string): RawBuilder<unknown> =>
  sql`array(with recursive sub(id) as (select ${tagId}::uuid union select t.id from client_tag t join sub s on t.parent_id = s.id) select id from sub)`;

/** Refuses a name its siblings already have (case aside): a branch must not list one word twice. */
export async function checkSiblingName(em: EntityManager, name: string, parentId: string | null, exceptId?: string): Promise<void> {
  const { rows } = await sql<{ id: string }>`select id from client_tag where lower(name) = lower(${name})
      and parent_id is not distinct from ${parentId}::uuid and (${exceptId ?? null}::uuid is null or id <> ${exceptId ?? null}::uuid) limit 1`.execute(em.getKysely());
  if (rows.length) throw new DomainError('conflict', `This branch has a tag named "${name}" already`, [{ path: 'name', message: 'is taken in this branch' }]);
}

export async function checkParentExists(em: EntityManager, parentId: string | null): Promise<void> {
  if (parentId !== null && !(await em.count(ClientTag, { id: parentId }))) {
    throw new DomainError('unprocessable', `Tag ${parentId} does not exist`, [{ path: 'parentId', message: 'no such tag' }]);
  }
}
