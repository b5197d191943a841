// Dates, times and rubles with Intl, in the chosen language and the company's time zone (from
// GET /api/settings/calendar), so a deadline reads the same wherever the browser is.
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { client, unwrap } from './api.ts';
import { localeOf } from './i18n.ts';

export function useTimeZone(): string {
  const { data } = useQuery({
    queryKey: ['calendar'],
    queryFn: () => unwrap(client.api.settings.calendar.$get()),
    staleTime: 10 * 60_000,
  });
  return data?.timeZone ?? 'Europe/Moscow';
}

export interface Formatter {
  dateTime: (iso: string) => string;
  date: (iso: string) => string;
  rub: (amount: number) => string;
  /** The calendar day (YYYY-MM-DD) of an instant in the company's zone. */
  dayKey: (iso: string | Date) => string;
  timeZone: string;
  locale: string;
}

export function makeFormatter(lang: string, timeZone: string): Formatter {
  const locale = localeOf(lang);
  const dt = new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  const dtYear = new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  const d = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium' });
  const dateOnly = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', dateStyle: 'medium' });
  const key = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const rub = new Intl.NumberFormat(locale, { style: 'currency', currency: 'RUB' });
  const thisYear = new Date().getFullYear();
  return {
    dateTime: (iso) => (new Date(iso).getFullYear() === thisYear ? dt : dtYear).format(new Date(iso)),
    // A bare YYYY-MM-DD is a calendar date, not an instant: shown as written, no zone shift.
    date: (iso) => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? dateOnly.format(new Date(`${iso}T00:00:00Z`)) : d.format(new Date(iso))),
    rub: (amount) => rub.format(amount),
    dayKey: (v) => key.format(typeof v === 'string' ? new Date(v) : v),
    timeZone,
    locale,
  };
}

export function useFormat(): Formatter {
  const { i18n } = useTranslation();
  const timeZone = useTimeZone();
  return useMemo(() => makeFormatter(i18n.language, timeZone), [i18n.language, timeZone]);
}
