// Company-wide settings. The working calendar: time zone, weekly hours, the subject of the
// federation for regional holidays, and the yearly decree transfers no holiday library carries.
// Publishing a route builds its calendar from these, so each version keeps the calendar it had.
import { defineEntity, p } from '@mikro-orm/core';
import { Employee } from '../organisation/entities.ts';
import type { CalendarOverrides } from './russian-calendar.ts';
import type { WeeklyHours } from './working-calendar.ts';

export const COMPANY_SETTINGS_ID = 'company';

export const CalendarSettings = defineEntity({
  name: 'CalendarSettings',
  properties: {
    /** One row per company; this product runs one company per database. */
    id: p.string().primary(),
    timeZone: p.string(),
    region: p.string().nullable(),
    hours: p.json<WeeklyHours>().nullable(),
    overrides: p.json<CalendarOverrides>(),
    updatedAt: p.datetime(),
    updatedBy: () => p.manyToOne(Employee).ref().nullable(),
  },
});
