// The working-duration syntax a process designer writes in a route.
import { describe, expect, it } from 'vitest';
import { checkWorkingDuration, parseWorkingDuration } from './working-duration.ts';

describe('parseWorkingDuration', () => {
  it('reads days, hours and minutes', () => {
    expect(parseWorkingDuration('P3D')).toEqual({ days: 3, ms: 0 });
    expect(parseWorkingDuration('PT8H')).toEqual({ days: 0, ms: 8 * 3_600_000 });
    expect(parseWorkingDuration('PT90M')).toEqual({ days: 0, ms: 90 * 60_000 });
    expect(parseWorkingDuration('P1DT4H30M')).toEqual({ days: 1, ms: 4.5 * 3_600_000 });
    expect(parseWorkingDuration('PT1.5H')).toEqual({ days: 0, ms: 1.5 * 3_600_000 });
    expect(parseWorkingDuration('PT0,25H')).toEqual({ days: 0, ms: 900_000 });
  });

  it.each([
    ['P1W', 'not a working duration'],
    ['P1M', 'not a working duration'],
    ['P1Y', 'not a working duration'],
    ['PT30S', 'not a working duration'],
    ['P1.5D', 'not a working duration'],
    ['PT', 'not a working duration'],
    ['P1DT', 'not a working duration'],
    ['3 days', 'not a working duration'],
    ['', 'not a working duration'],
    ['P0D', 'longer than zero'],
    ['PT0H0M', 'longer than zero'],
    ['P501D', 'more than 500 working days'],
    ['PT4001H', 'more than 4000 working hours'],
  ])('refuses %s', (text, reason) => {
    const r = checkWorkingDuration(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
    expect(() => parseWorkingDuration(text)).toThrow(reason);
  });
});
