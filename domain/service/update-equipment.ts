// Changing a register row on the version read (service department, management, admins): its
// contract (renewed), site, serial (a typo), or `removedOn` when the unit leaves service.
import type { EntityManager } from '@mikro-orm/postgresql';
import { StaleVersion } from '../clients/stale-version.ts';
import { Equipment } from '../entities/index.ts';
import { notFound } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import { checkContractDates, flushUniqueSerial, serialTaken, type EquipmentFields } from './create-equipment.ts';
import { requireService, serviceRights } from './service-access.ts';
import { flushVersioned } from '../clients/stale-version.ts';

export type EquipmentPatch = Partial<EquipmentFields> & { version: number; removedOn?: string | null | undefined };

export async function updateEquipment(em: EntityManager, actor: Actor, id: string, patch: EquipmentPatch): Promise<void> {
  const row = await em.findOne(Equipment, id);
  if (!row) throw notFound('Equipment', id);
  requireService(await serviceRights(em, actor, row.client.id, 'Equipment'));
  if (row.version !== patch.version) throw new StaleVersion('Equipment', id, patch.version, row.version);
  const { version: _v, ...fields } = patch;
  const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  const next = { contractFrom: row.contractFrom, contractTo: row.contractTo, ...defined };
  checkContractDates(next);
  const model = patch.model ?? row.model;
  const serial = patch.serialNumber ?? row.serialNumber;
  if ((model !== row.model || serial !== row.serialNumber) && (await em.count(Equipment, { model, serialNumber: serial, id: { $ne: id } }))) throw serialTaken(model, serial);
  em.assign(row, { ...defined, updatedBy: actor.employeeId, updatedAt: new Date() });
  await flushUniqueSerial(em, model, serial, () => flushVersioned(() => em.flush(), 'Equipment', id, patch.version));
}
