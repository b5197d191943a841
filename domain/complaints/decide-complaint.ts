// The quality officer records the decision (satisfied, partly, refused) with its text and the
// knowledge-base articles it cites (each kept with the version cited). The complaint becomes
// decided, the SLA clock stops, and who decided and when are kept. Deciding again while decided
// (a corrected text) replaces the decision; a closed complaint is not changed.
import type { EntityManager } from '@mikro-orm/postgresql';
import { companyCalendar } from '../calendar/calendar-settings.ts';
import { StaleVersion, flushVersioned } from '../clients/stale-version.ts';
import { Complaint } from '../entities/index.ts';
import { DomainError } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import { type CitationInput, resolveCitations } from './citations.ts';
import { checkComplaintWrite } from './complaint-access.ts';
import type { DecisionKind } from './entities.ts';
import { moveStatus } from './status-rules.ts';

export interface DecideOptions {
  version: number;
  kind: DecisionKind;
  text: string;
  citations: CitationInput[];
}

export async function decideComplaint(em: EntityManager, actor: Actor, id: string, opts: DecideOptions): Promise<void> {
  await checkComplaintWrite(em, actor, id);
  const complaint = await em.findOneOrFail(Complaint, id);
  if (complaint.version !== opts.version) throw new StaleVersion('Complaint', id, opts.version, complaint.version);
  if (complaint.status === 'closed') throw new DomainError('conflict', `Complaint ${complaint.number} is closed; its decision stands`);
  const citations = await resolveCitations(em, opts.citations, 'citations');
  const now = new Date();
  if (complaint.status !== 'decided') await moveStatus(em, await companyCalendar(em, now), complaint, 'decided', { employeeId: actor.employeeId, caseId: null }, null, now);
  em.assign(complaint, { decisionKind: opts.kind, decisionText: opts.text, decisionCitations: citations, decidedBy: actor.employeeId, decidedAt: now, updatedBy: actor.employeeId, updatedAt: now });
  await flushVersioned(() => em.flush(), 'Complaint', id, opts.version);
}
