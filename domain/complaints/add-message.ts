// Public messages (to the client; the client's own come from the portal, domain/portal/) and internal
// notes. A message to the client may cite knowledge-base articles (id and version kept). Notes are
// written by the complaint's editors and by members of the departments involved. A closed
// complaint takes no more messages. Messages do not change the complaint's version: two people
// writing at once both get their message in.
import type { EntityManager } from '@mikro-orm/postgresql';
import { Complaint, ComplaintMessage, Employee } from '../entities/index.ts';
import { DomainError } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import { type CitationInput, resolveCitations } from './citations.ts';
import { companyCalendar } from '../calendar/calendar-settings.ts';
import { startClock } from './clock.ts';
import { complaintRights } from './complaint-access.ts';

export interface AddMessageOptions {
  id?: string | undefined;
  kind: 'to-client' | 'note';
  text: string;
  citations: CitationInput[];
}

export async function addComplaintMessage(em: EntityManager, actor: Actor, complaintId: string, opts: AddMessageOptions): Promise<string> {
  if (opts.id && (await em.count(ComplaintMessage, { id: opts.id }))) return opts.id;
  const rights = await complaintRights(em, actor, complaintId);
  if (opts.kind === 'note' ? !rights.note : !rights.write) {
    throw new DomainError('forbidden', opts.kind === 'note' ? 'Notes are written by the quality officer, management, admins and the departments involved' : 'Only the quality officer, management and admins write to the client');
  }
  const complaint = await em.findOneOrFail(Complaint, complaintId);
  if (complaint.status === 'closed') throw new DomainError('conflict', `Complaint ${complaint.number} is closed`);
  const citations = await resolveCitations(em, opts.citations, 'citations');
  const author = await em.findOneOrFail(Employee, actor.employeeId);
  const message = em.create(ComplaintMessage, {
    id: opts.id ?? crypto.randomUUID(), complaint: complaintId, kind: opts.kind, author: actor.employeeId, authorName: author.fullName, text: opts.text, citations, at: new Date(),
  });
  // The company's public answer restarts a clock the client's portal message stopped; a clock
  // stopped by the status (waiting for the client, decided) stays stopped until the status moves.
  if (opts.kind === 'to-client' && complaint.pausedSince && complaint.status !== 'waiting' && complaint.status !== 'decided') {
    await startClock(em, await companyCalendar(em, message.at), complaint, message.at);
  }
  await em.flush();
  return message.id;
}
