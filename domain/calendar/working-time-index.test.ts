// The fast working-time index answers exactly what the calendar's own arithmetic answers.
import { describe, expect, it } from 'vitest';
import { workingTimeBetween } from './calendar-math.ts';
import { local, moscow } from './test-calendars.ts';
import { WorkingTimeIndex } from './working-time-index.ts';

const HOUR = 3_600_000;

describe('working time from the index', () => {
  it('counts over a weekend, the short 3 November and the 4 November holiday by hand', () => {
    const index = new WorkingTimeIndex(moscow);
    expect(index.between(local('2026-10-30T16:00'), local('2026-11-05T11:00'))).toBe(19 * HOUR);
    expect(index.between(local('2026-11-05T11:00'), local('2026-10-30T16:00'))).toBe(-19 * HOUR);
    expect(index.between(local('2026-11-04T10:00'), local('2026-11-04T15:00'))).toBe(0);
    expect(index.between(local('2026-11-16T12:30'), local('2026-11-16T14:30'))).toBe(1 * HOUR);
  });

  it('agrees with workingTimeBetween on 500 pairs of instants across 2025-2027', () => {
    const index = new WorkingTimeIndex(moscow);
    const start = local('2025-01-01T00:00').getTime();
    const span = local('2027-12-01T00:00').getTime() - start;
    // A fixed pseudo-random walk, so a failure can be repeated.
    let seed = 20261124;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 500; i++) {
      const a = new Date(start + Math.floor(next() * span));
      const b = new Date(a.getTime() + Math.floor(next() * 40 * 86_400_000));
      expect(index.between(a, b), `${a.toISOString()} - ${b.toISOString()}`).toBe(workingTimeBetween(moscow, a, b));
    }
  });
});
