// `warnBefore`: when a step is at risk, counted back from its due time - exactly in calendar time,
// over nights, weekends and holidays in working time - and what the validator refuses: a warning
// on a task without a due time, a bad duration, and one not shorter than the due time where the
// two are in the same unit.
import { describe, expect, it } from 'vitest';
import { buildRussianCalendar } from '../calendar/russian-calendar.ts';
import { after, warningAt } from './deadline.ts';
import { problemsOf, route, task } from './graph-checks/test-graphs.ts';

const calendar = buildRussianCalendar({ years: [2026, 2027] });
const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();

describe('warningAt', () => {
  it('counts calendar time back exactly', () => {
    expect(iso(warningAt(undefined, at('2026-11-23T15:00:00Z'), 'PT4H'))).toBe('2026-11-23T11:00:00.000Z');
  });

  it('counts working hours back over the lunch break and the weekend', () => {
    // Friday 2026-11-20 15:00 Moscow + 1 working day = Monday 18:00; 4 working hours before is
    // Monday 14:00 (14:00-18:00 is four hours), not Monday 13:00 or the weekend.
    const due = after(calendar, at('2026-11-20T12:00:00Z'), { working: 'P1D' });
    expect(iso(due)).toBe('2026-11-23T15:00:00.000Z');
    expect(iso(warningAt(calendar, due, { working: 'PT4H' }))).toBe('2026-11-23T11:00:00.000Z');
    // Six working hours before Monday 18:00: 4 h to 14:00, lunch skipped, 2 h more = 11:00.
    expect(iso(warningAt(calendar, due, { working: 'PT6H' }))).toBe('2026-11-23T08:00:00.000Z');
    // Before Monday 11:00 Moscow: 2 h to 09:00, the weekend skipped, 2 h more = Friday 16:00.
    expect(iso(warningAt(calendar, at('2026-11-23T08:00:00Z'), { working: 'PT4H' }))).toBe('2026-11-20T13:00:00.000Z');
  });

  it('steps whole working days back to the same point of an earlier working day, over a holiday', () => {
    // Due Tuesday 2026-11-24 18:00 Moscow: one working day before is Monday 18:00.
    expect(iso(warningAt(calendar, at('2026-11-24T15:00:00Z'), { working: 'P1D' }))).toBe('2026-11-23T15:00:00.000Z');
    // Due Thursday 2026-11-05 12:00 Moscow: 4 November is National Unity Day and 3 November a
    // shortened day (09:00-17:00 with lunch): one working day back is Tuesday 3 November, 3 h into it = 12:00.
    expect(iso(warningAt(calendar, at('2026-11-05T09:00:00Z'), { working: 'P1D' }))).toBe('2026-11-03T09:00:00.000Z');
  });
});

describe('validateGraph: warnBefore', () => {
  it('accepts a warning shorter than the due time, and one in another unit', () => {
    expect(problemsOf(route([task('a', { due: { working: 'P1D' }, warnBefore: { working: 'PT4H' }, next: 'b' }), task('b', { due: 'P2D', warnBefore: { working: 'PT9H' } })]))).toEqual([]);
  });

  it('refuses a warning on a task without a due time, naming the node and the field', () => {
    expect(problemsOf(route([task('a', { warnBefore: 'PT4H' })]))).toEqual([
      { path: 'nodes[0].warnBefore', nodeId: 'a', message: 'the warning is counted back from the due time, so this task needs "due"' },
    ]);
  });

  it('refuses a warning not shorter than the due time, in calendar or in working time', () => {
    const draft = route([
      task('a', { due: 'PT4H', warnBefore: 'PT4H', next: 'b' }),
      task('b', { due: { working: 'P1D' }, warnBefore: { working: 'P1DT2H' }, next: 'c' }),
      task('c', { due: 'P1D', warnBefore: 'PT25H' }),
    ]);
    expect(problemsOf(draft)).toEqual([
      { path: 'nodes[0].warnBefore', nodeId: 'a', message: 'a warning "PT4H" before the due time would come when the step opens or earlier (due "PT4H"); make it shorter than "due"' },
      { path: 'nodes[1].warnBefore', nodeId: 'b', message: 'a warning "P1DT2H" of working time before the due time would come when the step opens or earlier (due "P1D" of working time); make it shorter than "due"' },
      { path: 'nodes[2].warnBefore', nodeId: 'c', message: 'a warning "PT25H" before the due time would come when the step opens or earlier (due "P1D"); make it shorter than "due"' },
    ]);
  });

  it('refuses a bad duration, zero, and a value that is not a duration at all', () => {
    const draft = route([
      task('a', { due: 'P1D', warnBefore: 'soon', next: 'b' }),
      task('b', { due: 'P1D', warnBefore: 'PT0M', next: 'c' }),
      task('c', { due: { working: 'P2D' }, warnBefore: { working: 'P1W' } }),
    ]);
    expect(problemsOf(draft)).toEqual([
      { path: 'nodes[0].warnBefore', nodeId: 'a', message: '"soon" is not an ISO 8601 duration such as P2D or PT4H' },
      { path: 'nodes[1].warnBefore', nodeId: 'b', message: '"PT0M" must be longer than zero' },
      { path: 'nodes[2].warnBefore', nodeId: 'c', message: '"P1W" is not a working duration such as P3D, PT8H, PT90M or P1DT4H (days, hours and minutes only)' },
    ]);
    expect(problemsOf(route([task('a', { due: 'P1D', warnBefore: 4 })]))).toEqual([{ path: 'nodes[0].warnBefore', nodeId: 'a', message: 'expected text or an object' }]);
  });
});
