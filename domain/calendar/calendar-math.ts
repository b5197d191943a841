// Deadline arithmetic on a working calendar ("3 working days", "8 working hours", "3 working
// days before the due date"). Pure and deterministic: it runs inside Temporal workflow code, so
// it never reads the clock, and every search is capped so a bad calendar fails instead of hanging.
import type { DateTime } from 'luxon';
import {
  MAX_SEARCH_DAYS,
  dayLabel,
  daySpans,
  isWorkingDate,
  localDayOf,
  localDayOfIso,
  resolveCalendar,
  type ResolvedCalendar,
} from './calendar-days.ts';
import type { WorkingCalendar } from './working-calendar.ts';
import type { WorkingDuration } from './working-duration.ts';

const HOUR_MS = 3_600_000;

function tooFar(what: string, from: DateTime): RangeError {
  return new RangeError(`working calendar: ${what} lies more than ${MAX_SEARCH_DAYS} days from ${dayLabel(from)}; check the calendar and the amount`);
}

function wholeDays(days: number): void {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`working days must be a whole number >= 0, got ${days}`);
}

function lastEnd(r: ResolvedCalendar, day: DateTime): number {
  const spans = daySpans(r, day);
  const last = spans[spans.length - 1];
  if (!last) throw new RangeError(`working calendar: ${dayLabel(day)} has no working hours`);
  return last[1];
}

function firstStart(r: ResolvedCalendar, day: DateTime): number {
  const first = daySpans(r, day)[0];
  if (!first) throw new RangeError(`working calendar: ${dayLabel(day)} has no working hours`);
  return first[0];
}

/** Whether the local date `isoDate` (`YYYY-MM-DD`) has any working hours on this calendar. */
export function isWorkingDay(cal: WorkingCalendar, isoDate: string): boolean {
  const r = resolveCalendar(cal);
  return isWorkingDate(r, localDayOfIso(r, isoDate));
}

/**
 * The deadline `days` working days after `from`: the end of working hours of the `days`-th
 * working day strictly after the local date of `from`. The start day never counts, however
 * early `from` is, and a start on a day off simply has nothing to skip: Friday 15:00 + 1 and
 * Saturday 11:00 + 1 both end on Monday at 18:00. `days = 0` is "by the end of today": the end
 * of the start date if it is a working day not yet over, otherwise of the next working day.
 */
export function addWorkingDays(cal: WorkingCalendar, from: Date, days: number): Date {
  wholeDays(days);
  const r = resolveCalendar(cal);
  const start = localDayOf(r, from);
  let counted = 0;
  for (let i = days === 0 ? 0 : 1; i <= MAX_SEARCH_DAYS; i++) {
    const day = start.plus({ days: i });
    if (!isWorkingDate(r, day)) continue;
    if (days === 0) {
      const end = lastEnd(r, day);
      if (end > from.getTime()) return new Date(end);
      continue;
    }
    counted++;
    if (counted === days) return new Date(lastEnd(r, day));
  }
  throw tooFar(`the ${days}-th working day`, start);
}

/**
 * `from` plus `hours` of working time (fractions allowed, rounded to the millisecond). Only
 * working intervals are consumed: nights, breaks, weekends and holidays are skipped, and a
 * shortened day ends an hour earlier. Work that ends exactly when an interval ends returns that
 * end (Friday 16:00 + 2 h is Friday 18:00, not Monday 09:00). Zero hours returns `from`.
 */
export function addWorkingHours(cal: WorkingCalendar, from: Date, hours: number): Date {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`working hours must be a finite number >= 0, got ${hours}`);
  const r = resolveCalendar(cal);
  const start = localDayOf(r, from);
  const t = from.getTime();
  let left = Math.round(hours * HOUR_MS);
  if (left === 0) return new Date(t);
  for (let i = 0; i <= MAX_SEARCH_DAYS; i++) {
    for (const [s, e] of daySpans(r, start.plus({ days: i }))) {
      if (e <= t) continue;
      const begin = Math.max(s, t);
      if (left <= e - begin) return new Date(begin + left);
      left -= e - begin;
    }
  }
  throw tooFar(`${hours} working hours`, start);
}

/**
 * The start of working hours of the day `days` working days before `date` ("remind 3 working
 * days before the invoice is due"). The due date itself is not counted: due Thursday, 3 working
 * days before is Monday (Wednesday 1, Tuesday 2, Monday 3). A due date that is not a working day
 * is first moved back to the previous working day: due Saturday, 3 before is Tuesday. `days = 0`
 * gives the start of that (possibly moved) due day. A `Date` is read as its local date.
 */
export function subtractWorkingDays(cal: WorkingCalendar, date: Date | string, days: number): Date {
  wholeDays(days);
  const r = resolveCalendar(cal);
  const due = typeof date === 'string' ? localDayOfIso(r, date) : localDayOf(r, date);
  let counted = -1; // the anchor (the due day or the working day before it) is number 0
  for (let i = 0; i <= MAX_SEARCH_DAYS; i++) {
    const day = due.minus({ days: i });
    if (!isWorkingDate(r, day)) continue;
    counted++;
    if (counted === days) return new Date(firstStart(r, day));
  }
  throw tooFar(`${days} working days before`, due);
}

/**
 * Working time between two instants in milliseconds: how long a step took in working time.
 * Negative when `b` is before `a`, so that `a + between(a, b)` keeps its direction.
 */
export function workingTimeBetween(cal: WorkingCalendar, a: Date, b: Date): number {
  const r = resolveCalendar(cal);
  const [lo, hi, sign] = a.getTime() <= b.getTime() ? [a, b, 1] : [b, a, -1];
  const first = localDayOf(r, lo);
  const last = localDayOf(r, hi);
  const span = Math.round(last.diff(first, 'days').days);
  if (span > MAX_SEARCH_DAYS) throw tooFar('the end of the period', first);
  let total = 0;
  for (let i = 0; i <= span; i++) {
    for (const [s, e] of daySpans(r, first.plus({ days: i }))) {
      const overlap = Math.min(e, hi.getTime()) - Math.max(s, lo.getTime());
      if (overlap > 0) total += overlap;
    }
  }
  return sign * total;
}

/**
 * A parsed working duration applied to `from`: first the whole working days (ending at the end of
 * a working day), then the working time on top of that. `PT8H` is eight working hours from now;
 * `P1DT2H` is the end of the next working day plus two working hours, i.e. the morning after.
 */
export function addWorkingDuration(cal: WorkingCalendar, from: Date, duration: WorkingDuration): Date {
  const afterDays = duration.days > 0 ? addWorkingDays(cal, from, duration.days) : from;
  return duration.ms > 0 ? addWorkingHours(cal, afterDays, duration.ms / HOUR_MS) : afterDays;
}
