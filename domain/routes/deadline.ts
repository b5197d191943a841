// Turns the route language's durations into instants, deterministically: `"P2D"` is calendar
// time, `{ "working": "P3D" }` is time on the route's working calendar (carried in the published
// version). Workflow code calls these with the workflow clock's "now"; nothing here reads a clock.
import { addWorkingDuration, subtractWorkingDays, addWorkingDays, addWorkingHours, workingTimeBetween } from '../calendar/calendar-math.ts';
import { MAX_SEARCH_DAYS, daySpans, isWorkingDate, localDayOf, resolveCalendar } from '../calendar/calendar-days.ts';
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

/**
 * When a step due at `dueAt` is at risk: `warnBefore` earlier. Unlike a reminder's offset, working
 * hours are not rounded to days: "PT4H" before Monday 18:00 is Monday 14:00, and before Monday
 * 11:00 it is Friday 16:00 - working time counted back over nights, weekends and holidays. Whole
 * working days step back to the same point of an earlier working day ("P1D" before Tuesday 18:00
 * is Monday 18:00).
 */
export function warningAt(calendar: WorkingCalendar | undefined, dueAt: Date, spec: DurationSpec): Date {
  if (typeof spec === 'string') return new Date(dueAt.getTime() - durationMs(spec));
  const cal = needCalendar(calendar);
  const d = parseWorkingDuration(spec.working);
  const afterDays = d.days > 0 ? workingDaysBack(cal, dueAt, d.days) : dueAt;
  return d.ms > 0 ? workingTimeBack(cal, afterDays, d.ms) : afterDays;
}

/** The same amount of working time into the day, `days` working days before the day of `at`. */
function workingDaysBack(cal: WorkingCalendar, at: Date, days: number): Date {
  const r = resolveCalendar(cal);
  const day = localDayOf(r, at);
  const into = workingTimeBetween(cal, new Date(day.toMillis()), at);
  let counted = 0;
  for (let i = 1; i <= MAX_SEARCH_DAYS; i++) {
    const earlier = day.minus({ days: i });
    if (!isWorkingDate(r, earlier)) continue;
    if (++counted < days) continue;
    const first = daySpans(r, earlier)[0];
    if (!first) break;
    return addWorkingHours(cal, new Date(first[0]), into / 3_600_000);
  }
  throw new RangeError(`working calendar: ${days} working days before ${at.toISOString()} lie too far back`);
}

/** `at` minus `ms` of working time; an amount that ends on a span's start returns that start. */
function workingTimeBack(cal: WorkingCalendar, at: Date, ms: number): Date {
  const r = resolveCalendar(cal);
  const day = localDayOf(r, at);
  const t = at.getTime();
  let left = ms;
  for (let i = 0; i <= MAX_SEARCH_DAYS; i++) {
    for (const [s, e] of daySpans(r, day.minus({ days: i })).reverse()) {
      if (s >= t) continue;
      const end = Math.min(e, t);
      if (left <= end - s) return new Date(end - left);
      left -= end - s;
    }
  }
  throw new RangeError(`working calendar: ${ms} ms of working time before ${at.toISOString()} lie too far back`);
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
