// Deadlines a business person can check against the 2025-2026 production calendar, asserted as
// UTC instants (Moscow is UTC+3 all year, so 18:00 Moscow is 15:00Z).
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  addWorkingDuration,
  addWorkingHours,
  isWorkingDay,
  subtractWorkingDays,
  workingTimeBetween,
} from './calendar-math.ts';
import { local, moscow, moscowLibraryOnly, utc } from './test-calendars.ts';
import { STANDARD_WEEK, type WorkingCalendar } from './working-calendar.ts';
import { parseWorkingDuration } from './working-duration.ts';

const HOUR = 3_600_000;

describe('isWorkingDay', () => {
  it('knows weekends, holidays, decree days off and a working Saturday', () => {
    expect(isWorkingDay(moscow, '2026-06-11')).toBe(true); // Thursday
    expect(isWorkingDay(moscow, '2026-06-13')).toBe(false); // Saturday
    expect(isWorkingDay(moscow, '2026-06-12')).toBe(false); // Russia Day
    expect(isWorkingDay(moscow, '2026-03-09')).toBe(false); // Mar 8 was a Sunday
    expect(isWorkingDay(moscow, '2026-01-09')).toBe(false); // decree transfer
    expect(isWorkingDay(moscow, '2025-11-01')).toBe(true); // working Saturday
    expect(isWorkingDay(moscow, '2025-11-03')).toBe(false); // the Monday it bought
  });

  it('refuses what is not a date', () => {
    expect(() => isWorkingDay(moscow, '2026-02-30')).toThrow(/not a date/);
    expect(() => isWorkingDay(moscow, '11.06.2026')).toThrow(/not a date/);
  });
});

describe('addWorkingDays', () => {
  it('Friday 15:00 + 1 working day is Monday at the end of working hours', () => {
    expect(utc(addWorkingDays(moscow, local('2026-06-05T15:00'), 1))).toBe('2026-06-08T15:00:00.000Z');
  });

  it('skips a public holiday: Thursday 2026-06-11 10:00 + 1 is Monday 2026-06-15 18:00', () => {
    expect(utc(addWorkingDays(moscow, local('2026-06-11T10:00'), 1))).toBe('2026-06-15T15:00:00.000Z');
  });

  it('skips the New Year break: Wednesday 2026-12-30 + 2 is Tuesday 2027-01-12', () => {
    // Dec 31 is off by decree, Jan 1-8 are holidays, Jan 9-10 a weekend.
    expect(utc(addWorkingDays(moscow, local('2026-12-30T11:00'), 2))).toBe('2027-01-12T15:00:00.000Z');
    // Without the decree, Dec 31 is a short working day (until 17:00) and counts as the first.
    expect(utc(addWorkingDays(moscowLibraryOnly, local('2026-12-30T11:00'), 1))).toBe('2026-12-31T14:00:00.000Z');
    expect(utc(addWorkingDays(moscowLibraryOnly, local('2026-12-30T11:00'), 2))).toBe('2027-01-11T15:00:00.000Z');
  });

  it('a start on a day off counts from the next working day', () => {
    expect(utc(addWorkingDays(moscow, local('2026-06-06T11:00'), 1))).toBe('2026-06-08T15:00:00.000Z'); // Saturday
    expect(utc(addWorkingDays(moscow, local('2026-06-12T11:00'), 2))).toBe('2026-06-16T15:00:00.000Z'); // holiday
  });

  it('ends a shortened pre-holiday day an hour early', () => {
    expect(utc(addWorkingDays(moscow, local('2026-11-02T10:00'), 1))).toBe('2026-11-03T14:00:00.000Z');
  });

  it('counts a decree working Saturday, which is short before the Nov 4 holiday', () => {
    expect(utc(addWorkingDays(moscow, local('2025-10-31T15:00'), 1))).toBe('2025-11-01T14:00:00.000Z');
    expect(utc(addWorkingDays(moscow, local('2025-10-31T15:00'), 2))).toBe('2025-11-05T15:00:00.000Z');
  });

  it('0 days is the end of today, or of the next working day once today is over', () => {
    expect(utc(addWorkingDays(moscow, local('2026-06-08T10:00'), 0))).toBe('2026-06-08T15:00:00.000Z');
    expect(utc(addWorkingDays(moscow, local('2026-06-08T19:00'), 0))).toBe('2026-06-09T15:00:00.000Z');
    expect(utc(addWorkingDays(moscow, local('2026-06-06T10:00'), 0))).toBe('2026-06-08T15:00:00.000Z');
  });

  it('rejects a negative or fractional number of days', () => {
    expect(() => addWorkingDays(moscow, local('2026-06-08T10:00'), -1)).toThrow(/whole number/);
    expect(() => addWorkingDays(moscow, local('2026-06-08T10:00'), 1.5)).toThrow(/whole number/);
  });
});

describe('addWorkingHours', () => {
  it('Friday 17:00 + 2 working hours is Monday 10:00', () => {
    expect(utc(addWorkingHours(moscow, local('2026-06-05T17:00'), 2))).toBe('2026-06-08T07:00:00.000Z');
  });

  it('skips the lunch break', () => {
    expect(utc(addWorkingHours(moscow, local('2026-06-08T12:00'), 2))).toBe('2026-06-08T12:00:00.000Z'); // 15:00
  });

  it('8 working hours from the start of a day end at its close', () => {
    expect(utc(addWorkingHours(moscow, local('2026-06-08T09:00'), 8))).toBe('2026-06-08T15:00:00.000Z');
  });

  it('stops at the end of an interval rather than jumping to the next one', () => {
    expect(utc(addWorkingHours(moscow, local('2026-06-05T16:00'), 2))).toBe('2026-06-05T15:00:00.000Z');
  });

  it('a shortened day ends at 17:00, then the holiday is skipped', () => {
    // Tue 2026-11-03 16:00-17:00, Nov 4 holiday, Thu 09:00-10:00.
    expect(utc(addWorkingHours(moscow, local('2026-11-03T16:00'), 2))).toBe('2026-11-05T07:00:00.000Z');
  });

  it('takes fractions of an hour and starts before opening time at opening time', () => {
    expect(utc(addWorkingHours(moscow, local('2026-06-08T07:00'), 1.5))).toBe('2026-06-08T07:30:00.000Z');
  });

  it('zero hours is the start itself; negative hours are refused', () => {
    expect(utc(addWorkingHours(moscow, local('2026-06-06T03:00'), 0))).toBe('2026-06-06T00:00:00.000Z');
    expect(() => addWorkingHours(moscow, local('2026-06-06T03:00'), -1)).toThrow(/>= 0/);
  });
});

describe('subtractWorkingDays', () => {
  it('due Thursday, 3 working days before is Monday 09:00', () => {
    expect(utc(subtractWorkingDays(moscow, '2026-06-18', 3))).toBe('2026-06-15T06:00:00.000Z');
  });

  it('due Monday, 3 working days before is the previous Wednesday', () => {
    expect(utc(subtractWorkingDays(moscow, '2026-06-22', 3))).toBe('2026-06-17T06:00:00.000Z');
    // Monday 2026-06-15 follows the Russia Day Friday: Thursday 1, Wednesday 2, Tuesday 3.
    expect(utc(subtractWorkingDays(moscow, '2026-06-15', 3))).toBe('2026-06-09T06:00:00.000Z');
  });

  it('due on a weekend, counts back from the Friday before', () => {
    expect(utc(subtractWorkingDays(moscow, '2026-06-20', 3))).toBe('2026-06-16T06:00:00.000Z');
    expect(utc(subtractWorkingDays(moscow, '2026-06-20', 0))).toBe('2026-06-19T06:00:00.000Z');
  });

  it('reads an instant as its Moscow date', () => {
    // 2026-06-17T22:30Z is already Thursday 01:30 in Moscow.
    expect(utc(subtractWorkingDays(moscow, new Date('2026-06-17T22:30:00Z'), 3))).toBe('2026-06-15T06:00:00.000Z');
  });
});

describe('workingTimeBetween', () => {
  it('counts only working time, with the sign of the direction', () => {
    const a = local('2026-06-05T17:00');
    const b = local('2026-06-08T10:00');
    expect(workingTimeBetween(moscow, a, b)).toBe(2 * HOUR);
    expect(workingTimeBetween(moscow, b, a)).toBe(-2 * HOUR);
    expect(workingTimeBetween(moscow, local('2026-06-22T00:00'), local('2026-06-29T00:00'))).toBe(40 * HOUR);
    // The week of Russia Day: Thursday is an hour short and Friday is off.
    expect(workingTimeBetween(moscow, local('2026-06-08T00:00'), local('2026-06-15T00:00'))).toBe(31 * HOUR);
    expect(workingTimeBetween(moscow, local('2026-06-08T00:00'), local('2026-06-08T00:00'))).toBe(0);
  });

  it('is the inverse of addWorkingHours', () => {
    const from = local('2026-11-02T15:20');
    const to = addWorkingHours(moscow, from, 13.25);
    expect(workingTimeBetween(moscow, from, to)).toBe(13.25 * HOUR);
  });
});

describe('time zones', () => {
  it('Moscow is UTC+3 in winter and in summer', () => {
    expect(utc(addWorkingDays(moscow, local('2026-01-09T12:00'), 1))).toBe('2026-01-12T15:00:00.000Z');
    expect(utc(addWorkingHours(moscow, local('2026-01-08T12:00'), 1))).toBe('2026-01-12T07:00:00.000Z');
    expect(utc(addWorkingHours(moscow, local('2026-07-06T09:00'), 1))).toBe('2026-07-06T07:00:00.000Z');
  });

  it('reads hours in the calendar zone, not the machine zone', () => {
    const vladivostok: WorkingCalendar = { ...moscow, timeZone: 'Asia/Vladivostok' };
    expect(utc(addWorkingDays(vladivostok, local('2026-06-11T10:00', 'Asia/Vladivostok'), 1))).toBe('2026-06-15T08:00:00.000Z');
  });

  it('keeps wall-clock hours across a daylight-saving change', () => {
    const berlin: WorkingCalendar = { timeZone: 'Europe/Berlin', workingHours: STANDARD_WEEK, holidays: [], workingDays: [], shortDays: [] };
    // Clocks go forward on Sunday 2026-03-29: Friday 17:00 is 16:00Z, Monday 10:00 is 08:00Z.
    expect(utc(addWorkingHours(berlin, local('2026-03-27T17:00', 'Europe/Berlin'), 2))).toBe('2026-03-30T08:00:00.000Z');
  });
});

describe('addWorkingDuration', () => {
  it('P1DT2H from Friday 15:00 is Monday 18:00 plus two working hours: Tuesday 11:00', () => {
    expect(utc(addWorkingDuration(moscow, local('2026-06-05T15:00'), parseWorkingDuration('P1DT2H')))).toBe('2026-06-09T08:00:00.000Z');
    expect(utc(addWorkingDuration(moscow, local('2026-06-05T15:00'), parseWorkingDuration('P3D')))).toBe('2026-06-10T15:00:00.000Z');
    expect(utc(addWorkingDuration(moscow, local('2026-06-05T17:00'), parseWorkingDuration('PT90M')))).toBe('2026-06-08T06:30:00.000Z');
  });
});
