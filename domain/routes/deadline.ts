// Turns the route language's durations into instants, deterministically: `"P2D"` is calendar
// time, `{ "working": "P3D" }` is time on the route's working calendar (carried in the published
// version). Workflow code calls these with the workflow clock's "now"; nothing here reads a clock.
import { addWorkingDuration, subtractWorkingDays, addWorkingDays } from '../calendar/calendar-math.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import { parseWorkingDuration } from '../calendar/working-duration.ts';
import { durationMs } from './duration.ts';
import type { DurationSpec } from './graph-schema.ts';

function needCalendar(calendar: WorkingCalendar | undefined): WorkingCalendar {
  if (!calendar) throw new Error('This route has working-time durations but no working calendar; publish it again');
  return calendar;
}

/** `from` plus the duration. */
export function after(calendar: WorkingCalendar | undefined, from: Date, spec: DurationSpec): Date {
  if (typeof spec === 'string') return new Date(from.getTime() + durationMs(spec));
  return addWorkingDuration(needCalendar(calendar), from, parseWorkingDuration(spec.working));
}

/**
 * `at` minus the duration. Calendar time is exact; a working duration counts whole working days
 * back to the start of that working day (hours of working time are rounded up to a day), which
 * is how people read "3 working days before the due date".
 */
export function before(calendar: WorkingCalendar | undefined, at: Date, spec: DurationSpec): Date {
  // Zero is allowed here: a reminder "PT0M before" the due time is a reminder at the due time.
  if (typeof spec === 'string') return new Date(at.getTime() - durationMs(spec, { allowZero: true }));
  const d = parseWorkingDuration(spec.working);
  const days = d.days + (d.ms > 0 ? 1 : 0);
  return subtractWorkingDays(needCalendar(calendar), at, days);
}

/** A date variable (`YYYY-MM-DD`) moved by an offset: "3 working days before the invoice is due". */
export function fromDateVariable(calendar: WorkingCalendar | undefined, isoDate: string, offset: DurationSpec | undefined, direction: 'before' | 'after'): Date {
  if (offset === undefined) return calendar ? subtractWorkingDays(calendar, isoDate, 0) : new Date(`${isoDate}T00:00:00Z`);
  if (typeof offset !== 'string') {
    const days = parseWorkingDuration(offset.working).days;
    const cal = needCalendar(calendar);
    return direction === 'before' ? subtractWorkingDays(cal, isoDate, days) : addWorkingDays(cal, subtractWorkingDays(cal, isoDate, 0), days);
  }
  const base = new Date(`${isoDate}T00:00:00Z`).getTime();
  return new Date(direction === 'before' ? base - durationMs(offset) : base + durationMs(offset));
}
