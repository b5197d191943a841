import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration, withWorking } from './duration.ts';

describe('the duration picker <-> ISO durations', () => {
  it('reads a single-part calendar or working duration as number + unit', () => {
    expect(parseDuration('P2D')).toEqual({ amount: 2, unit: 'days', working: false });
    expect(parseDuration({ working: 'PT4H' })).toEqual({ amount: 4, unit: 'hours', working: true });
    expect(parseDuration('PT30M')).toEqual({ amount: 30, unit: 'minutes', working: false });
    expect(parseDuration('P1W')).toEqual({ amount: 1, unit: 'weeks', working: false });
    expect(parseDuration({ working: 'PT0M' })).toEqual({ amount: 0, unit: 'minutes', working: true });
  });

  it('leaves several parts, months and nonsense to the ISO text field', () => {
    expect(parseDuration('P1DT4H')).toBeNull();
    expect(parseDuration('PT4H30M')).toBeNull();
    expect(parseDuration('P1M')).toBeNull();
    expect(parseDuration('P')).toBeNull();
    expect(parseDuration('PT')).toBeNull();
    expect(parseDuration('two days')).toBeNull();
  });

  it('writes what the picker shows back as the language writes it', () => {
    expect(formatDuration({ amount: 3, unit: 'days', working: true })).toEqual({ working: 'P3D' });
    expect(formatDuration({ amount: 8, unit: 'hours', working: false })).toBe('PT8H');
    expect(formatDuration({ amount: 15, unit: 'minutes', working: false })).toBe('PT15M');
    expect(formatDuration({ amount: 2, unit: 'weeks', working: false })).toBe('P2W');
    for (const spec of ['P2D', { working: 'PT4H' }, 'PT30M', { working: 'P1D' }] as const) {
      expect(formatDuration(parseDuration(spec)!)).toEqual(spec);
    }
  });

  it('switches between working and calendar time keeping the length', () => {
    expect(withWorking('P1DT4H', true)).toEqual({ working: 'P1DT4H' });
    expect(withWorking({ working: 'P2D' }, false)).toBe('P2D');
  });
});
