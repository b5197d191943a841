// Deadlines as the interpreter computes them: calendar time is exact; working time follows the
// route's calendar (weekends, holidays), so a Friday afternoon task due in 1 working day is due
// on Monday evening, not on Saturday.
import { describe, expect, it } from 'vitest';
import { buildRussianCalendar } from '../calendar/russian-calendar.ts';
import { after, before, fromDateVariable } from './deadline.ts';

const calendar = buildRussianCalendar({ years: [2026, 2027] });
const at = (iso: string) => new Date(iso);

describe('deadlines', () => {
  it('adds calendar durations exactly', () => {
    expect(after(undefined, at('2026-11-20T12:00:00Z'), 'P1D').toISOString()).toBe('2026-11-21T12:00:00.000Z');
    expect(before(undefined, at('2026-11-21T12:00:00Z'), 'PT2H').toISOString()).toBe('2026-11-21T10:00:00.000Z');
  });

  it('adds working days on the Russian calendar, skipping the weekend', () => {
    // Friday 2026-11-20 15:00 Moscow (12:00 UTC) + 1 working day = Monday 18:00 Moscow.
    expect(after(calendar, at('2026-11-20T12:00:00Z'), { working: 'P1D' }).toISOString()).toBe('2026-11-23T15:00:00.000Z');
    // Friday 17:00 Moscow + 2 working hours = Monday 10:00 Moscow.
    expect(after(calendar, at('2026-11-20T14:00:00Z'), { working: 'PT2H' }).toISOString()).toBe('2026-11-23T07:00:00.000Z');
  });

  it('skips public holidays: National Unity Day, 4 November 2026', () => {
    // Tuesday 3 November (a shortened pre-holiday day) + 1 working day = Thursday 5 November, 18:00.
    expect(after(calendar, at('2026-11-03T09:00:00Z'), { working: 'P1D' }).toISOString()).toBe('2026-11-05T15:00:00.000Z');
  });

  it('computes "3 working days before the invoice is due"', () => {
    // Due Thursday 2026-11-26: three working days before is Monday 23 November, at 09:00 Moscow.
    expect(fromDateVariable(calendar, '2026-11-26', { working: 'P3D' }, 'before').toISOString()).toBe('2026-11-23T06:00:00.000Z');
    // Due Monday 2026-11-30: back over the weekend to Wednesday 25 November.
    expect(fromDateVariable(calendar, '2026-11-30', { working: 'P3D' }, 'before').toISOString()).toBe('2026-11-25T06:00:00.000Z');
  });

  it('refuses working time without a calendar rather than guessing', () => {
    expect(() => after(undefined, at('2026-11-20T12:00:00Z'), { working: 'P1D' })).toThrow(/no working calendar/);
  });
});
