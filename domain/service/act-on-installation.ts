// A person's action on an installation order through the API: accept, return, schedule and
// complete are the service department's (and management's, admins'); cancelling is theirs, and
// the client owner's while the order is still new or returned. Someone who may not see the
// order's client gets 404.
import type { EntityManager } from '@mikro-orm/postgresql';
import { InstallationOrder } from '../entities/index.ts';
import { DomainError, notFound } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import { moveInstallation, type MoveData } from './move-installation.ts';
import { serviceRights } from './service-access.ts';

export async function actOnInstallation(em: EntityManager, actor: Actor, id: string, data: MoveData, version?: number): Promise<void> {
  const order = await em.findOne(InstallationOrder, id);
  if (!order) throw notFound('Installation order', id);
  const rights = await serviceRights(em, actor, order.client.id, 'Installation order');
  const ownerCancels = data.move === 'cancel' && rights.client && (order.status === 'new' || order.status === 'returned');
  if (!rights.service && !ownerCancels) throw new DomainError('forbidden', 'Only the service department, management and admins move installation orders on');
  await moveInstallation(em.fork(), id, data, { employeeId: actor.employeeId }, version);
}
