// Sales hands an installation order over after signing: the deal's owner (anyone who may change
// the client) or the service department opens it for a client, optionally naming the deal, with
// the contract's number and installation date, the site and the equipment to install. It starts
// as `new`, with its first history row.
import type { EntityManager } from '@mikro-orm/postgresql';
import { Deal, InstallationOrder, InstallationStatusChange } from '../entities/index.ts';
import { DomainError } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import type { InstallationLine } from './entities.ts';
import { serviceRights } from './service-access.ts';

export interface CreateInstallationOptions {
  id?: string | undefined;
  clientId: string;
  dealId?: string | null | undefined;
  contractNumber: string;
  installBy: string;
  siteAddress: string;
  lines: InstallationLine[];
  notes?: string | null | undefined;
}

export async function createInstallation(em: EntityManager, actor: Actor, opts: CreateInstallationOptions): Promise<string> {
  if (opts.id && (await em.count(InstallationOrder, { id: opts.id }))) return opts.id;
  const rights = await serviceRights(em, actor, opts.clientId);
  if (!rights.service && !rights.client) throw new DomainError('forbidden', 'Installation orders are opened by the client\'s owner (and their managers), the service department, management and admins');
  if (opts.dealId) {
    const deal = await em.findOne(Deal, opts.dealId);
    if (!deal || deal.client.id !== opts.clientId) throw new DomainError('unprocessable', `Deal ${opts.dealId} is not a deal of this client`, [{ path: 'dealId', message: 'not a deal of the client' }]);
  }
  const now = new Date();
  const order = em.create(InstallationOrder, {
    id: opts.id ?? crypto.randomUUID(), client: opts.clientId, deal: opts.dealId ?? null, contractNumber: opts.contractNumber, installBy: opts.installBy,
    siteAddress: opts.siteAddress, lines: opts.lines, status: 'new', missing: null, returnDeadline: null, scheduledDate: null, engineer: null,
    actNumber: null, actDate: null, doneBy: null, cancelReason: null, notes: opts.notes ?? null,
    createdBy: actor.employeeId, createdAt: now, updatedBy: actor.employeeId, updatedAt: now,
  });
  em.create(InstallationStatusChange, { id: crypto.randomUUID(), order, move: 'create', fromStatus: null, toStatus: 'new', by: actor.employeeId, caseId: null, comment: null, at: now });
  await em.flush();
  return order.id;
}
