// The SLA clock's words at and around the due minute.
import { describe, expect, it } from 'vitest';
import { clockLabel } from './clock-label.ts';

const MIN = 60_000;

describe('the complaint SLA clock label', () => {
  it('says "due now" at the due minute, from either side, and never a zero overdue', () => {
    expect(clockLabel({ leftMs: 0, overdue: true, paused: false })).toEqual({ key: 'dueNow', tone: 'due' });
    expect(clockLabel({ leftMs: -59_999, overdue: true, paused: false })).toEqual({ key: 'dueNow', tone: 'due' });
    expect(clockLabel({ leftMs: 59_999, overdue: false, paused: false })).toEqual({ key: 'dueNow', tone: 'due' });
  });

  it('counts whole hours and minutes left or overdue', () => {
    expect(clockLabel({ leftMs: -MIN, overdue: true, paused: false })).toEqual({ key: 'overdue', h: 0, m: 1, tone: 'late' });
    expect(clockLabel({ leftMs: -(125 * MIN + 30_000), overdue: true, paused: false })).toEqual({ key: 'overdue', h: 2, m: 5, tone: 'late' });
    expect(clockLabel({ leftMs: 61 * MIN, overdue: false, paused: false })).toEqual({ key: 'left', h: 1, m: 1, tone: 'ok' });
  });

  it('shows a paused clock with what is left, never below zero', () => {
    expect(clockLabel({ leftMs: 90 * MIN, overdue: false, paused: true })).toEqual({ key: 'paused', h: 1, m: 30, tone: 'paused' });
    expect(clockLabel({ leftMs: -5 * MIN, overdue: true, paused: true })).toEqual({ key: 'paused', h: 0, m: 0, tone: 'paused' });
  });
});
