// What one local date looks like on a working calendar: whether it is worked and during which
// instants. Kept apart from the zod schema so that workflow code pulls in only luxon.
import { DateTime, IANAZone } from 'luxon';
import type { DayHours, WorkingCalendar } from './working-calendar.ts';

/** ISO weekday keys (1 = Monday ... 7 = Sunday), named so that a stored calendar reads plainly. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * How far any search may walk. A deadline three years out is a data error, and a calendar that
 * lists every day as a holiday must fail loudly rather than spin inside a workflow task.
 */
export const MAX_SEARCH_DAYS = 3 * 366;

/** The shortened pre-holiday day loses this much at its end (Labour Code art. 95). */
const SHORT_DAY_CUT_MINUTES = 60;

/** Minutes after local midnight of an `HH:mm` time; `24:00` is the end of the day. */
export function minutesOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

type Minutes = readonly [from: number, to: number];
/** A working interval as epoch milliseconds, end exclusive. */
export type Span = readonly [start: number, end: number];

/** A calendar turned into lookups once per call, so each day costs a few set probes. */
export interface ResolvedCalendar {
  readonly zone: string;
  readonly week: readonly (readonly Minutes[])[];
  readonly transfer: readonly Minutes[];
  readonly holidays: ReadonlySet<string>;
  readonly workingDays: ReadonlySet<string>;
  readonly shortDays: ReadonlySet<string>;
}

const toMinutes = (hours: DayHours | undefined): Minutes[] =>
  (hours ?? []).map((iv) => [minutesOfDay(iv.from), minutesOfDay(iv.to)] as const);

export function resolveCalendar(cal: WorkingCalendar): ResolvedCalendar {
  if (!IANAZone.isValidZone(cal.timeZone)) throw new RangeError(`working calendar: "${cal.timeZone}" is not an IANA time zone`);
  const week = WEEKDAYS.map((w) => toMinutes(cal.workingHours[w]));
  const transfer = cal.transferDayHours ? toMinutes(cal.transferDayHours) : (week[0] ?? []);
  const anyHours = week.some((d) => d.length > 0) || (cal.workingDays.length > 0 && transfer.length > 0);
  if (!anyHours) throw new RangeError('working calendar has no working hours on any day, so no deadline can be computed');
  return {
    zone: cal.timeZone,
    week,
    transfer,
    holidays: new Set(cal.holidays),
    workingDays: new Set(cal.workingDays),
    shortDays: new Set(cal.shortDays),
  };
}

function shorten(day: readonly Minutes[], cut: number): Minutes[] {
  const out = [...day];
  let left = cut;
  while (left > 0) {
    const last = out.pop();
    if (!last) break;
    const len = last[1] - last[0];
    if (len > left) out.push([last[0], last[1] - left]);
    left -= len;
  }
  return out;
}

/** Local working minutes of a date, after holidays, transfers and the pre-holiday short hour. */
export function dayMinutes(r: ResolvedCalendar, isoDate: string, isoWeekday: number): readonly Minutes[] {
  const own = r.week[isoWeekday - 1] ?? [];
  let base: readonly Minutes[];
  if (r.workingDays.has(isoDate)) base = own.length > 0 ? own : r.transfer;
  else if (r.holidays.has(isoDate)) return [];
  else base = own;
  return r.shortDays.has(isoDate) ? shorten(base, SHORT_DAY_CUT_MINUTES) : base;
}

function isoOf(day: DateTime): string {
  const iso = day.toISODate();
  if (iso === null) throw new RangeError(`working calendar: invalid date (${day.invalidExplanation ?? 'unknown reason'})`);
  return iso;
}

/** Local midnight of the date on which `instant` falls in the calendar's zone. */
export function localDayOf(r: ResolvedCalendar, instant: Date): DateTime {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('working calendar: the instant is an invalid Date');
  return DateTime.fromMillis(ms, { zone: r.zone }).startOf('day');
}

/** Local midnight of an ISO date (`YYYY-MM-DD`) in the calendar's zone. */
export function localDayOfIso(r: ResolvedCalendar, isoDate: string): DateTime {
  // Built from epoch milliseconds: luxon's fromISO consults the clock for defaults it never needs.
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const utc = m ? DateTime.fromMillis(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])), { zone: 'UTC' }) : null;
  if (!utc?.isValid || utc.toISODate() !== isoDate) throw new RangeError(`working calendar: "${isoDate}" is not a date YYYY-MM-DD`);
  return utc.setZone(r.zone, { keepLocalTime: true }).startOf('day');
}

function at(day: DateTime, minutes: number): number {
  // Wall-clock times, so that 09:00 stays 09:00 on a daylight-saving day in zones that have one.
  if (minutes >= 24 * 60) return day.plus({ days: 1 }).startOf('day').toMillis();
  return day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0, millisecond: 0 }).toMillis();
}

/** The working spans of one local day as instants; empty on a day off. */
export function daySpans(r: ResolvedCalendar, day: DateTime): Span[] {
  return dayMinutes(r, isoOf(day), day.weekday).map(([a, b]) => [at(day, a), at(day, b)] as const);
}

export function isWorkingDate(r: ResolvedCalendar, day: DateTime): boolean {
  return dayMinutes(r, isoOf(day), day.weekday).length > 0;
}

export function dayLabel(day: DateTime): string {
  return isoOf(day);
}
