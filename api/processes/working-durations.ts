// How long each completed step of a case took in working time, on the calendar the case runs by:
// its version's (a graph route carries the one it was published with) or, for a route/v0 list of
// steps, which carries none, the company's calendar for the years around the case's start.
// Computed here rather than in the browser because only the server can build the company's
// calendar (the production-calendar library stays out of the web bundle).
import type { EntityManager } from '@mikro-orm/postgresql';
import { workingTimeBetween } from '../../domain/calendar/calendar-math.ts';
import { companyCalendar } from '../../domain/calendar/calendar-settings.ts';
import { workingCalendarSchema, type WorkingCalendar } from '../../domain/calendar/working-calendar.ts';

interface Step {
  id: string;
  openedAt: string;
  completedAt: string | null;
}

/** Working milliseconds per completed assignment id; a step the calendar cannot measure is left out. */
export async function workingDurations(em: EntityManager, versionCalendar: unknown, startedAt: Date, steps: readonly Step[]): Promise<Record<string, number>> {
  const done = steps.filter((s): s is Step & { completedAt: string } => s.completedAt !== null);
  if (done.length === 0) return {};
  const parsed = workingCalendarSchema.safeParse(versionCalendar);
  const calendar: WorkingCalendar = parsed.success ? parsed.data : await companyCalendar(em, startedAt);
  const out: Record<string, number> = {};
  for (const s of done) {
    try {
      out[s.id] = Math.max(0, workingTimeBetween(calendar, new Date(s.openedAt), new Date(s.completedAt)));
    } catch {
      // Beyond the calendar's search range (a step open for years): no working figure rather than a wrong one.
    }
  }
  return out;
}
