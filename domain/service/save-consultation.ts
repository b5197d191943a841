// Phone consultations: the service department records a client's question about their equipment
// (optionally which unit), the answer, who answered, when and how long it took.
import type { EntityManager } from '@mikro-orm/postgresql';
import { StaleVersion, flushVersioned } from '../clients/stale-version.ts';
import { Equipment, PhoneConsultation } from '../entities/index.ts';
import { DomainError, notFound } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import { requireService, serviceRights } from './service-access.ts';

export interface ConsultationFields {
  equipmentId: string | null;
  question: string;
  answer: string | null;
  at: string;
  durationMinutes: number;
}

async function checkUnit(em: EntityManager, clientId: string, equipmentId: string | null): Promise<void> {
  if (equipmentId === null) return;
  const eq = await em.findOne(Equipment, equipmentId);
  if (!eq || eq.client.id !== clientId) throw new DomainError('unprocessable', `Equipment ${equipmentId} is not this client's`, [{ path: 'equipmentId', message: 'not equipment of the client' }]);
}

export async function createConsultation(em: EntityManager, actor: Actor, clientId: string, f: ConsultationFields, id?: string): Promise<string> {
  if (id && (await em.count(PhoneConsultation, { id }))) return id;
  requireService(await serviceRights(em, actor, clientId));
  await checkUnit(em, clientId, f.equipmentId);
  const now = new Date();
  const { equipmentId, at, ...rest } = f;
  const row = em.create(PhoneConsultation, { id: id ?? crypto.randomUUID(), client: clientId, equipment: equipmentId, ...rest, at: new Date(at), by: actor.employeeId, createdAt: now, updatedBy: actor.employeeId, updatedAt: now });
  await em.flush();
  return row.id;
}

export async function updateConsultation(em: EntityManager, actor: Actor, id: string, patch: Partial<ConsultationFields> & { version: number }): Promise<void> {
  const row = await em.findOne(PhoneConsultation, id);
  if (!row) throw notFound('Phone consultation', id);
  requireService(await serviceRights(em, actor, row.client.id, 'Phone consultation'));
  if (row.version !== patch.version) throw new StaleVersion('Phone consultation', id, patch.version, row.version);
  if (patch.equipmentId !== undefined) await checkUnit(em, row.client.id, patch.equipmentId);
  const { version: _v, equipmentId, at, ...fields } = patch;
  const defined = Object.fromEntries(Object.entries(fields).filter(([, x]) => x !== undefined));
  em.assign(row, { ...defined, ...(equipmentId !== undefined ? { equipment: equipmentId } : {}), ...(at !== undefined ? { at: new Date(at) } : {}), updatedBy: actor.employeeId, updatedAt: new Date() });
  await flushVersioned(() => em.flush(), 'Phone consultation', id, patch.version);
}
