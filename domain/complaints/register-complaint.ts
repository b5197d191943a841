// An employee (quality, management, admin) registers a complaint that came by phone, e-mail,
// letter, a visit or the hot line: it gets the next number, 3 working days on the company calendar
// and a first status row. The client is optional (a portal complaint is matched later) but, when
// given, must be one the person may see.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { clientRights } from '../clients/client-access.ts';
import { companyCalendar } from '../calendar/calendar-settings.ts';
import { Complaint, ComplaintStatusChange } from '../entities/index.ts';
import { DomainError } from '../errors.ts';
import { hasAnyRole, type Actor } from '../identity/roles.ts';
import { COMPLAINT_EDITORS } from './complaint-access.ts';
import { departmentsByCode } from './departments.ts';
import type { ComplaintSource } from './entities.ts';
import { dueAfterPauses, slaBudget } from './sla.ts';

export interface RegisterComplaintOptions {
  /** The new complaint's id (derived from an Idempotency-Key); a fresh one when absent. */
  id?: string | undefined;
  source: ComplaintSource;
  subject: string;
  text: string;
  clientId: string | null;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  equipmentSerial: string | null;
  departments: string[];
  /** When it came in; default now (tests and the demo give fixed instants). */
  registeredAt?: Date | undefined;
}

export async function registerComplaint(em: EntityManager, actor: Actor, opts: RegisterComplaintOptions): Promise<string> {
  if (opts.id && (await em.count(Complaint, { id: opts.id }))) return opts.id; // a retried request that already created it
  if (!hasAnyRole(actor, COMPLAINT_EDITORS)) throw new DomainError('forbidden', 'Only the quality officer, management and admins register complaints');
  if (opts.clientId !== null) await clientRights(em, actor, opts.clientId);
  if (opts.clientId === null && !opts.contactName && !opts.contactPhone && !opts.contactEmail) {
    throw new DomainError('invalid_input', 'A complaint needs its client or a contact to call back', [{ path: 'clientId', message: 'give the client or a contact name, phone or e-mail' }]);
  }
  const departments = await departmentsByCode(em, opts.departments, 'departments');
  const registeredAt = opts.registeredAt ?? new Date();
  const cal = await companyCalendar(em, registeredAt);
  const budget = slaBudget(cal, registeredAt);
  const { rows } = await sql<{ n: string }>`select nextval('complaint_number_seq') as n`.execute(em.getKysely());
  const now = new Date();
  const complaint = em.create(Complaint, {
    id: opts.id ?? crypto.randomUUID(),
    number: `Ж-${String(rows[0]!.n).padStart(6, '0')}`,
    source: opts.source, subject: opts.subject, text: opts.text, client: opts.clientId,
    contactName: opts.contactName, contactPhone: opts.contactPhone, contactEmail: opts.contactEmail, equipmentSerial: opts.equipmentSerial,
    status: 'registered', registeredAt, slaBudgetMs: budget, pausedWorkMs: 0, dueAt: dueAfterPauses(cal, registeredAt, budget, 0), pausedSince: null,
    decisionText: null, decisionKind: null, decisionCitations: null, decidedBy: null, decidedAt: null, closedAt: null,
    createdBy: actor.employeeId, createdAt: now, updatedBy: actor.employeeId, updatedAt: now,
  });
  complaint.departments.set(departments);
  em.create(ComplaintStatusChange, { id: crypto.randomUUID(), complaint, fromStatus: null, toStatus: 'registered', comment: null, by: actor.employeeId, at: registeredAt });
  await em.flush();
  return complaint.id;
}
