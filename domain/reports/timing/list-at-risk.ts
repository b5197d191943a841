// Before the breach: open steps due within N working hours and those already overdue, each with
// the working time left (negative when overdue) and "stuck" when it has been open longer than its
// node's p90 over the last 90 days; with counts per person and per department.
// Whose steps a head sees: those in his people's inboxes, and unclaimed queue steps of a role one
// of his people holds (the queue is theirs to take); a company-wide reader sees every open step.
import type { EntityManager } from '@mikro-orm/postgresql';
import { addWorkingHours } from '../../calendar/calendar-math.ts';
import { companyCalendar } from '../../calendar/calendar-settings.ts';
import type { Actor } from '../../identity/roles.ts';
import { reportScope } from '../report-scope.ts';
import { caseCalendar, workingMs } from './step-facts.ts';

export interface AtRiskOptions {
  withinHours: number;
  departmentId?: string | undefined;
  employeeId?: string | undefined;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** A node needs this many closed steps before its p90 says anything. */
export const STUCK_MIN_STEPS = 5;

interface Row {
  id: string;
  process_id: string;
  subject: string;
  step_id: string;
  step_name: string;
  assignee_id: string | null;
  full_name: string | null;
  department_id: string | null;
  department_name: string | null;
  role_code: string | null;
  role_name: string | null;
  opened_at: Date;
  due_at: Date;
  route_version_id: string;
  started_at: Date;
  route_key: string;
  route_name: string;
  version: number;
}

type Counts = { atRisk: number; overdue: number; stuck: number };

export async function listAtRisk(em: EntityManager, actor: Actor, opts: AtRiskOptions, now = new Date()) {
  const scope = await reportScope(em, actor, { departmentId: opts.departmentId, employeeId: opts.employeeId });
  // A generous bound for SQL (the company's calendar, plus slack for a version whose calendar
  // differs); each row is then measured exactly on its own case's calendar.
  const bound = new Date(addWorkingHours(await companyCalendar(em, now), now, opts.withinHours).getTime() + 3 * DAY_MS);
  const people = scope.all ? '' : `and (a.assignee_id in (select jsonb_array_elements_text(?::jsonb)::uuid)
      or (a.assignee_id is null and exists (select 1 from employee_roles er where er.role_code = a.role_code and er.employee_id in (select jsonb_array_elements_text(?::jsonb)::uuid))))`;
  const ids = scope.all ? [] : [JSON.stringify(scope.employeeIds), JSON.stringify(scope.employeeIds)];
  const rows = await em.execute<Row[]>(
    `select a.id, a.process_id, p.subject, a.step_id, a.step_name, a.assignee_id, e.full_name, e.department_id, d.name as department_name,
       a.role_code, r.name as role_name, a.opened_at, a.due_at, p.route_version_id, p.started_at, rt.key as route_key, rt.name as route_name, rv.version
     from assignment a join process p on p.id = a.process_id join route_version rv on rv.id = p.route_version_id join route rt on rt.id = rv.route_id
       left join employee e on e.id = a.assignee_id left join department d on d.id = e.department_id left join role r on r.code = a.role_code
     where a.status = 'open' and a.due_at is not null and a.due_at < ? ${people}
     order by a.due_at, a.id`,
    [bound, ...ids],
  );
  const versions = [...new Set(rows.map((r) => r.route_version_id))];
  const calendars = new Map<string, unknown>(
    versions.length === 0 ? [] : (await em.execute<{ id: string; calendar: unknown }[]>(`select id, definition->'calendar' as calendar from route_version where id in (select jsonb_array_elements_text(?::jsonb)::uuid)`, [JSON.stringify(versions)])).map((c) => [c.id, c.calendar]),
  );
  const p90s = await nodeP90s(em, rows, now);
  const items = [];
  for (const r of rows) {
    const cal = await caseCalendar(em, r.route_version_id, calendars.get(r.route_version_id), new Date(r.started_at));
    const due = new Date(r.due_at);
    const left = due > now ? (workingMs(cal, now, due) ?? 0) : -(workingMs(cal, due, now) ?? 0);
    if (left > opts.withinHours * HOUR_MS) continue;
    const open = workingMs(cal, new Date(r.opened_at), now) ?? 0;
    const node = p90s.get(`${r.route_version_id}/${r.step_id}`);
    const nodeP90Ms = node && node.steps >= STUCK_MIN_STEPS ? node.p90 : null;
    items.push({
      assignmentId: r.id,
      processId: r.process_id,
      subject: r.subject,
      route: { key: r.route_key, name: r.route_name, version: r.version },
      nodeId: r.step_id,
      stepName: r.step_name,
      employee: r.assignee_id && r.full_name ? { id: r.assignee_id, fullName: r.full_name } : null,
      department: r.department_id && r.department_name ? { id: r.department_id, name: r.department_name } : null,
      role: r.role_code ? { code: r.role_code, name: r.role_name ?? r.role_code } : null,
      openedAt: new Date(r.opened_at).toISOString(),
      dueAt: due.toISOString(),
      workingMsLeft: left,
      overdue: due <= now,
      openWorkingMs: open,
      nodeP90Ms,
      stuck: nodeP90Ms !== null && open > nodeP90Ms,
    });
  }
  return { withinHours: opts.withinHours, at: now.toISOString(), items, ...summaries(items) };
}

/** Each node's p90 over its steps closed in the last 90 days, for the nodes in the list. */
async function nodeP90s(em: EntityManager, rows: readonly Row[], now: Date): Promise<Map<string, { steps: number; p90: number }>> {
  const keys = [...new Map(rows.map((r) => [`${r.route_version_id}/${r.step_id}`, { v: r.route_version_id, s: r.step_id }])).values()];
  if (keys.length === 0) return new Map();
  const found = await em.execute<{ route_version_id: string; step_id: string; steps: number; p90: number }[]>(
    `select t.route_version_id, t.step_id, count(*)::int as steps, percentile_cont(0.9) within group (order by t.working_ms) as p90
     from jsonb_to_recordset(?::jsonb) as k(v uuid, s text)
       join step_timing t on t.route_version_id = k.v and t.step_id = k.s and t.closed_at >= ? and t.status = 'completed'
     group by t.route_version_id, t.step_id`,
    [JSON.stringify(keys), new Date(now.getTime() - 90 * DAY_MS)],
  );
  return new Map(found.map((f) => [`${f.route_version_id}/${f.step_id}`, { steps: f.steps, p90: Math.round(Number(f.p90)) }]));
}

function summaries(items: readonly { employee: { id: string; fullName: string } | null; department: { id: string; name: string } | null; overdue: boolean; stuck: boolean }[]) {
  const byPerson = new Map<string, { employee: { id: string; fullName: string } } & Counts>();
  const byDepartment = new Map<string, { department: { id: string; name: string } | null } & Counts>();
  const add = (c: Counts, i: { overdue: boolean; stuck: boolean }) => {
    c.atRisk += 1;
    if (i.overdue) c.overdue += 1;
    if (i.stuck) c.stuck += 1;
  };
  for (const i of items) {
    if (i.employee) {
      const p = byPerson.get(i.employee.id) ?? { employee: i.employee, atRisk: 0, overdue: 0, stuck: 0 };
      add(p, i);
      byPerson.set(i.employee.id, p);
    }
    // Unclaimed queue steps have no department of their own: they are counted under null.
    const key = i.department?.id ?? '';
    const d = byDepartment.get(key) ?? { department: i.department, atRisk: 0, overdue: 0, stuck: 0 };
    add(d, i);
    byDepartment.set(key, d);
  }
  return {
    byPerson: [...byPerson.values()].sort((a, b) => b.atRisk - a.atRisk || a.employee.fullName.localeCompare(b.employee.fullName)),
    byDepartment: [...byDepartment.values()].sort((a, b) => b.atRisk - a.atRisk),
  };
}
