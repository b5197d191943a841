// What makes the arithmetic safe inside a Temporal workflow: it never reads the clock, gives the
// same answer for the same input, leaves its input alone, and fails fast on a calendar with no
// working time instead of looping.
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addWorkingDays, addWorkingHours, isWorkingDay, subtractWorkingDays, workingTimeBetween } from './calendar-math.ts';
import { local, moscow } from './test-calendars.ts';
import { workingCalendarSchema, type WorkingCalendar } from './working-calendar.ts';

// Built once, outside the calls under test: the test helper itself may read the clock.
const from = local('2026-12-30T11:00');
const until = local('2027-01-13T12:00');

function allResults(cal: WorkingCalendar): unknown[] {
  return [
    addWorkingDays(cal, from, 2).toISOString(),
    addWorkingDays(cal, from, 0).toISOString(),
    addWorkingHours(cal, from, 9.5).toISOString(),
    subtractWorkingDays(cal, '2027-01-11', 3).toISOString(),
    workingTimeBetween(cal, from, until),
    isWorkingDay(cal, '2026-12-31'),
  ];
}

describe('determinism', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('gives the same output for the same input', () => {
    expect(allResults(moscow)).toEqual(allResults(structuredClone(moscow)));
  });

  it('does not read the clock', () => {
    const expected = allResults(moscow);
    vi.useFakeTimers();
    vi.setSystemTime(new Date('1987-03-01T03:33:33Z'));
    expect(allResults(moscow)).toEqual(expected);
    vi.setSystemTime(new Date('2199-07-04T23:59:59Z'));
    expect(allResults(moscow)).toEqual(expected);
  });

  it('never calls Date.now', () => {
    const now = vi.spyOn(Date, 'now');
    allResults(moscow);
    expect(now).not.toHaveBeenCalled();
  });

  it('does not modify the calendar it is given', () => {
    const before = JSON.stringify(moscow);
    allResults(Object.freeze(structuredClone(moscow)));
    expect(JSON.stringify(moscow)).toBe(before);
  });

  it('survives a JSON round trip, as when stored with a route version', () => {
    const stored = workingCalendarSchema.parse(JSON.parse(JSON.stringify(moscow)));
    expect(allResults(stored)).toEqual(allResults(moscow));
  });
});

describe('guards against endless searches', () => {
  const noHours: WorkingCalendar = { timeZone: 'Europe/Moscow', workingHours: {}, holidays: [], workingDays: [], shortDays: [] };

  it('a calendar without any working hours fails with a clear error', () => {
    const from = local('2026-06-08T10:00');
    expect(() => addWorkingDays(noHours, from, 1)).toThrow(/no working hours/);
    expect(() => addWorkingHours(noHours, from, 1)).toThrow(/no working hours/);
    expect(() => subtractWorkingDays(noHours, from, 1)).toThrow(/no working hours/);
  });

  it('a calendar whose every working day is a holiday stops after three years', () => {
    const start = DateTime.fromISO('2026-06-01', { zone: 'Europe/Moscow' });
    const mondays = Array.from({ length: 4 * 53 }, (_, i) => start.plus({ weeks: i }).toISODate() ?? '');
    const cal: WorkingCalendar = { ...noHours, workingHours: { mon: [{ from: '09:00', to: '18:00' }] }, holidays: mondays };
    expect(() => addWorkingDays(cal, local('2026-06-02T10:00'), 1)).toThrow(/more than 1098 days/);
    expect(() => addWorkingHours(cal, local('2026-06-02T10:00'), 1)).toThrow(/more than 1098 days/);
  });

  it('refuses amounts beyond the horizon and periods longer than it', () => {
    expect(() => addWorkingDays(moscow, local('2026-06-08T10:00'), 1000)).toThrow(/more than 1098 days/);
    expect(() => workingTimeBetween(moscow, local('2020-01-01T00:00'), local('2026-01-01T00:00'))).toThrow(/more than 1098 days/);
  });

  it('refuses invalid instants and an unknown time zone', () => {
    expect(() => addWorkingHours(moscow, new Date(Number.NaN), 1)).toThrow(/invalid Date/);
    expect(() => addWorkingHours({ ...moscow, timeZone: 'Mars/Olympus' }, local('2026-06-08T10:00'), 1)).toThrow(/IANA/);
  });
});

describe('workingCalendarSchema', () => {
  it('accepts a built calendar and rejects inconsistent ones', () => {
    expect(workingCalendarSchema.safeParse(moscow).success).toBe(true);
    const bad = (patch: Partial<WorkingCalendar>): boolean => workingCalendarSchema.safeParse({ ...moscow, ...patch }).success;
    expect(bad({ timeZone: 'Moscow' })).toBe(false);
    expect(bad({ workingHours: { mon: [{ from: '14:00', to: '13:00' }] } })).toBe(false);
    expect(bad({ workingHours: { mon: [{ from: '09:00', to: '14:00' }, { from: '13:00', to: '18:00' }] } })).toBe(false);
    expect(bad({ workingHours: { mon: [{ from: '9:00', to: '18:00' }] } })).toBe(false);
    expect(bad({ workingHours: {} })).toBe(false);
    expect(bad({ holidays: ['2026-06-08'], workingDays: ['2026-06-08'] })).toBe(false);
    expect(bad({ shortDays: ['2026-13-01'] })).toBe(false);
    expect(bad({ workingHours: { sat: [{ from: '20:00', to: '24:00' }] } })).toBe(true);
  });
});
