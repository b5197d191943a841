// A report's period: days in the company's time zone, both ends inclusive. Pure helpers over
// ISO dates (YYYY-MM-DD), with the rules every report shares: `from` not after `to`, at most three
// years (a longer period is a mistake or a query that would scan everything).
import { DomainError } from '../../errors.ts';

export interface Period {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;

const toUtc = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);
export const isoOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** The day after (or `n` days after) an ISO date. */
export const addDays = (iso: string, n: number): string => isoOf(toUtc(iso) + n * DAY_MS);

/** Every day of a period, in order. */
export function daysOf(p: Period): string[] {
  const out: string[] = [];
  for (let d = toUtc(p.from); d <= toUtc(p.to); d += DAY_MS) out.push(isoOf(d));
  return out;
}

/** The first and last day of a month `YYYY-MM`. */
export function monthPeriod(month: string): Period {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** Refuses `from` after `to` and periods longer than three years, naming the parameter. */
export function checkPeriod(p: Period): Period {
  if (p.from > p.to) throw new DomainError('invalid_input', '`from` is after `to`', [{ path: 'from', message: 'must not be after `to`' }]);
  const [y, m, d] = p.from.split('-').map(Number) as [number, number, number];
  const limit = isoOf(Date.UTC(y + 3, m - 1, d));
  if (p.to >= limit) throw new DomainError('invalid_input', 'The period is longer than 3 years', [{ path: 'to', message: 'at most 3 years after `from`' }]);
  return p;
}
