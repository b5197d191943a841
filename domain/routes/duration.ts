// Durations in routes are ISO 8601 (`P2D`, `PT4H30M`): readable by people and by every tool.
// Months and years have no fixed length, so a deadline must be stated in weeks, days, hours or
// minutes; the working-calendar variant arrives with the full route language.
import { Duration } from 'luxon';

const MAX_MS = 366 * 24 * 3_600_000;

export type DurationCheck = { ok: true; ms: number } | { ok: false; reason: string };

/** `allowZero`: "PT0M" is a valid reminder offset ("at the due time"), never a valid deadline. */
export function parseDuration(text: string, opts: { allowZero?: boolean } = {}): DurationCheck {
  const d = Duration.fromISO(text);
  if (!d.isValid) return { ok: false, reason: `"${text}" is not an ISO 8601 duration such as P2D or PT4H` };
  if (d.years || d.quarters || d.months) {
    return { ok: false, reason: `"${text}" uses months or years, whose length varies; state it in weeks, days, hours or minutes` };
  }
  const ms = d.as('milliseconds');
  if (ms < 0 || (ms === 0 && !opts.allowZero)) return { ok: false, reason: `"${text}" must be longer than zero` };
  if (ms > MAX_MS) return { ok: false, reason: `"${text}" is longer than a year` };
  return { ok: true, ms };
}

/** For callers that have already validated the route: a bad duration here is a programming error. */
export function durationMs(text: string, opts: { allowZero?: boolean } = {}): number {
  const r = parseDuration(text, opts);
  if (!r.ok) throw new Error(r.reason);
  return r.ms;
}
