// The company's working calendar settings: read (with defaults when never saved), saved (checked
// by building the calendar from them, so a bad date or zone is refused with its field), and
// turned into the calendar a route version carries.
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import { CalendarSettings, COMPANY_SETTINGS_ID } from './entities.ts';
import { DEFAULT_TIME_ZONE, buildRussianCalendar, type CalendarOverrides } from './russian-calendar.ts';
import type { WeeklyHours, WorkingCalendar } from './working-calendar.ts';

export interface CalendarSettingsInput {
  timeZone: string;
  region?: string | null | undefined;
  hours?: WeeklyHours | null | undefined;
  overrides: CalendarOverrides;
}

export async function loadCalendarSettings(em: EntityManager) {
  const row = await em.findOne(CalendarSettings, COMPANY_SETTINGS_ID);
  return {
    timeZone: row?.timeZone ?? DEFAULT_TIME_ZONE,
    region: row?.region ?? null,
    hours: row?.hours ?? null,
    overrides: row?.overrides ?? {},
    updatedAt: row?.updatedAt.toISOString() ?? null,
    updatedBy: row?.updatedBy?.id ?? null,
  };
}

function build(settings: CalendarSettingsInput, years: number[]): WorkingCalendar {
  return buildRussianCalendar({
    years,
    timeZone: settings.timeZone,
    overrides: settings.overrides,
    ...(settings.hours ? { hours: settings.hours } : {}),
    ...(settings.region ? { region: settings.region } : {}),
  });
}

/** The calendar for a version published at `now`: the years around it, with the company's settings. */
export async function companyCalendar(em: EntityManager, now: Date): Promise<WorkingCalendar> {
  const year = now.getUTCFullYear();
  return build(await loadCalendarSettings(em), [year - 1, year, year + 1, year + 2]);
}

export async function saveCalendarSettings(em: EntityManager, actor: Actor, input: CalendarSettingsInput) {
  // Building it checks everything a route would meet: the zone, the hours, every date.
  try {
    build(input, [new Date().getUTCFullYear()]);
  } catch (err) {
    // The calendar calls the hours `workingHours`; the person sent them as `hours`.
    if (err instanceof DomainError) {
      throw new DomainError(err.code, err.message, err.problems.map((p) => ({ ...p, path: p.path.replace(/^workingHours\b/, 'hours') })));
    }
    throw err;
  }
  await em.upsert(CalendarSettings, {
    id: COMPANY_SETTINGS_ID,
    timeZone: input.timeZone,
    region: input.region ?? null,
    hours: input.hours ?? null,
    overrides: input.overrides,
    updatedAt: new Date(),
    updatedBy: actor.employeeId,
  });
  return loadCalendarSettings(em.fork());
}
