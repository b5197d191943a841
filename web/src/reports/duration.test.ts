import { describe, expect, it } from 'vitest';
import { formatWorkingMs, targetMs } from './duration.ts';

const H = 3_600_000;

describe('working durations for people', () => {
  it('reads days of eight working hours and hours, in Russian and English', () => {
    // 2 working days (16 h) + 3 h = 19 h.
    expect(formatWorkingMs(19 * H, 'ru')).toBe('2 д 3 ч');
    expect(formatWorkingMs(19 * H, 'en')).toBe('2 d 3 h');
    expect(formatWorkingMs(8 * H, 'ru')).toBe('1 д');
    expect(formatWorkingMs(5 * H + 10 * 60_000, 'en')).toBe('5 h 10 min');
    expect(formatWorkingMs(45 * 60_000, 'ru')).toBe('45 мин');
    // 15 h 40 min: 1 day and 7.67 h, which rounds to a second whole day.
    expect(formatWorkingMs(15 * H + 40 * 60_000, 'en')).toBe('2 d');
    expect(formatWorkingMs(-3 * H, 'en')).toBe('−3 h');
  });

  it('turns a route due time into working milliseconds', () => {
    expect(targetMs('P3D')).toBe(24 * H);
    expect(targetMs('PT4H')).toBe(4 * H);
    expect(targetMs('P1DT4H')).toBe(12 * H);
    expect(targetMs(null)).toBeNull();
    expect(targetMs('tomorrow')).toBeNull();
  });
});
