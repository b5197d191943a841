// The service department enters equipment it serves without an installation order of ours (bought
// elsewhere, or from before the CRM). A serial number is unique per model: a second one is 409
// naming `serialNumber`.
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Equipment } from '../entities/index.ts';
import { DomainError } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import { requireService, serviceRights } from './service-access.ts';

export interface EquipmentFields {
  model: string;
  serialNumber: string;
  siteAddress: string;
  contractNumber: string | null;
  contractFrom: string | null;
  contractTo: string | null;
  installedOn: string | null;
  notes: string | null;
}

export const serialTaken = (model: string, serial: string): DomainError =>
  new DomainError('conflict', `Serial number ${serial} of ${model} is already in the service register`, [{ path: 'serialNumber', message: 'already in the register for this model' }]);

/** Runs a flush; the (model, serial) unique index refusing it becomes a 409 naming the field. */
export async function flushUniqueSerial(em: EntityManager, model: string, serial: string, flush: () => Promise<void> = () => em.flush()): Promise<void> {
  try {
    await flush();
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException) throw serialTaken(model, serial);
    throw err;
  }
}

export function checkContractDates(f: { contractFrom?: string | null | undefined; contractTo?: string | null | undefined }): void {
  if (f.contractFrom && f.contractTo && f.contractTo < f.contractFrom) throw new DomainError('invalid_input', 'The contract ends before it starts', [{ path: 'contractTo', message: 'is before contractFrom' }]);
}

export async function createEquipment(em: EntityManager, actor: Actor, clientId: string, f: EquipmentFields, id?: string): Promise<string> {
  if (id && (await em.count(Equipment, { id }))) return id;
  requireService(await serviceRights(em, actor, clientId));
  checkContractDates(f);
  if (await em.count(Equipment, { model: f.model, serialNumber: f.serialNumber })) throw serialTaken(f.model, f.serialNumber);
  const now = new Date();
  const row = em.create(Equipment, { id: id ?? crypto.randomUUID(), ...f, client: clientId, installation: null, removedOn: null, createdBy: actor.employeeId, createdAt: now, updatedBy: actor.employeeId, updatedAt: now });
  await flushUniqueSerial(em, f.model, f.serialNumber);
  return row.id;
}
