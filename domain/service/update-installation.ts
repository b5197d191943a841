// Changing an installation order's data on the version read. The service department changes an
// open order; the client's owner (and their managers) change it only while it is new or returned -
// and changing a returned order sends it back as new (the `resubmit` move), since supplying what
// was missing is the point of the return. Done and cancelled orders are not changed (409).
import type { EntityManager } from '@mikro-orm/postgresql';
import { StaleVersion, flushVersioned } from '../clients/stale-version.ts';
import { InstallationOrder } from '../entities/index.ts';
import { DomainError, notFound } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import type { InstallationLine } from './entities.ts';
import { moveInstallation } from './move-installation.ts';
import { serviceRights } from './service-access.ts';

export interface UpdateInstallationOptions {
  version: number;
  contractNumber?: string | undefined;
  installBy?: string | undefined;
  siteAddress?: string | undefined;
  lines?: InstallationLine[] | undefined;
  notes?: string | null | undefined;
}

export async function updateInstallation(em: EntityManager, actor: Actor, id: string, opts: UpdateInstallationOptions): Promise<void> {
  const order = await em.findOne(InstallationOrder, id);
  if (!order) throw notFound('Installation order', id);
  const rights = await serviceRights(em, actor, order.client.id, 'Installation order');
  const early = order.status === 'new' || order.status === 'returned';
  if (!rights.service && !(rights.client && early)) {
    throw new DomainError('forbidden', rights.client ? 'Once the service department has accepted the order, only it changes the order' : 'Only the client\'s owner, the service department, management and admins change installation orders');
  }
  if (order.version !== opts.version) throw new StaleVersion('Installation order', id, opts.version, order.version);
  if (order.status === 'done' || order.status === 'cancelled') throw new DomainError('conflict', `Installation order ${id} is ${order.status}; it is not changed any more`, [{ path: 'status', message: `is ${order.status}` }]);
  const { version: _version, ...fields } = opts;
  const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  em.assign(order, { ...defined, updatedBy: actor.employeeId, updatedAt: new Date() });
  await flushVersioned(() => em.flush(), 'Installation order', id, opts.version);
  if (order.status === 'returned') await moveInstallation(em, id, { move: 'resubmit', comment: null }, { employeeId: actor.employeeId });
}
