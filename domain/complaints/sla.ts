// The complaint's SLA clock on the company's working calendar. Pure: the caller passes the
// calendar and the instant. A complaint gets registered + 3 working days (the end of the third
// working day after the day it came in; weekends and public holidays skipped); pauses (waiting for
// the client, decided) stop the clock, and the due time moves on by the working time they took.
import { addWorkingDays, addWorkingHours, workingTimeBetween } from '../calendar/calendar-math.ts';
import type { WorkingCalendar } from '../calendar/working-calendar.ts';

export const SLA_WORKING_DAYS = 3;
const HOUR_MS = 3_600_000;

/** The working time a complaint registered at `registeredAt` has, in milliseconds. */
export function slaBudget(cal: WorkingCalendar, registeredAt: Date): number {
  return workingTimeBetween(cal, registeredAt, addWorkingDays(cal, registeredAt, SLA_WORKING_DAYS));
}

/** The due time once closed pauses took `pausedWorkMs` of working time. */
export function dueAfterPauses(cal: WorkingCalendar, registeredAt: Date, budgetMs: number, pausedWorkMs: number): Date {
  return addWorkingHours(cal, registeredAt, (budgetMs + pausedWorkMs) / HOUR_MS);
}

export interface ClockState {
  registeredAt: Date;
  slaBudgetMs: number;
  pausedWorkMs: number;
  pausedSince: Date | null;
  dueAt: Date;
}

export interface ClockView {
  budgetMs: number;
  usedMs: number;
  /** Negative once overdue (zero in the evening of the due day). */
  leftMs: number;
  paused: boolean;
  overdue: boolean;
}

/** Working time used and left at `now`; a paused clock reads as it was when it stopped. */
export function clockAt(cal: WorkingCalendar, s: ClockState, now: Date): ClockView {
  const until = s.pausedSince ?? now;
  const usedMs = Math.max(0, workingTimeBetween(cal, s.registeredAt, until) - s.pausedWorkMs);
  const leftMs = s.slaBudgetMs - usedMs;
  return { budgetMs: s.slaBudgetMs, usedMs, leftMs, paused: s.pausedSince !== null, overdue: until.getTime() > s.dueAt.getTime() };
}
