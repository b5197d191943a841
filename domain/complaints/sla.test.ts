// The complaint SLA on the Russian production calendar with fixed dates: 3 working days skip a
// weekend and a public holiday, and a pause while waiting for the client moves the due time on by
// the working time it took.
import { describe, expect, it } from 'vitest';
import { workingTimeBetween } from '../calendar/calendar-math.ts';
import { buildRussianCalendar } from '../calendar/russian-calendar.ts';
import { clockAt, dueAfterPauses, slaBudget } from './sla.ts';

const cal = buildRussianCalendar({ years: [2026, 2027], timeZone: 'Europe/Moscow' });
const HOUR = 3_600_000;

describe('the complaint SLA', () => {
  it('registered on Tuesday 3 November 2026 is due Monday 9 November: 4 November (Unity Day) and the weekend are skipped', () => {
    const registered = new Date('2026-11-03T10:00:00+03:00');
    const budget = slaBudget(cal, registered);
    const due = dueAfterPauses(cal, registered, budget, 0);
    // Thursday 5, Friday 6, Monday 9: the end of the working day.
    expect(due.toISOString()).toBe(new Date('2026-11-09T18:00:00+03:00').toISOString());
    const atStart = clockAt(cal, { registeredAt: registered, slaBudgetMs: budget, pausedWorkMs: 0, pausedSince: null, dueAt: due }, registered);
    expect(atStart.leftMs).toBe(budget);
    // On the holiday nothing is used up: the same as at the end of Tuesday.
    const tuesdayEvening = clockAt(cal, { registeredAt: registered, slaBudgetMs: budget, pausedWorkMs: 0, pausedSince: null, dueAt: due }, new Date('2026-11-03T20:00:00+03:00'));
    const holiday = clockAt(cal, { registeredAt: registered, slaBudgetMs: budget, pausedWorkMs: 0, pausedSince: null, dueAt: due }, new Date('2026-11-04T12:00:00+03:00'));
    expect(holiday.usedMs).toBe(tuesdayEvening.usedMs);
    const late = clockAt(cal, { registeredAt: registered, slaBudgetMs: budget, pausedWorkMs: 0, pausedSince: null, dueAt: due }, new Date('2026-11-10T10:00:00+03:00'));
    expect(late.overdue).toBe(true);
    expect(late.leftMs).toBe(-1 * HOUR);
  });

  it('a pause while waiting for the client stops the clock and moves the due time on', () => {
    const registered = new Date('2026-11-03T10:00:00+03:00');
    const budget = slaBudget(cal, registered);
    const due = dueAfterPauses(cal, registered, budget, 0);
    // Waiting from Thursday 12:00: at Friday 15:00 the clock still reads Thursday 12:00.
    const pausedSince = new Date('2026-11-05T12:00:00+03:00');
    const paused = clockAt(cal, { registeredAt: registered, slaBudgetMs: budget, pausedWorkMs: 0, pausedSince, dueAt: due }, new Date('2026-11-06T15:00:00+03:00'));
    const atPause = clockAt(cal, { registeredAt: registered, slaBudgetMs: budget, pausedWorkMs: 0, pausedSince: null, dueAt: due }, pausedSince);
    expect(paused.paused).toBe(true);
    expect(paused.usedMs).toBe(atPause.usedMs);
    // The client answered Friday 15:00: Thursday 12-18 and Friday 9-15, less the lunch hours, is 10 working hours.
    const pausedWork = workingTimeBetween(cal, pausedSince, new Date('2026-11-06T15:00:00+03:00'));
    expect(pausedWork).toBe(10 * HOUR);
    // Monday 18:00 + 10 working hours: all of Tuesday (8 h) and Wednesday until 11:00.
    expect(dueAfterPauses(cal, registered, budget, pausedWork).toISOString()).toBe(new Date('2026-11-11T11:00:00+03:00').toISOString());
  });
});
