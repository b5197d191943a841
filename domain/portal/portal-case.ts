// What a follow link shows and what the client may do there: their complaint's number, subject,
// status in plain words, when it came in and when the answer is due, the public messages both ways
// (never internal notes, never an employee's e-mail) and the decision. A reply from the client is
// a public message that stops the SLA clock until the company answers publicly (add-message.ts).
import type { EntityManager } from '@mikro-orm/postgresql';
import { companyCalendar } from '../calendar/calendar-settings.ts';
import { stopClock } from '../complaints/clock.ts';
import type { ComplaintStatus, DecisionKind } from '../complaints/entities.ts';
import { Complaint, ComplaintMessage, PortalRequest } from '../entities/index.ts';
import { DomainError } from '../errors.ts';
import { portalNotFound } from './confirm-request.ts';
import { tokenHash } from './tokens.ts';

/** The status as a client reads it (the UI words it): waiting means waiting for them. */
export const PORTAL_STATUSES = ['received', 'in-work', 'waiting-for-you', 'decided', 'closed'] as const;
export type PortalStatus = (typeof PORTAL_STATUSES)[number];
const STATUS_FOR_CLIENT: Record<ComplaintStatus, PortalStatus> = { registered: 'received', 'in-work': 'in-work', waiting: 'waiting-for-you', decided: 'decided', closed: 'closed' };

export interface PortalCaseView {
  number: string;
  subject: string;
  status: PortalStatus;
  registeredAt: string;
  dueAt: string;
  /** The company's time zone, so the page shows dates as the company reads them. */
  timeZone: string;
  /** True while the clock waits for the company's answer to the client's message (or for the client). */
  paused: boolean;
  messages: { from: 'client' | 'company'; authorName: string; text: string; at: string }[];
  decision: { kind: DecisionKind; text: string; at: string } | null;
}

/** The complaint id behind a follow link; 404 (the same as an expired confirmation) when there is none. */
export async function complaintOfLink(em: EntityManager, accessToken: string): Promise<string> {
  const request = await em.findOne(PortalRequest, { accessHash: tokenHash(accessToken) });
  if (!request || request.revokedAt || !request.complaint) throw portalNotFound();
  return request.complaint.id;
}

export async function portalCaseView(em: EntityManager, complaintId: string): Promise<PortalCaseView> {
  const c = await em.findOneOrFail(Complaint, complaintId);
  const cal = await companyCalendar(em, new Date());
  const messages = await em.find(ComplaintMessage, { complaint: complaintId, kind: { $in: ['to-client', 'from-client'] } }, { orderBy: { at: 'asc', id: 'asc' } });
  return {
    number: c.number, subject: c.subject, status: STATUS_FOR_CLIENT[c.status as ComplaintStatus], registeredAt: c.registeredAt.toISOString(), dueAt: c.dueAt.toISOString(), timeZone: cal.timeZone, paused: c.pausedSince !== null,
    messages: messages.map((m) => ({ from: m.kind === 'from-client' ? 'client' : 'company', authorName: m.authorName, text: m.text, at: m.at.toISOString() })),
    decision: c.decisionKind && c.decisionText && c.status !== 'in-work' ? { kind: c.decisionKind, text: c.decisionText, at: (c.decidedAt ?? c.updatedAt).toISOString() } : null,
  };
}

/** The client's message: kept as a public message from them; the SLA clock stops until the company answers. */
export async function addClientMessage(em: EntityManager, complaintId: string, text: string, now = new Date()): Promise<void> {
  const c = await em.findOneOrFail(Complaint, complaintId);
  if (c.status === 'closed') throw new DomainError('conflict', 'This complaint is closed; write a new one', [{ path: 'text', message: 'the complaint is closed' }]);
  em.create(ComplaintMessage, { id: crypto.randomUUID(), complaint: complaintId, kind: 'from-client', author: null, authorName: c.contactName ?? 'Клиент', text, citations: [], at: now });
  // A decided complaint's clock is stopped already (reason 'decided'); only a running one pauses.
  if (c.status !== 'decided') stopClock(em, c, 'waiting-client', now);
  await em.flush();
}
