// The working calendar: data (working-calendar.ts), deadline arithmetic (calendar-math.ts),
// working durations (working-duration.ts) and the Russian production-calendar builder.
// Workflow code imports calendar-math.ts and working-duration.ts directly rather than this
// index, so that the holiday library behind the builder stays out of the workflow bundle.
export {
  addWorkingDays,
  addWorkingDuration,
  addWorkingHours,
  isWorkingDay,
  subtractWorkingDays,
  workingTimeBetween,
} from './calendar-math.ts';
export { MAX_SEARCH_DAYS, WEEKDAYS, type Weekday } from './calendar-days.ts';
export { buildRussianCalendar, DEFAULT_TIME_ZONE, type CalendarOverrides, type RussianCalendarOptions } from './russian-calendar.ts';
export {
  STANDARD_DAY,
  STANDARD_WEEK,
  dayHoursSchema,
  isoDateSchema,
  weeklyHoursSchema,
  workingCalendarSchema,
  workingIntervalSchema,
  type DayHours,
  type WeeklyHours,
  type WorkingCalendar,
  type WorkingInterval,
} from './working-calendar.ts';
export { checkWorkingDuration, parseWorkingDuration, type WorkingDuration, type WorkingDurationCheck } from './working-duration.ts';
