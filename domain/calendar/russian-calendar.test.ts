// The Russian production calendar as built from date-holidays, checked against the official
// yearly totals (247 working days and 1972 hours of a 40-hour week in 2025 and in 2026).
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { isWorkingDay, workingTimeBetween } from './calendar-math.ts';
import { buildRussianCalendar } from './russian-calendar.ts';
import { DECREE_OVERRIDES, local, moscow, moscowLibraryOnly } from './test-calendars.ts';
import { workingCalendarSchema, type WorkingCalendar } from './working-calendar.ts';

function workingDaysIn(cal: WorkingCalendar, year: number): number {
  const first = DateTime.fromISO(`${year}-01-01`);
  const days = first.plus({ years: 1 }).diff(first, 'days').days;
  return Array.from({ length: days }, (_, i) => first.plus({ days: i }).toISODate() ?? '').filter((d) => isWorkingDay(cal, d)).length;
}

const hoursIn = (cal: WorkingCalendar, year: number): number =>
  workingTimeBetween(cal, local(`${year}-01-01T00:00`), local(`${year + 1}-01-01T00:00`)) / 3_600_000;

describe('buildRussianCalendar: what the library provides', () => {
  it('has the Labour Code holidays of 2026, with Mar 8 on a Sunday moved to Monday Mar 9', () => {
    const cal = buildRussianCalendar({ years: [2026] });
    expect(cal.holidays).toEqual([
      '2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04', '2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08',
      '2026-02-23', '2026-03-08', '2026-03-09', '2026-05-01', '2026-05-09', '2026-06-12', '2026-11-04',
    ]);
    expect(cal.timeZone).toBe('Europe/Moscow');
    expect(cal.source).toBe('date-holidays@3.37.0 RU');
    expect(workingCalendarSchema.safeParse(cal).success).toBe(true);
  });

  it('lacks the decree transfers: a reminder to enter them in overrides (revisit if this fails)', () => {
    for (const d of ['2026-01-09', '2026-05-11', '2026-12-31', '2025-11-03']) expect(isWorkingDay(moscowLibraryOnly, d)).toBe(true);
    expect(isWorkingDay(moscowLibraryOnly, '2025-11-01')).toBe(false);
    expect(moscowLibraryOnly.workingDays).toEqual([]);
  });

  it('derives the shortened day before each public holiday (art. 95)', () => {
    expect(buildRussianCalendar({ years: [2026] }).shortDays).toEqual(['2026-04-30', '2026-05-08', '2026-06-11', '2026-11-03', '2026-12-31']);
  });
});

describe('buildRussianCalendar: with the decree overrides', () => {
  it('matches the official 2026 calendar: days off, short days and yearly totals', () => {
    expect(moscow.shortDays.filter((d) => d.startsWith('2026'))).toEqual(['2026-04-30', '2026-05-08', '2026-06-11', '2026-11-03']);
    expect(workingDaysIn(moscow, 2026)).toBe(247);
    expect(hoursIn(moscow, 2026)).toBe(1972);
  });

  it('matches the official 2025 calendar, with its working Saturday Nov 1', () => {
    expect(moscow.shortDays.filter((d) => d.startsWith('2025'))).toEqual(['2025-03-07', '2025-04-30', '2025-06-11', '2025-11-01']);
    expect(moscow.workingDays).toEqual(['2025-11-01']);
    expect(workingDaysIn(moscow, 2025)).toBe(247);
    expect(hoursIn(moscow, 2025)).toBe(1972);
  });

  it('lets a working day override win over a library holiday, and drops its short eve', () => {
    const cal = buildRussianCalendar({ years: [2026], overrides: { workingDays: ['2026-06-12'] } });
    expect(isWorkingDay(cal, '2026-06-12')).toBe(true);
    expect(cal.shortDays).not.toContain('2026-06-11');
    expect(cal.source).toBe('date-holidays@3.37.0 RU + company overrides');
  });

  it('takes company hours and zone', () => {
    const cal = buildRussianCalendar({
      years: [2026],
      timeZone: 'Asia/Yekaterinburg',
      hours: { mon: [{ from: '08:00', to: '17:00' }], sat: [{ from: '10:00', to: '14:00' }] },
      transferDayHours: [{ from: '10:00', to: '15:00' }],
      overrides: DECREE_OVERRIDES,
    });
    expect(cal.timeZone).toBe('Asia/Yekaterinburg');
    expect(isWorkingDay(cal, '2026-06-13')).toBe(true); // a Saturday, worked here
    expect(isWorkingDay(cal, '2026-06-09')).toBe(false); // Tuesday, not worked here
  });

  it('adds the holidays of a region: Uraza-Bayram in Tatarstan shortens the day before', () => {
    const cal = buildRussianCalendar({ years: [2026], region: 'ta' });
    expect(isWorkingDay(cal, '2026-03-20')).toBe(false);
    expect(cal.shortDays).toContain('2026-03-19');
    expect(isWorkingDay(buildRussianCalendar({ years: [2026] }), '2026-03-20')).toBe(true);
  });

  it('is deterministic', () => {
    expect(buildRussianCalendar({ years: [2027, 2025, 2026, 2025], overrides: DECREE_OVERRIDES })).toEqual(moscow);
  });
});

describe('buildRussianCalendar: invalid options', () => {
  it.each([
    [{ years: [] }, 'years'],
    [{ years: [2026.5] }, 'years'],
    [{ years: [2026], region: 'XX' }, 'region'],
    [{ years: [2026], overrides: { holidays: ['31.12.2026'] } }, 'overrides.holidays[0]'],
    [{ years: [2026], overrides: { holidays: ['2026-06-08'], workingDays: ['2026-06-08'] } }, 'overrides'],
    [{ years: [2026], timeZone: 'Moscow' }, 'timeZone'],
  ])('refuses %j', (opts, path) => {
    try {
      buildRussianCalendar(opts);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('invalid_input');
      expect((e as DomainError).problems[0]?.path).toBe(path);
    }
  });
});
