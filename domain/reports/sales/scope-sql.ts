// The report scope as a SQL condition on the column holding the employee a figure belongs to.
import { sql, type RawBuilder } from 'kysely';
import type { ReportScope } from '../report-scope.ts';

export function scopeSql(scope: ReportScope, column: RawBuilder<unknown>): RawBuilder<boolean> {
  return scope.all ? sql<boolean>`true` : sql<boolean>`${column} = any(${scope.employeeIds}::uuid[])`;
}
