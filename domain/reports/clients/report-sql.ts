// What the client reports' SQL shares: the reader's scope as a condition on the employee a figure
// belongs to, and a period of company days as bounds on timestamps. The bounds are computed once
// in the company's time zone, so a timestamp column is compared with two constants and its index
// can serve the range (`(at at time zone tz)::date between ...` could not use one).
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { COMPANY_SETTINGS_ID } from '../../calendar/entities.ts';
import { CalendarSettings } from '../../entities/index.ts';
import type { ReportScope } from '../report-scope.ts';

export interface Period {
  /** YYYY-MM-DD, inclusive, company days. */
  from: string;
  to: string;
}

/** `column` (an employee id) is one of the reader's people; `true` for a company-wide reader. */
export const inScopeSql = (scope: ReportScope, column: string): RawBuilder<SqlBool> =>
  scope.all ? sql<SqlBool>`true` : sql<SqlBool>`${sql.ref(column)} = any(${scope.employeeIds}::uuid[])`;

export async function companyTimeZone(em: EntityManager): Promise<string> {
  return (await em.findOne(CalendarSettings, COMPANY_SETTINGS_ID))?.timeZone ?? 'Europe/Moscow';
}

/** `column` (a timestamp) falls on one of the period's days in the company's time zone. */
export const withinDaysSql = (column: string, period: Period, timeZone: string): RawBuilder<SqlBool> =>
  sql<SqlBool>`${sql.ref(column)} >= (${period.from}::date::timestamp at time zone ${timeZone}) and ${sql.ref(column)} < ((${period.to}::date + 1)::timestamp at time zone ${timeZone})`;

export const run = async <T>(em: EntityManager, query: RawBuilder<T>): Promise<T[]> => (await query.execute(em.getKysely())).rows;
