// Company settings: the working calendar every route version is published with. Everyone may
// read it (deadlines depend on it); only admins change it. Running cases keep their version's
// calendar; a change applies to versions published after it.
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { isoDateSchema, weeklyHoursSchema } from '../../domain/calendar/working-calendar.ts';
import type { AppEnv } from '../context.ts';
import { json, jsonBody } from '../openapi.ts';
import { requireRole } from '../auth/authenticate.ts';
import { problems, validationHook } from '../problem.ts';
import { loadCalendarSettings, saveCalendarSettings } from '../../domain/calendar/calendar-settings.ts';

const dates = z.array(isoDateSchema).max(400).optional();
const calendarInputSchema = z
  .object({
    timeZone: z.string().min(1).max(64).openapi({ example: 'Europe/Moscow' }),
    region: z.string().max(8).nullable().optional().openapi({ description: 'Subject of the federation as date-holidays codes it (TA, BA); adds regional holidays' }),
    hours: weeklyHoursSchema.nullable().optional().openapi({ description: 'Weekly hours; default Mon-Fri 09:00-18:00 with lunch 13:00-14:00' }),
    overrides: z
      .object({ holidays: dates, workingDays: dates, shortDays: dates })
      .strict()
      .openapi({ description: 'The government decree transfers of each year: extra days off, working Saturdays, shortened days' }),
  })
  .strict()
  .openapi('CalendarSettingsInput');
// Its own object, not an extension of the strict input: the document renders an extension as
// allOf of two closed objects, which no response can satisfy.
const calendarSchema = z
  .object({
    timeZone: z.string().openapi({ example: 'Europe/Moscow' }),
    region: z.string().nullable(),
    hours: weeklyHoursSchema.nullable().openapi({ description: 'Weekly hours; null: Mon-Fri 09:00-18:00 with lunch 13:00-14:00' }),
    overrides: calendarInputSchema.shape.overrides,
    updatedAt: z.iso.datetime().nullable().openapi({ description: 'null until an admin first saves the settings' }),
    updatedBy: z.uuid().nullable(),
  })
  .openapi('CalendarSettings');

export const settingsApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get', path: '/calendar', tags: ['Settings'], summary: "The company's working calendar settings",
      responses: { 200: { description: 'Settings (defaults until an admin saves them)', ...json(calendarSchema) }, ...problems(401) },
    }),
    async (c) => c.json(await loadCalendarSettings(c.var.em), 200),
  )
  .openapi(
    createRoute({
      method: 'put', path: '/calendar', tags: ['Settings'], summary: 'Change the working calendar (admins); applies to versions published from now on',
      middleware: [requireRole('admin')] as const,
      request: { ...jsonBody(calendarInputSchema) },
      responses: { 200: { description: 'Saved', ...json(calendarSchema) }, ...problems(400, 401, 403) },
    }),
    async (c) => c.json(await saveCalendarSettings(c.var.em, c.var.actor, c.req.valid('json')), 200),
  );
