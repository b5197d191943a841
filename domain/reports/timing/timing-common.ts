// What the timing reports share: the period in the company's days, the route version asked for
// with its task nodes and targets, and the reader's scope as a SQL condition.
import type { EntityManager } from '@mikro-orm/postgresql';
import { DateTime } from 'luxon';
import { loadCalendarSettings } from '../../calendar/calendar-settings.ts';
import { Route, RouteVersion } from '../../entities/index.ts';
import { DomainError } from '../../errors.ts';
import type { ReportScope } from '../report-scope.ts';

export interface Period {
  from: string;
  to: string;
  /** The first instant of `from` and the first instant after `to`, in the company's zone. */
  start: Date;
  end: Date;
}

const DAY_MS = 86_400_000;

/** The company's days `from`..`to` (both inclusive); without them the last 90 days up to today. */
export async function periodOf(em: EntityManager, from: string | undefined, to: string | undefined, now = new Date()): Promise<Period> {
  const zone = (await loadCalendarSettings(em)).timeZone;
  const today = DateTime.fromJSDate(now, { zone }).toISODate() ?? '';
  const last = to ?? today;
  const first = from ?? DateTime.fromISO(last, { zone }).minus({ days: 89 }).toISODate() ?? last;
  if (first > last) throw new DomainError('invalid_input', 'The period starts after it ends', [{ path: 'query.from', message: 'is after to' }]);
  const start = DateTime.fromISO(first, { zone }).startOf('day').toJSDate();
  const end = DateTime.fromISO(last, { zone }).plus({ days: 1 }).startOf('day').toJSDate();
  if (end.getTime() - start.getTime() > (3 * 366 + 1) * DAY_MS) throw new DomainError('invalid_input', 'The period is longer than 3 years', [{ path: 'query.from', message: 'at most 3 years before to' }]);
  return { from: first, to: last, start, end };
}

export interface TaskNode {
  nodeId: string;
  name: string;
  /** The due duration as the route says it ("P3D"), or null for a step with no deadline. */
  target: string | null;
}

export interface VersionInfo {
  key: string;
  name: string;
  version: number;
  versionId: string;
  nodes: TaskNode[];
  calendar: unknown;
}

interface NodeLike {
  id?: unknown;
  kind?: unknown;
  name?: unknown;
  due?: unknown;
}

/** The task nodes of a definition (graph route/v1 or the route/v0 list of steps), in route order. */
export function taskNodes(definition: unknown): TaskNode[] {
  const d = definition as { nodes?: NodeLike[]; steps?: NodeLike[] } | null;
  const list = d?.nodes ?? d?.steps ?? [];
  return list
    .filter((n) => n.kind === 'task' && typeof n.id === 'string')
    .map((n) => {
      const due = n.due as string | { working?: string } | undefined;
      return { nodeId: String(n.id), name: typeof n.name === 'string' ? n.name : String(n.id), target: typeof due === 'string' ? due : (due?.working ?? null) };
    });
}

/** A route's version (the latest published without one); 404 for an unknown route or version. */
export async function findVersion(em: EntityManager, routeKey: string, version: number | undefined, path = 'query.version'): Promise<VersionInfo> {
  const route = await em.findOne(Route, { key: routeKey }, { fields: ['id', 'key', 'name', 'latestVersion'] });
  if (!route) throw new DomainError('not_found', `No route ${routeKey}`, [{ path: 'query.routeKey', message: 'no such route' }]);
  const n = version ?? route.latestVersion;
  const row = n > 0 ? await em.findOne(RouteVersion, { route: route.id, version: n }) : null;
  if (!row) throw new DomainError('not_found', `The route ${routeKey} has no published version ${n}`, [{ path, message: 'no such version' }]);
  const definition = row.definition as { calendar?: unknown; name?: unknown };
  return { key: route.key, name: route.name, version: row.version, versionId: row.id, nodes: taskNodes(row.definition), calendar: definition.calendar };
}

/**
 * The reader's people as a condition on a column of employee ids, with its parameter: nothing for
 * a company-wide reader, else membership in a JSON array (one parameter, any size).
 */
export function scopeSql(scope: ReportScope, column: string): { sql: string; params: unknown[] } {
  if (scope.all) return { sql: '', params: [] };
  return { sql: ` and ${column} in (select jsonb_array_elements_text(?::jsonb)::uuid)`, params: [JSON.stringify(scope.employeeIds)] };
}

/** A share 0..1 rounded to four places (0 when there is nothing to share). */
export const share = (part: number, whole: number): number => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : 0);

/** A percentile from PostgreSQL (a double, or null over no rows) as whole milliseconds. */
export const ms = (v: number | string | null | undefined): number | null => (v === null || v === undefined ? null : Math.round(Number(v)));
