// An admin revokes an integration key: from then on its secret is refused. Revoking twice
// changes nothing.
import type { EntityManager } from '@mikro-orm/postgresql';
import { IntegrationKey } from '../entities/index.ts';
import { notFound } from '../errors.ts';
import type { Actor } from './roles.ts';

export async function revokeIntegrationKey(em: EntityManager, admin: Actor, id: string): Promise<void> {
  const changed = await em.nativeUpdate(IntegrationKey, { id, revokedAt: null }, { revokedAt: new Date(), revokedBy: admin.employeeId });
  if (changed === 0 && !(await em.count(IntegrationKey, { id }))) throw notFound('Integration key', id);
}
