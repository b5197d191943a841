// Calendar arithmetic in the company's time zone (GET /api/settings/calendar), never the browser's:
// a seller in Novosibirsk planning "10:00" means 10:00 at the company. Days are 'YYYY-MM-DD' keys;
// day arithmetic is done on UTC dates, which have no daylight-saving jumps.

interface Wall { y: number; m: number; d: number; h: number; min: number }

const partsFormat = new Map<string, Intl.DateTimeFormat>();
function wallOf(at: Date, timeZone: string): Wall {
  let f = partsFormat.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    partsFormat.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  return { y: Number(p.year), m: Number(p.month), d: Number(p.day), h: Number(p.hour) % 24, min: Number(p.minute) };
}

const pad = (n: number) => String(n).padStart(2, '0');
const keyOf = (w: Pick<Wall, 'y' | 'm' | 'd'>) => `${w.y}-${pad(w.m)}-${pad(w.d)}`;

/** The instant of a wall-clock time in the zone (the offset found, then checked once more). */
export function zonedInstant(day: string, hour: number, minute: number, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d, hour, minute);
  const offset = (at: number) => { const w = wallOf(new Date(at), timeZone); return Date.UTC(w.y, w.m - 1, w.d, w.h, w.min) - at; };
  const first = guess - offset(guess);
  return new Date(guess - offset(first));
}

/** The company's calendar day of an instant. */
export const dayOf = (at: Date | string, timeZone: string): string => keyOf(wallOf(new Date(at), timeZone));
/** The company's wall-clock hour and minute of an instant. */
export function timeOf(at: Date | string, timeZone: string): { h: number; min: number } {
  const w = wallOf(new Date(at), timeZone);
  return { h: w.h, min: w.min };
}

export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return keyOf({ y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() });
}

/** Monday of the day's week (Russian weeks start on Monday). */
export function weekStart(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const dow = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
  return addDays(day, -dow);
}

export const monthStart = (day: string): string => `${day.slice(0, 7)}-01`;
export function addMonths(day: string, n: number): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  const t = new Date(Date.UTC(y, m - 1 + n, 1));
  return keyOf({ y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: 1 });
}

/** <input type="datetime-local"> value of an instant, as the company's clock shows it. */
export function toLocalInput(at: Date | string, timeZone: string): string {
  const w = wallOf(new Date(at), timeZone);
  return `${keyOf(w)}T${pad(w.h)}:${pad(w.min)}`;
}

/** The instant a datetime-local value names on the company's clock; null for an empty or broken value. */
export function fromLocalInput(value: string, timeZone: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(value);
  return m ? zonedInstant(m[1]!, Number(m[2]), Number(m[3]), timeZone).toISOString() : null;
}
