// How a complaint's status moves, and what the SLA clock does with it. One function for people
// (change-status, decide-complaint) and for routes (route-updates): every move writes a history
// row with who (or which case) and when, and stops or restarts the clock.
//   registered -> in work | waiting for the client | decided
//   in work    -> waiting for the client | decided
//   waiting    -> in work | decided        (the clock stops while waiting)
//   decided    -> closed | in work (reopened; the clock runs again)
//   closed     -> nothing
// "decided" is reached only with a decision (decide-complaint or a route setting one).
import type { InferEntity } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import { type Complaint, ComplaintStatusChange } from '../entities/index.ts';
import { DomainError } from '../errors.ts';
import { startClock, stopClock } from './clock.ts';
import type { ComplaintStatus } from './entities.ts';

export const NEXT_STATUSES: Record<ComplaintStatus, readonly ComplaintStatus[]> = {
  registered: ['in-work', 'waiting', 'decided'],
  'in-work': ['waiting', 'decided'],
  waiting: ['in-work', 'decided'],
  decided: ['closed', 'in-work'],
  closed: [],
};

export interface StatusAuthor {
  employeeId: string | null;
  caseId: string | null;
}

export type ComplaintRow = InferEntity<typeof Complaint>;

/** Moves the complaint to `to` (a no-op when it is there already); conflict when the move is not allowed. */
export async function moveStatus(em: EntityManager, cal: WorkingCalendar, complaint: ComplaintRow, to: ComplaintStatus, who: StatusAuthor, comment: string | null, at: Date): Promise<boolean> {
  const from: ComplaintStatus = complaint.status;
  if (from === to) return false;
  if (!NEXT_STATUSES[from].includes(to)) throw new DomainError('conflict', `A complaint ${from} cannot become ${to} (allowed: ${NEXT_STATUSES[from].join(', ') || 'none'})`, [{ path: 'status', message: `not allowed from ${from}` }]);
  if (to === 'waiting') stopClock(em, complaint, 'waiting-client', at);
  else if (to === 'decided') stopClock(em, complaint, 'decided', at);
  else if (to === 'in-work') await startClock(em, cal, complaint, at);
  if (to === 'closed') complaint.closedAt = at;
  if (from === 'decided' && to === 'in-work') {
    complaint.decidedAt = null;
    complaint.decidedBy = null;
  }
  complaint.status = to;
  em.create(ComplaintStatusChange, { id: crypto.randomUUID(), complaint: complaint.id, fromStatus: from, toStatus: to, comment, by: who.employeeId, caseId: who.caseId, at });
  return true;
}
