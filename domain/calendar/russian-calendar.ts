// Builds the Russian production calendar (производственный календарь) as WorkingCalendar data.
// Runs where the calendar is configured (API, activities), never in workflow code: the result is
// stored with the route version and workflows get only that data.
//
// The public holidays come from `date-holidays` (the maintained worldwide holiday library): the
// Labour Code art. 112 list (Jan 1-6 and 8, Jan 7, Feb 23, Mar 8, May 1, May 9, Jun 12, Nov 4),
// the "Mar 8 on a Sunday moves to Monday" rule, and regional holidays for a `region`. No offline
// npm package carries the yearly government decrees, so what the library does NOT cover is:
//   - the decree transfers: a working Saturday (2025-11-01) and the days off it buys (2025-11-03,
//     2026-01-09, 2026-05-11, 2026-12-31, ...);
//   - the automatic move of a weekend that coincides with a holiday (art. 112 part 2), other than
//     Mar 8, since each decree may place those days elsewhere.
// A company enters them once a year, when the decree is published, through `overrides`; for the
// 2026 decree: { holidays: ['2026-01-09', '2026-05-11', '2026-12-31'] }, and for 2025 also a
// working and short Saturday: { workingDays: ['2025-11-01'], shortDays: ['2025-11-01'] }.
// Shortened pre-holiday days are derived by the art. 95 rule (the working day immediately before
// a public holiday is an hour shorter); a decree that shortens another day goes into overrides too.
import Holidays from 'date-holidays';
import holidaysPackage from 'date-holidays/package.json' with { type: 'json' };
import { DateTime } from 'luxon';
import { DomainError, formatPath } from '../errors.ts';
import { isWorkingDate, resolveCalendar } from './calendar-days.ts';
import {
  STANDARD_WEEK,
  isoDateSchema,
  workingCalendarSchema,
  type DayHours,
  type WeeklyHours,
  type WorkingCalendar,
} from './working-calendar.ts';

export const DEFAULT_TIME_ZONE = 'Europe/Moscow';

export interface CalendarOverrides {
  /** Extra days off: decree transfers, company days off. */
  holidays?: string[];
  /** Working days on a weekend (decree transfers); they win over a library holiday on that date. */
  workingDays?: string[];
  /** Extra shortened days, e.g. a working Saturday before a holiday. */
  shortDays?: string[];
}

export interface RussianCalendarOptions {
  /** The years whose holidays to include; a route computes deadlines well inside them. */
  years: number[];
  timeZone?: string;
  /** Weekly hours; by default Mon-Fri 09:00-18:00 with lunch 13:00-14:00. */
  hours?: WeeklyHours;
  /** Hours of a working Saturday; by default Monday's. */
  transferDayHours?: DayHours;
  /** A subject of the federation as date-holidays codes it (`TA` Tatarstan, `BA` Bashkortostan). */
  region?: string;
  overrides?: CalendarOverrides;
}

const DAY_MS = 86_400_000;

function invalid(message: string, path: string): DomainError {
  return new DomainError('invalid_input', message, [{ path, message }]);
}

function checkDates(list: string[] | undefined, path: string): string[] {
  for (const [i, d] of (list ?? []).entries()) {
    if (!isoDateSchema.safeParse(d).success) throw invalid(`"${d}" is not a date YYYY-MM-DD`, `${path}[${i}]`);
  }
  return list ?? [];
}

/** Every date a library holiday covers; the New Year break comes as one entry five days long. */
function holidayDates(hd: Holidays, year: number): string[] {
  const out: string[] = [];
  for (const h of hd.getHolidays(year)) {
    if (h.type !== 'public') continue;
    const first = DateTime.fromISO(h.date.slice(0, 10), { zone: 'UTC' });
    const length = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / DAY_MS));
    for (let k = 0; k < length; k++) {
      const iso = first.plus({ days: k }).toISODate();
      if (iso?.startsWith(`${year}-`)) out.push(iso);
    }
  }
  return out;
}

export function buildRussianCalendar(opts: RussianCalendarOptions): WorkingCalendar {
  const years = [...new Set(opts.years)].sort((a, b) => a - b);
  if (years.length === 0 || years.length > 30) throw invalid('list between 1 and 30 years', 'years');
  for (const y of years) if (!Number.isInteger(y) || y < 1992 || y > 2999) throw invalid(`${y} is not a year from 1992 on`, 'years');

  const region = opts.region?.toUpperCase();
  if (region !== undefined && !(region in new Holidays().getStates('RU'))) throw invalid(`"${opts.region}" is not a Russian region known to date-holidays`, 'region');
  const hd = region === undefined ? new Holidays('RU') : new Holidays('RU', region);

  const extraOff = checkDates(opts.overrides?.holidays, 'overrides.holidays');
  const working = checkDates(opts.overrides?.workingDays, 'overrides.workingDays');
  const extraShort = checkDates(opts.overrides?.shortDays, 'overrides.shortDays');
  const clash = extraOff.find((d) => working.includes(d));
  if (clash) throw invalid(`${clash} is both an extra day off and a working day`, 'overrides');

  const official = years.flatMap((y) => holidayDates(hd, y));
  const isWorking = new Set(working);
  const holidays = [...new Set([...official, ...extraOff])].filter((d) => !isWorking.has(d)).sort();

  const draft: WorkingCalendar = {
    timeZone: opts.timeZone ?? DEFAULT_TIME_ZONE,
    workingHours: opts.hours ?? STANDARD_WEEK,
    ...(opts.transferDayHours ? { transferDayHours: opts.transferDayHours } : {}),
    holidays,
    workingDays: [...new Set(working)].sort(),
    shortDays: [],
    years,
    source: `date-holidays@${holidaysPackage.version} RU${region ? `-${region}` : ''}${opts.overrides ? ' + company overrides' : ''}`,
  };
  const parsed = workingCalendarSchema.safeParse(draft);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
    throw new DomainError('invalid_input', 'the working calendar options are invalid', problems);
  }

  // Art. 95 shortens the day before a public holiday; the company's extra days off are not
  // holidays, so only the library's dates (those still off) count.
  // Next year's Jan 1 is fetched too, since its eve is the last day of the last year.
  const r = resolveCalendar(parsed.data);
  const last = years[years.length - 1] ?? 0;
  const shortening = [...new Set([...official, ...holidayDates(hd, last + 1)])].filter((d) => !isWorking.has(d));
  const derived = shortening.flatMap((h) => {
    const before = DateTime.fromISO(h, { zone: parsed.data.timeZone }).minus({ days: 1 });
    return years.includes(before.year) && isWorkingDate(r, before) ? [before.toISODate() ?? ''] : [];
  });
  return { ...parsed.data, shortDays: [...new Set([...derived, ...extraShort])].sort() };
}
