// Working time between many pairs of instants on one calendar, fast: the calendar's working spans
// over a range of days are laid out once with running totals, so each question is two binary
// searches instead of a walk over days (calendar-math's workingTimeBetween costs ~2.5 ms for a
// week; a report over 20,000 open steps, or a backfill over a million closed ones, cannot).
// Gives exactly what workingTimeBetween gives (working-time-index.test.ts compares them).
import { daySpans, localDayOf, resolveCalendar, type ResolvedCalendar } from './calendar-days.ts';
import type { WorkingCalendar } from './working-calendar.ts';

const DAY_MS = 86_400_000;
/** Past this many days around the instants asked about, the index is not built (null answers). */
const MAX_RANGE_DAYS = 5 * 366;

export class WorkingTimeIndex {
  private readonly r: ResolvedCalendar;
  private starts: number[] = [];
  private ends: number[] = [];
  /** Working ms before span i. */
  private before: number[] = [];
  private from = Infinity;
  private to = -Infinity;

  constructor(cal: WorkingCalendar) {
    this.r = resolveCalendar(cal);
  }

  /** Lays out the days from `lo` to `hi` (widening what is there); false when that is too far. */
  private cover(lo: number, hi: number): boolean {
    if (lo >= this.from && hi <= this.to) return true;
    // Whole years at a time (a day either side for the zone): a walk through time in order, as the
    // backfill makes, lays the days out a few times rather than once per new day.
    const from = Date.UTC(new Date(Math.min(lo, this.from)).getUTCFullYear(), 0, 1) - DAY_MS;
    const to = Date.UTC(new Date(Math.max(hi, this.to)).getUTCFullYear() + 1, 0, 1) + DAY_MS;
    if (to - from > MAX_RANGE_DAYS * DAY_MS) return false;
    const starts: number[] = [];
    const ends: number[] = [];
    const before: number[] = [];
    let total = 0;
    const first = localDayOf(this.r, new Date(from));
    const last = localDayOf(this.r, new Date(to));
    for (let day = first; day <= last; day = day.plus({ days: 1 })) {
      for (const [s, e] of daySpans(this.r, day)) {
        starts.push(s);
        ends.push(e);
        before.push(total);
        total += e - s;
      }
    }
    Object.assign(this, { starts, ends, before, from: first.toMillis(), to: last.plus({ days: 1 }).toMillis() });
    return true;
  }

  /** Working ms from the start of the laid-out range to `t`. */
  private upTo(t: number): number {
    // The last span starting before t.
    let lo = 0;
    let hi = this.starts.length - 1;
    let i = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! < t) {
        i = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (i < 0) return 0;
    return this.before[i]! + Math.min(t, this.ends[i]!) - this.starts[i]!;
  }

  /** Working ms from `a` to `b` (negative when b is earlier), or null when they are years apart. */
  between(a: Date, b: Date): number | null {
    const x = a.getTime();
    const y = b.getTime();
    if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
    if (!this.cover(Math.min(x, y), Math.max(x, y))) return null;
    return this.upTo(y) - this.upTo(x);
  }
}

// One index per calendar object: calendars come from caseCalendar, which keeps one per version.
const indexes = new WeakMap<WorkingCalendar, WorkingTimeIndex>();

export function indexOf(cal: WorkingCalendar): WorkingTimeIndex {
  let index = indexes.get(cal);
  if (!index) {
    index = new WorkingTimeIndex(cal);
    indexes.set(cal, index);
  }
  return index;
}
