// The breaching cases of one node, one click from the timing heatmap: its steps closed after their
// due time in the period, and those still open past it now; newest first, a page at a time.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../../identity/roles.ts';
import { reportScope } from '../report-scope.ts';
import { caseCalendar, workingMs } from './step-facts.ts';
import { findVersion, periodOf, scopeSql } from './timing-common.ts';

export interface BreachesOptions {
  routeKey: string;
  version?: number | undefined;
  nodeId: string;
  from?: string | undefined;
  to?: string | undefined;
  departmentId?: string | undefined;
  employeeId?: string | undefined;
  limit: number;
  /** The last row of the previous page. */
  after?: { at: string; id: string } | undefined;
}

interface Row {
  process_id: string;
  subject: string;
  assignment_id: string;
  holder_id: string | null;
  full_name: string | null;
  opened_at: Date;
  due_at: Date;
  closed_at: Date | null;
  working_ms: string | number | null;
  started_at: Date;
}

export async function listBreaches(em: EntityManager, actor: Actor, opts: BreachesOptions, now = new Date()) {
  const scope = await reportScope(em, actor, { departmentId: opts.departmentId, employeeId: opts.employeeId });
  const period = await periodOf(em, opts.from, opts.to, now);
  const v = await findVersion(em, opts.routeKey, opts.version);
  const closed = scopeSql(scope, 't.holder_id');
  const open = scopeSql(scope, 'a.assignee_id');
  const after = opts.after ? ' where (x.opened_at, x.assignment_id) < (?::timestamptz, ?::uuid)' : '';
  const rows = await em.execute<Row[]>(
    `select x.* from (
       select t.process_id, p.subject, t.assignment_id, t.holder_id, e.full_name, t.opened_at, t.due_at, t.closed_at, t.working_ms, p.started_at
       from step_timing t join process p on p.id = t.process_id left join employee e on e.id = t.holder_id
       where t.route_version_id = ? and t.step_id = ? and t.over_due and t.closed_at >= ? and t.closed_at < ?${closed.sql}
       union all
       select a.process_id, p.subject, a.id, a.assignee_id, e.full_name, a.opened_at, a.due_at, null, null, p.started_at
       from assignment a join process p on p.id = a.process_id left join employee e on e.id = a.assignee_id
       where p.route_version_id = ? and a.step_id = ? and a.status = 'open' and a.due_at < ?${open.sql}
     ) x${after}
     order by x.opened_at desc, x.assignment_id desc limit ?`,
    [
      v.versionId, opts.nodeId, period.start, period.end, ...closed.params,
      v.versionId, opts.nodeId, now, ...open.params,
      ...(opts.after ? [opts.after.at, opts.after.id] : []),
      opts.limit + 1,
    ],
  );
  const page = rows.slice(0, opts.limit);
  const items = [];
  for (const r of page) {
    const cal = await caseCalendar(em, v.versionId, v.calendar, new Date(r.started_at));
    const end = r.closed_at ? new Date(r.closed_at) : now;
    items.push({
      processId: r.process_id,
      subject: r.subject,
      assignmentId: r.assignment_id,
      employee: r.holder_id && r.full_name ? { id: r.holder_id, fullName: r.full_name } : null,
      openedAt: new Date(r.opened_at).toISOString(),
      dueAt: new Date(r.due_at).toISOString(),
      closedAt: r.closed_at ? new Date(r.closed_at).toISOString() : null,
      workingMs: r.working_ms !== null ? Number(r.working_ms) : (workingMs(cal, new Date(r.opened_at), end) ?? 0),
      overByMs: workingMs(cal, new Date(r.due_at), end) ?? 0,
    });
  }
  const last = page.at(-1);
  return { items, next: rows.length > opts.limit && last ? { at: new Date(last.opened_at).toISOString(), id: last.assignment_id } : null };
}
