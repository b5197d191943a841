// A change to a complaint's fields on the version the person saw: subject, text, client (matching
// a portal complaint to a client), contact, equipment, involved departments. Status, decision and
// messages have their own use cases. A closed complaint is not changed (409).
import type { EntityManager } from '@mikro-orm/postgresql';
import { clientRights } from '../clients/client-access.ts';
import { StaleVersion, flushVersioned } from '../clients/stale-version.ts';
import { Complaint } from '../entities/index.ts';
import { DomainError } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import { checkComplaintWrite } from './complaint-access.ts';
import { departmentsByCode } from './departments.ts';
import type { ComplaintSource } from './entities.ts';

export interface UpdateComplaintOptions {
  version: number;
  source?: ComplaintSource | undefined;
  subject?: string | undefined;
  text?: string | undefined;
  clientId?: string | null | undefined;
  contactName?: string | null | undefined;
  contactPhone?: string | null | undefined;
  contactEmail?: string | null | undefined;
  equipmentSerial?: string | null | undefined;
  departments?: string[] | undefined;
}

export async function updateComplaint(em: EntityManager, actor: Actor, id: string, opts: UpdateComplaintOptions): Promise<void> {
  await checkComplaintWrite(em, actor, id);
  const complaint = await em.findOneOrFail(Complaint, id, { populate: ['departments'] });
  if (complaint.version !== opts.version) throw new StaleVersion('Complaint', id, opts.version, complaint.version);
  if (complaint.status === 'closed') throw new DomainError('conflict', `Complaint ${complaint.number} is closed; a closed complaint is not changed`);
  if (opts.clientId) await clientRights(em, actor, opts.clientId);
  const { version: _version, clientId, departments, ...fields } = opts;
  const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  em.assign(complaint, { ...defined, ...(clientId !== undefined ? { client: clientId } : {}), updatedBy: actor.employeeId, updatedAt: new Date() });
  if (departments !== undefined) complaint.departments.set(await departmentsByCode(em, departments, 'departments'));
  await flushVersioned(() => em.flush(), 'Complaint', id, opts.version);
}
