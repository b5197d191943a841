// The working calendar as data: a company's weekly hours, its days off and its transfers, in a
// JSON shape that is stored inside a published route version so that a running route keeps the
// calendar it started with, and so that workflow code can compute deadlines without any I/O.
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { WEEKDAYS, minutesOfDay } from './calendar-days.ts';

const timeSchema = z.string().regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be a time HH:mm from 00:00 to 24:00');

export const workingIntervalSchema = z
  .object({ from: timeSchema, to: timeSchema })
  .strict()
  .refine((i) => minutesOfDay(i.from) < minutesOfDay(i.to), { message: '"from" must be before "to"', path: ['to'] });
export type WorkingInterval = z.infer<typeof workingIntervalSchema>;

// Intervals stay inside one local day: a night shift is two intervals on two weekdays.
export const dayHoursSchema = z
  .array(workingIntervalSchema)
  .max(24)
  .refine((list) => list.every((iv, i) => i === 0 || minutesOfDay(list[i - 1]?.to ?? '00:00') <= minutesOfDay(iv.from)), {
    message: 'intervals must be in time order and must not overlap',
  });
export type DayHours = z.infer<typeof dayHoursSchema>;

/** Hours per ISO weekday; a weekday that is missing or empty is a day off (a weekend). */
export const weeklyHoursSchema = z
  .object({
    mon: dayHoursSchema.optional(),
    tue: dayHoursSchema.optional(),
    wed: dayHoursSchema.optional(),
    thu: dayHoursSchema.optional(),
    fri: dayHoursSchema.optional(),
    sat: dayHoursSchema.optional(),
    sun: dayHoursSchema.optional(),
  })
  .strict();
export type WeeklyHours = z.infer<typeof weeklyHoursSchema>;

export const isoDateSchema = z.iso.date({ message: 'must be a date YYYY-MM-DD' });

export const workingCalendarSchema = z
  .object({
    /** IANA zone in which the hours and dates are read, e.g. `Europe/Moscow`. */
    timeZone: z.string().refine((tz) => IANAZone.isValidZone(tz), { message: 'must be an IANA time zone such as Europe/Moscow' }),
    workingHours: weeklyHoursSchema,
    /**
     * Hours of a transferred working day that falls on a weekday without hours (a working
     * Saturday). Absent: Monday's hours, since such a day replaces an ordinary weekday.
     */
    transferDayHours: dayHoursSchema.optional(),
    /** Days off although their weekday has hours: public holidays and transferred days off. */
    holidays: z.array(isoDateSchema),
    /** Working days although their weekday has no hours: the working Saturdays of a transfer. */
    workingDays: z.array(isoDateSchema),
    /** Working days that end one hour earlier (the day before a public holiday). */
    shortDays: z.array(isoDateSchema),
    /** Years whose official days off are included; outside them only the weekly hours apply. */
    years: z.array(z.int().min(1900).max(2999)).optional(),
    /** Where the data came from, for whoever audits a deadline later. */
    source: z.string().max(500).optional(),
  })
  .strict()
  .superRefine((cal, ctx) => {
    const off = new Set(cal.holidays);
    for (const [i, d] of cal.workingDays.entries()) {
      if (off.has(d)) ctx.addIssue({ code: 'custom', path: ['workingDays', i], message: `${d} is listed both as a holiday and as a working day` });
    }
    const weekly = WEEKDAYS.some((w) => (cal.workingHours[w]?.length ?? 0) > 0);
    if (!weekly) ctx.addIssue({ code: 'custom', path: ['workingHours'], message: 'at least one weekday must have working hours' });
  });

export type WorkingCalendar = z.infer<typeof workingCalendarSchema>;

/** Monday to Friday 09:00-18:00 with a lunch break 13:00-14:00: the 40-hour week of the Labour Code. */
export const STANDARD_DAY: DayHours = [
  { from: '09:00', to: '13:00' },
  { from: '14:00', to: '18:00' },
];
export const STANDARD_WEEK: WeeklyHours = {
  mon: STANDARD_DAY,
  tue: STANDARD_DAY,
  wed: STANDARD_DAY,
  thu: STANDARD_DAY,
  fri: STANDARD_DAY,
};
