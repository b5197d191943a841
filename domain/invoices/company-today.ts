// "Today" for due dates is the company's calendar day in its time zone (GET /api/settings/calendar),
// not the server's: an invoice due on the 10th is overdue from midnight of the 11th in Moscow.
import type { EntityManager } from '@mikro-orm/postgresql';
import { COMPANY_SETTINGS_ID } from '../calendar/entities.ts';
import { CalendarSettings } from '../entities/index.ts';

/** The calendar day of `at` in the time zone, YYYY-MM-DD. */
export function dayIn(timeZone: string, at: Date): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

export async function companyToday(em: EntityManager, at: Date = new Date()): Promise<string> {
  const settings = await em.findOne(CalendarSettings, COMPANY_SETTINGS_ID);
  return dayIn(settings?.timeZone ?? 'Europe/Moscow', at);
}
