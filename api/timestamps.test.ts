import { describe, expect, it } from 'vitest';
import { isoTimestamp, isoTimestampOrNull } from './timestamps.ts';

describe('isoTimestamp', () => {
  it.each([
    ['2026-11-24 09:00:00+00', '2026-11-24T09:00:00.000Z'],
    ['2026-11-24 09:00:00.1+00', '2026-11-24T09:00:00.100Z'],
    ['2026-11-24 09:00:00.123456+00', '2026-11-24T09:00:00.123Z'],
    ['2026-11-24 12:00:00.5+03', '2026-11-24T09:00:00.500Z'],
    ['2026-11-24 05:30:00-03:30', '2026-11-24T09:00:00.000Z'],
  ])('writes PostgreSQL text %s as %s, the same instant Date reads', (text, iso) => {
    expect(isoTimestamp(text)).toBe(iso);
  });

  it('writes a Date as toISOString does, and null as null', () => {
    const d = new Date('2026-01-02T03:04:05.678Z');
    expect(isoTimestamp(d)).toBe('2026-01-02T03:04:05.678Z');
    expect(isoTimestampOrNull(null)).toBeNull();
  });
});
