// A person moves a complaint on (in work, waiting for the client, closed, or reopened), on the
// version they saw. Waiting stops the SLA clock; back in work restarts it.
import type { EntityManager } from '@mikro-orm/postgresql';
import { companyCalendar } from '../calendar/calendar-settings.ts';
import { StaleVersion, flushVersioned } from '../clients/stale-version.ts';
import { Complaint } from '../entities/index.ts';
import { DomainError } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import { checkComplaintWrite } from './complaint-access.ts';
import type { ComplaintStatus } from './entities.ts';
import { moveStatus } from './status-rules.ts';

export interface ChangeStatusOptions {
  version: number;
  status: Exclude<ComplaintStatus, 'registered' | 'decided'>;
  comment: string | null;
}

export async function changeComplaintStatus(em: EntityManager, actor: Actor, id: string, opts: ChangeStatusOptions): Promise<void> {
  await checkComplaintWrite(em, actor, id);
  const complaint = await em.findOneOrFail(Complaint, id);
  if (complaint.version !== opts.version) throw new StaleVersion('Complaint', id, opts.version, complaint.version);
  const now = new Date();
  if (complaint.status === opts.status) throw new DomainError('conflict', `Complaint ${complaint.number} is ${opts.status} already`, [{ path: 'status', message: 'is the current status' }]);
  await moveStatus(em, await companyCalendar(em, now), complaint, opts.status, { employeeId: actor.employeeId, caseId: null }, opts.comment, now);
  em.assign(complaint, { updatedBy: actor.employeeId, updatedAt: now });
  await flushVersioned(() => em.flush(), 'Complaint', id, opts.version);
}
