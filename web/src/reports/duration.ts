// Working-time durations as people read them: "2 д 3 ч" / "2 d 3 h". A working day here is the
// standard eight-hour Russian working day (Labour Code art. 91: 40 hours over five days), so
// "1 d" of working time is a full day at the desk, not 24 hours on the wall clock.

export const WORKING_DAY_MS = 8 * 3_600_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

const UNITS = {
  ru: { d: 'д', h: 'ч', m: 'мин' },
  en: { d: 'd', h: 'h', m: 'min' },
} as const;

/** At most two units, largest first, rounded to the smaller one: "2 д 3 ч", "5 h 10 min", "0 min". */
export function formatWorkingMs(ms: number, lang: string): string {
  const u = lang === 'en' ? UNITS.en : UNITS.ru;
  const sign = ms < 0 ? '−' : '';
  const abs = Math.abs(ms);
  if (abs >= WORKING_DAY_MS) {
    const days = Math.floor(abs / WORKING_DAY_MS);
    const hours = Math.round((abs - days * WORKING_DAY_MS) / HOUR_MS);
    // 7.6 h left over rounds up to a whole further day.
    const [d, h] = hours === 8 ? [days + 1, 0] : [days, hours];
    return `${sign}${d} ${u.d}${h ? ` ${h} ${u.h}` : ''}`;
  }
  if (abs >= HOUR_MS) {
    const hours = Math.floor(abs / HOUR_MS);
    const minutes = Math.round((abs - hours * HOUR_MS) / MINUTE_MS);
    const [h, m] = minutes === 60 ? [hours + 1, 0] : [hours, minutes];
    return `${sign}${h} ${u.h}${m ? ` ${m} ${u.m}` : ''}`;
  }
  return `${sign}${Math.round(abs / MINUTE_MS)} ${u.m}`;
}

/** A route's due time ("P3D", "PT8H", "P1DT4H") as working milliseconds, eight hours a day; null when absent or not a duration. */
export function targetMs(text: string | null | undefined): number | null {
  if (!text) return null;
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?)?$/.exec(text);
  if (!m) return null;
  const num = (s: string | undefined) => (s === undefined ? 0 : Number(s.replace(',', '.')));
  const ms = num(m[1]) * WORKING_DAY_MS + num(m[2]) * HOUR_MS + num(m[3]) * MINUTE_MS;
  return ms > 0 ? ms : null;
}
