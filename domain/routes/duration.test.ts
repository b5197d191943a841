import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration.ts';

describe('parseDuration', () => {
  it('reads weeks, days, hours and minutes', () => {
    expect(parseDuration('P2D')).toEqual({ ok: true, ms: 2 * 86_400_000 });
    expect(parseDuration('PT4H30M')).toEqual({ ok: true, ms: 4.5 * 3_600_000 });
    expect(parseDuration('P1W')).toEqual({ ok: true, ms: 7 * 86_400_000 });
  });
  it('explains what is wrong', () => {
    expect(parseDuration('2 days')).toMatchObject({ ok: false, reason: expect.stringContaining('ISO 8601') as string });
    expect(parseDuration('P1M')).toMatchObject({ ok: false, reason: expect.stringContaining('months or years') as string });
    expect(parseDuration('PT0S')).toMatchObject({ ok: false, reason: expect.stringContaining('longer than zero') as string });
    expect(parseDuration('P400D')).toMatchObject({ ok: false, reason: expect.stringContaining('longer than a year') as string });
  });
});
