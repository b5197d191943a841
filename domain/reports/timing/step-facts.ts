// Writes the timing facts (entities.ts) while a step or a case closes, in the caller's
// transaction. Each close is one `update ... returning` that also brings the case's version and
// calendar, plus one keyed insert: a completion costs one statement more than before, and starting
// a case none. Keyed on the assignment / process id, so a retried batch writes nothing twice.
import type { EntityManager } from '@mikro-orm/postgresql';
import { workingTimeBetween } from '../../calendar/calendar-math.ts';
import { companyCalendar } from '../../calendar/calendar-settings.ts';
import { workingCalendarSchema, type WorkingCalendar } from '../../calendar/working-calendar.ts';
import { indexOf } from '../../calendar/working-time-index.ts';

/** What the close statements return about each step they closed. */
export interface ClosedStepRow {
  id: string;
  process_id: string;
  step_id: string;
  assignee_id: string | null;
  role_code: string | null;
  opened_at: Date;
  claimed_at: Date | null;
  completed_at: Date;
  due_at: Date | null;
  status: 'completed' | 'withdrawn';
  outcome: string | null;
  route_version_id: string;
  started_at: Date;
  calendar: unknown;
}

/** The returning list every close statement uses (assignment `a`, process `p`, route_version `rv`). */
export const CLOSED_STEP_RETURNING = `a.id, a.process_id, a.step_id, a.assignee_id, a.role_code, a.opened_at, a.claimed_at, a.completed_at, a.due_at, a.status, a.outcome,
  p.route_version_id, p.started_at, rv.definition->'calendar' as calendar`;

// A published version never changes, so its parsed calendar can be kept by id (per process; no
// other process needs to see this). Bounded: a long-lived worker meets few versions anyway.
const versionCalendars = new Map<string, WorkingCalendar | null>();

/**
 * The calendar a case runs by: its version's, else the company's for the years around its start
 * (kept in `memo` by year when the caller asks about many cases at once).
 */
export async function caseCalendar(em: EntityManager, versionId: string, calendar: unknown, startedAt: Date, memo?: Map<number, WorkingCalendar>): Promise<WorkingCalendar> {
  let cal = versionCalendars.get(versionId);
  if (cal === undefined) {
    const parsed = workingCalendarSchema.safeParse(calendar);
    cal = parsed.success ? parsed.data : null;
    if (versionCalendars.size > 500) versionCalendars.clear();
    versionCalendars.set(versionId, cal);
  }
  if (cal) return cal;
  const year = startedAt.getUTCFullYear();
  const known = memo?.get(year);
  if (known) return known;
  const company = await companyCalendar(em, startedAt);
  memo?.set(year, company);
  return company;
}

/** workingMs for many instants on few calendars: through the calendar's index (working-time-index.ts). */
export function fastWorkingMs(cal: WorkingCalendar, from: Date, to: Date): number | null {
  if (to <= from) return 0;
  const v = indexOf(cal).between(from, to);
  return v === null ? workingMs(cal, from, to) : Math.max(0, v);
}

/** Working milliseconds between two instants, or null beyond the calendar's reach. */
export function workingMs(cal: WorkingCalendar, from: Date, to: Date): number | null {
  if (to <= from) return 0;
  try {
    return Math.max(0, workingTimeBetween(cal, from, to));
  } catch {
    return null;
  }
}

/** The fact for one closed step: pure, so the backfill computes exactly what a close writes. */
export function stepFact(row: ClosedStepRow, cal: WorkingCalendar, measure: typeof workingMs = workingMs) {
  const opened = new Date(row.opened_at);
  const closed = new Date(row.completed_at);
  const claimed = row.claimed_at ? new Date(row.claimed_at) : null;
  // Given to a role's queue: the time before someone took it is waiting, not work.
  const queued = row.role_code !== null;
  return {
    assignment_id: row.id,
    process_id: row.process_id,
    route_version_id: row.route_version_id,
    step_id: row.step_id,
    holder_id: row.assignee_id,
    role_code: row.role_code,
    opened_at: opened.toISOString(),
    claimed_at: claimed?.toISOString() ?? null,
    closed_at: closed.toISOString(),
    due_at: row.due_at ? new Date(row.due_at).toISOString() : null,
    status: row.status,
    outcome: row.outcome,
    working_ms: measure(cal, opened, closed),
    queue_ms: queued ? measure(cal, opened, claimed ?? closed) : null,
    assigned_ms: claimed ? measure(cal, claimed, closed) : queued ? 0 : measure(cal, opened, closed),
    over_due: row.due_at !== null && closed > new Date(row.due_at),
  };
}

/** Inserts the facts of steps just closed (one statement for any number of them). */
export async function recordStepFacts(em: EntityManager, rows: readonly ClosedStepRow[]): Promise<void> {
  if (rows.length === 0) return;
  const facts = [];
  for (const row of rows) facts.push(stepFact(row, await caseCalendar(em, row.route_version_id, row.calendar, new Date(row.started_at))));
  await insertStepFacts(em, facts);
}

export async function insertStepFacts(em: EntityManager, facts: readonly ReturnType<typeof stepFact>[]): Promise<void> {
  if (facts.length === 0) return;
  // The visit counts the node's earlier closes in this case; the holder's department is where
  // the holder works at the close (a later move does not rewrite history).
  await em.execute(
    `insert into step_timing (assignment_id, process_id, route_version_id, step_id, holder_id, holder_department_id, role_code, opened_at, claimed_at, closed_at, due_at, status, outcome, working_ms, queue_ms, assigned_ms, over_due, visit)
     select v.assignment_id, v.process_id, v.route_version_id, v.step_id, v.holder_id, (select e.department_id from employee e where e.id = v.holder_id), v.role_code,
       v.opened_at, v.claimed_at, v.closed_at, v.due_at, v.status, v.outcome, v.working_ms, v.queue_ms, v.assigned_ms, v.over_due,
       (select count(*) + 1 from step_timing s where s.process_id = v.process_id and s.step_id = v.step_id) + (row_number() over (partition by v.process_id, v.step_id order by v.opened_at) - 1)
     from jsonb_to_recordset(?::jsonb) as v(assignment_id uuid, process_id uuid, route_version_id uuid, step_id text, holder_id uuid, role_code text, opened_at timestamptz,
       claimed_at timestamptz, closed_at timestamptz, due_at timestamptz, status text, outcome text, working_ms bigint, queue_ms bigint, assigned_ms bigint, over_due boolean)
     on conflict (assignment_id) do nothing`,
    [JSON.stringify(facts)],
  );
}

/** Completes a step (the inbox's close) and records its fact. */
export async function completeStepWithFact(em: EntityManager, e: { assignmentId: string; at: string; employeeId: string; outcome?: string | undefined; form?: Record<string, unknown> | undefined }): Promise<void> {
  const at = new Date(e.at);
  const rows = await em.execute<ClosedStepRow[]>(
    `update assignment a set status = 'completed', completed_at = ?, completed_by_id = ?, outcome = ?, form_data = ?,
       claimed_at = case when a.assignee_id is null then ? else a.claimed_at end, assignee_id = coalesce(a.assignee_id, ?)
     from process p join route_version rv on rv.id = p.route_version_id
     where a.id = ? and a.status = 'open' and p.id = a.process_id
     returning ${CLOSED_STEP_RETURNING}`,
    [at, e.employeeId, e.outcome ?? null, e.form ? JSON.stringify(e.form) : null, at, e.employeeId, e.assignmentId],
  );
  await recordStepFacts(em, rows);
}

/** Withdraws one open step (its branch was cut off) or, without an id, every open step of a case. */
export async function withdrawStepsWithFacts(em: EntityManager, where: { assignmentId: string } | { processId: string }, at: string): Promise<void> {
  const byStep = 'assignmentId' in where;
  const rows = await em.execute<ClosedStepRow[]>(
    `update assignment a set status = 'withdrawn', completed_at = ?
     from process p join route_version rv on rv.id = p.route_version_id
     where ${byStep ? 'a.id' : 'a.process_id'} = ? and a.status = 'open' and p.id = a.process_id
     returning ${CLOSED_STEP_RETURNING}`,
    [new Date(at), byStep ? where.assignmentId : where.processId],
  );
  await recordStepFacts(em, rows);
}

/** Records an ended case: its path of completed steps and its working time. */
export async function recordCaseFact(em: EntityManager, processId: string): Promise<void> {
  const [row] = await em.execute<{ route_version_id: string; started_at: Date; ended_at: Date | null; calendar: unknown }[]>(
    `select p.route_version_id, p.started_at, p.ended_at, rv.definition->'calendar' as calendar
     from process p join route_version rv on rv.id = p.route_version_id where p.id = ?`,
    [processId],
  );
  if (!row?.ended_at) return;
  const cal = await caseCalendar(em, row.route_version_id, row.calendar, new Date(row.started_at));
  await insertCaseFacts(em, [{ processId, workingMs: workingMs(cal, new Date(row.started_at), new Date(row.ended_at)) }]);
}

export async function insertCaseFacts(em: EntityManager, cases: readonly { processId: string; workingMs: number | null }[]): Promise<void> {
  if (cases.length === 0) return;
  await em.execute(
    `insert into case_timing (process_id, route_version_id, started_by_id, status, started_at, ended_at, variant, working_ms)
     select p.id, p.route_version_id, p.started_by_id, p.status, p.started_at, p.ended_at,
       coalesce((select array_agg(s.step_id order by s.closed_at, s.assignment_id) from step_timing s where s.process_id = p.id and s.status = 'completed'), '{}'), v.working_ms
     from jsonb_to_recordset(?::jsonb) as v(process_id uuid, working_ms bigint) join process p on p.id = v.process_id
     where p.ended_at is not null
     on conflict (process_id) do nothing`,
    [JSON.stringify(cases.map((c) => ({ process_id: c.processId, working_ms: c.workingMs })))],
  );
}
