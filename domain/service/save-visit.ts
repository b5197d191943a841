// Service visits: the service department plans one to a unit of equipment (date, engineer, kind)
// and records its result and when it was done; changes go on the version read.
import type { EntityManager } from '@mikro-orm/postgresql';
import { StaleVersion, flushVersioned } from '../clients/stale-version.ts';
import { Equipment, ServiceVisit } from '../entities/index.ts';
import { DomainError, notFound } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import type { VisitKind } from './entities.ts';
import { checkEngineer } from './move-installation.ts';
import { requireService, serviceRights } from './service-access.ts';

export interface VisitFields {
  plannedDate: string;
  engineerId: string;
  kind: VisitKind;
  result: string | null;
  doneAt: string | null;
}

async function equipmentRights(em: EntityManager, actor: Actor, equipmentId: string, path: string | null) {
  const eq = await em.findOne(Equipment, equipmentId);
  if (!eq) throw path ? new DomainError('unprocessable', `Equipment ${equipmentId} does not exist`, [{ path, message: 'no such equipment' }]) : notFound('Equipment', equipmentId);
  requireService(await serviceRights(em, actor, eq.client.id, 'Equipment'));
  return eq;
}

export async function createVisit(em: EntityManager, actor: Actor, equipmentId: string, f: VisitFields, id?: string): Promise<string> {
  if (id && (await em.count(ServiceVisit, { id }))) return id;
  await equipmentRights(em, actor, equipmentId, 'equipmentId');
  await checkEngineer(em, f.engineerId, 'engineerId');
  const now = new Date();
  const { engineerId, ...rest } = f;
  const v = em.create(ServiceVisit, { id: id ?? crypto.randomUUID(), equipment: equipmentId, engineer: engineerId, ...rest, createdBy: actor.employeeId, createdAt: now, updatedBy: actor.employeeId, updatedAt: now });
  await em.flush();
  return v.id;
}

export async function updateVisit(em: EntityManager, actor: Actor, id: string, patch: Partial<VisitFields> & { version: number }): Promise<void> {
  const v = await em.findOne(ServiceVisit, id);
  if (!v) throw notFound('Service visit', id);
  const eq = await em.findOneOrFail(Equipment, v.equipment.id);
  requireService(await serviceRights(em, actor, eq.client.id, 'Service visit'));
  if (v.version !== patch.version) throw new StaleVersion('Service visit', id, patch.version, v.version);
  if (patch.engineerId !== undefined) await checkEngineer(em, patch.engineerId, 'engineerId');
  const { version: _v, engineerId, ...fields } = patch;
  const defined = Object.fromEntries(Object.entries(fields).filter(([, x]) => x !== undefined));
  em.assign(v, { ...defined, ...(engineerId !== undefined ? { engineer: engineerId } : {}), updatedBy: actor.employeeId, updatedAt: new Date() });
  await flushVersioned(() => em.flush(), 'Service visit', id, patch.version);
}
