// Stopping and restarting a complaint's SLA clock. A stop opens a pause row and sets
// `pausedSince`; a restart closes the row, adds the working time it took to `pausedWorkMs` and
// moves `dueAt` on by it. Both are no-ops when the clock is already in that state, so a status
// change repeated (or a route applying the same values twice) changes nothing the second time.
// The customer portal's reply will call these too.
import type { EntityManager } from '@mikro-orm/postgresql';
import { workingTimeBetween } from '../calendar/calendar-math.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import { ComplaintClockPause } from '../entities/index.ts';
import type { PauseReason } from './entities.ts';
import type { ComplaintRow } from './status-rules.ts';
import { dueAfterPauses } from './sla.ts';

type Clocked = ComplaintRow;

export function stopClock(em: EntityManager, complaint: Clocked, reason: PauseReason, at: Date): void {
  if (complaint.pausedSince) return;
  em.create(ComplaintClockPause, { id: crypto.randomUUID(), complaint: complaint.id, reason, fromAt: at, toAt: null });
  complaint.pausedSince = at;
}

export async function startClock(em: EntityManager, cal: WorkingCalendar, complaint: Clocked, at: Date): Promise<void> {
  const since = complaint.pausedSince;
  if (!since) return;
  const open = await em.find(ComplaintClockPause, { complaint: complaint.id, toAt: null });
  for (const pause of open) pause.toAt = at;
  complaint.pausedWorkMs += Math.max(0, workingTimeBetween(cal, since, at));
  complaint.pausedSince = null;
  complaint.dueAt = dueAfterPauses(cal, complaint.registeredAt, complaint.slaBudgetMs, complaint.pausedWorkMs);
}
