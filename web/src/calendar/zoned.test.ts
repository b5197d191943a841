// The company's clock, whatever the browser's: Moscow has no daylight saving, Berlin does.
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, dayOf, fromLocalInput, toLocalInput, weekStart, zonedInstant } from './zoned.ts';

describe('calendar arithmetic in the company zone', () => {
  it('turns a wall-clock time at the company into the instant and back', () => {
    expect(zonedInstant('2026-11-24', 10, 0, 'Europe/Moscow').toISOString()).toBe('2026-11-24T07:00:00.000Z');
    expect(fromLocalInput('2026-11-24T10:30', 'Asia/Novosibirsk')).toBe('2026-11-24T03:30:00.000Z');
    expect(toLocalInput('2026-11-24T07:00:00Z', 'Europe/Moscow')).toBe('2026-11-24T10:00');
    expect(zonedInstant('2026-03-29', 12, 0, 'Europe/Berlin').toISOString()).toBe('2026-03-29T10:00:00.000Z');
    expect(fromLocalInput('', 'Europe/Moscow')).toBeNull();
  });

  it('counts days, weeks from Monday and months on the calendar', () => {
    expect(dayOf('2026-11-23T22:30:00Z', 'Europe/Moscow')).toBe('2026-11-24');
    expect(weekStart('2026-11-29')).toBe('2026-11-23');
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-01');
  });
});
