// Working durations in routes ("P3D" = three working days, "PT8H" = eight working hours). Days
// and time are kept apart because a working day is not a fixed number of hours: a day is "until
// the end of that working day", an hour is an hour of working time.

/** `days` whole working days, then `ms` milliseconds of working time. */
export interface WorkingDuration {
  days: number;
  ms: number;
}

export type WorkingDurationCheck = { ok: true; value: WorkingDuration } | { ok: false; reason: string };

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
// Past these a route deadline is surely a typo; the calendar arithmetic would refuse anyway.
const MAX_DAYS = 500;
const MAX_HOURS = 4_000;

// Only D, H and M: weeks, months and years have no fixed number of working days, and a second of
// working time is not a business deadline. Only hours and minutes may be fractional.
const PATTERN = /^P(?:(\d+)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?)?$/;

export function checkWorkingDuration(text: string): WorkingDurationCheck {
  const m = PATTERN.exec(text);
  const [, d, h, min] = m ?? [];
  if (!m || (d === undefined && h === undefined && min === undefined) || text.endsWith('T')) {
    return { ok: false, reason: `"${text}" is not a working duration such as P3D, PT8H, PT90M or P1DT4H (days, hours and minutes only)` };
  }
  const num = (s: string | undefined): number => (s === undefined ? 0 : Number(s.replace(',', '.')));
  const days = num(d);
  const ms = Math.round(num(h) * HOUR_MS + num(min) * MINUTE_MS);
  if (days === 0 && ms === 0) return { ok: false, reason: `"${text}" must be longer than zero` };
  if (days > MAX_DAYS) return { ok: false, reason: `"${text}" is more than ${MAX_DAYS} working days` };
  if (ms > MAX_HOURS * HOUR_MS) return { ok: false, reason: `"${text}" is more than ${MAX_HOURS} working hours` };
  return { ok: true, value: { days, ms } };
}

/** For callers that have already validated the route: a bad duration here is a programming error. */
export function parseWorkingDuration(text: string): WorkingDuration {
  const r = checkWorkingDuration(text);
  if (!r.ok) throw new RangeError(r.reason);
  return r.value;
}
