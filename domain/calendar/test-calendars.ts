// Calendars the tests share. The decree overrides are what a company types in once a year from
// the government's transfer decree, exactly as production would (the library lacks them).
import { DateTime } from 'luxon';
import { buildRussianCalendar, type CalendarOverrides } from './russian-calendar.ts';
import type { WorkingCalendar } from './working-calendar.ts';

/** Decree of 04.10.2024 No 1335 (2025) and of 24.09.2025 No 1466 (2026). */
export const DECREE_OVERRIDES: CalendarOverrides = {
  holidays: ['2025-05-02', '2025-05-08', '2025-06-13', '2025-11-03', '2025-12-31', '2026-01-09', '2026-05-11', '2026-12-31'],
  workingDays: ['2025-11-01'],
  shortDays: ['2025-11-01'],
};

/** Moscow, Mon-Fri 09:00-18:00 with lunch 13:00-14:00, holidays of 2025-2027 plus the decrees. */
export const moscow: WorkingCalendar = buildRussianCalendar({ years: [2025, 2026, 2027], overrides: DECREE_OVERRIDES });

/** The same but only what the library knows: no decree transfers. */
export const moscowLibraryOnly: WorkingCalendar = buildRussianCalendar({ years: [2025, 2026, 2027] });

/** A local wall-clock time (`2026-06-11T10:00`) in a zone, as the instant the functions take. */
export function local(isoLocal: string, zone = 'Europe/Moscow'): Date {
  const dt = DateTime.fromISO(isoLocal, { zone });
  if (!dt.isValid) throw new Error(`bad test time ${isoLocal}`);
  return dt.toJSDate();
}

/** The instant as UTC text, so that assertions pin the exact moment, not a local reading. */
export const utc = (d: Date): string => d.toISOString();
