// The read side of cases: the case list and the case view. Each reads only the columns it shows,
// joined in one statement per table, so neither the route's definition and draft (large JSON)
// nor one query per row is ever loaded; a case with hundreds of open steps costs what one with
// one step costs, plus the rows themselves.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { InferKyselyDB } from '@mikro-orm/sql';
import { sql } from 'kysely';
import type { Client } from '@temporalio/client';
import type { entities } from '../../domain/entities/index.ts';
import type { ProcessStatus } from '../../domain/processes/entities.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import { visibleCase, type Viewer } from '../../domain/processes/case-access.ts';
import { recordLabels, recordRef } from '../../domain/records/record-types.ts';
import { liveStateQuery, type LiveState } from '../../workflows/contract.ts';
import { listAssignments } from '../assignments/assignment-view.ts';
import { workingDurations } from './working-durations.ts';
import { caseRights, temporalLink, type CaseFacts } from './case-rights.ts';
import { isoTimestamp, isoTimestampOrNull } from '../timestamps.ts';

type DB = InferKyselyDB<(typeof entities)[number]>;

/** The filters of the case list (the shape the list handler builds). */
export interface ProcessFilter {
  status?: ProcessStatus;
  routeVersion?: { route: string };
  /** A version number (of the route given, or of any route). */
  version?: number;
  startedBy?: string;
  startedFrom?: Date;
  startedTo?: Date;
  /** An employee holding an open step of the case. */
  holder?: string;
  /** A client the case is about: one of its deals runs the case, or the variables name it. */
  clientId?: string;
}

/** An open step of a case in the list: who (or which role's queue) it waits for, and since when. */
export interface WaitingFor {
  assignmentId: string;
  stepId: string;
  stepName: string;
  holder: { id: string; name: string } | null;
  role: string | null;
  openedAt: string;
  dueAt: string | null;
  overdue: boolean;
}

const utc = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);
/**
 * The case's open steps as JSON, in the case list's own statement: a page of 200 cases costs one
 * statement, not one per row. Served by the index on assignment(process_id).
 */
const waitingForColumn = sql<WaitingFor[]>`coalesce((select json_agg(json_build_object(
    'assignmentId', a.id, 'stepId', a.step_id, 'stepName', a.step_name,
    'holder', case when e.id is null then null else json_build_object('id', e.id, 'name', e.full_name) end,
    'role', a.role_code, 'openedAt', ${utc('a.opened_at')}, 'dueAt', ${utc('a.due_at')},
    'overdue', coalesce(a.due_at < now(), false)) order by a.opened_at, a.step_id, a.id)
  from assignment a left join employee e on e.id = a.assignee_id
  where a.process_id = p.id and a.status = 'open'), '[]'::json)`;

function cases(em: EntityManager) {
  return em
    .getKysely<DB>()
    .selectFrom('process as p')
    .innerJoin('route_version as v', 'v.id', 'p.route_version_id')
    .innerJoin('route as r', 'r.id', 'v.route_id');
}

const SUMMARY_COLUMNS = [
  'p.id', 'p.subject', 'p.record_type', 'p.record_id', 'p.status', 'p.current_step_id', 'p.current_step_name', 'p.started_by_id', 'p.started_at', 'p.ended_at',
  'r.id as route_id', 'r.key as route_key', 'r.name as route_name', 'v.version', 'v.id as version_id',
] as const;

interface SummaryRow {
  id: string; subject: string; record_type: string | null; record_id: string | null; status: ProcessStatus; current_step_id: string | null; current_step_name: string | null;
  started_by_id: string; started_at: Date; ended_at: Date | null;
  route_id: string; route_key: string; route_name: string; version: number; version_id: string;
}

function summary(p: SummaryRow, labels: ReadonlyMap<string, string>) {
  return {
    id: p.id,
    subject: p.subject,
    record: recordRef(labels, p.record_type, p.record_id),
    status: p.status,
    route: { id: p.route_id, key: p.route_key, name: p.route_name, version: p.version, versionId: p.version_id },
    currentStep: p.current_step_id ? { id: p.current_step_id, name: p.current_step_name ?? p.current_step_id } : null,
    startedBy: p.started_by_id,
    startedAt: isoTimestamp(p.started_at),
    endedAt: isoTimestampOrNull(p.ended_at),
  };
}

/** Newest first; each filter and the order are served by an index on (filter, started_at, id). */
export async function processSummaries(em: EntityManager, viewer: Viewer, where: ProcessFilter, page: { limit: number; offset: number }) {
  // Only the cases the viewer may see, in the list and in its count alike.
  let q = cases(em).where(visibleCase(viewer));
  if (where.status) q = q.where('p.status', '=', where.status);
  if (where.routeVersion) q = q.where('v.route_id', '=', where.routeVersion.route);
  if (where.startedBy) q = q.where('p.started_by_id', '=', where.startedBy);
  if (where.version !== undefined) q = q.where('v.version', '=', where.version);
  if (where.startedFrom) q = q.where('p.started_at', '>=', where.startedFrom);
  if (where.startedTo) q = q.where('p.started_at', '<=', where.startedTo);
  if (where.holder) {
    const holder = where.holder;
    q = q.where('p.id', 'in', (eb) => eb.selectFrom('assignment as h').select('h.process_id').where('h.status', '=', 'open').where('h.assignee_id', '=', holder));
  }
  if (where.clientId) {
    const clientId = where.clientId;
    q = q.where((eb) => eb.or([
      eb('p.id', 'in', eb.selectFrom('deal as d').select('d.process_id').where('d.client_id', '=', clientId).where('d.process_id', 'is not', null)),
      eb(sql<string>`p.variables->>'client_id'`, '=', clientId),
      // Cases about any of the client's records (and their sub-cases about the same record).
      sql<boolean>`exists (
        select 1 from deal r where p.record_type = 'deal' and r.id = p.record_id and r.client_id = ${clientId}
        union all select 1 from invoice r where p.record_type = 'invoice' and r.id = p.record_id and r.client_id = ${clientId}
        union all select 1 from installation_order r where p.record_type = 'installation' and r.id = p.record_id and r.client_id = ${clientId}
        union all select 1 from complaint r where p.record_type = 'complaint' and r.id = p.record_id and r.client_id = ${clientId})`,
    ]));
  }
  const [rows, counted] = await Promise.all([
    q.select([...SUMMARY_COLUMNS, waitingForColumn.as('waiting_for')]).orderBy('p.started_at', 'desc').orderBy('p.id', 'desc').limit(page.limit).offset(page.offset).execute(),
    q.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
  ]);
  const labels = await recordLabels(em, rows.map((r) => ({ type: r.record_type, id: r.record_id })));
  const items = rows.map((r) => ({ ...summary(r, labels), waitingFor: r.waiting_for, stuck: r.waiting_for.some((w) => w.overdue) }));
  return { items, total: Number(counted.total) };
}

/**
 * The case view: summary, variables, result, timeline, the case's assignments (lean list items)
 * and the workflow's live state. Five statements whatever the size of the case. The case row is
 * read first, the rest then side by side with the Temporal query: each statement sees what was
 * committed when it began, so a case read as ended has its closing events in the timeline (read in
 * parallel, the timeline could be older than the status), and nothing more is read for a case the
 * viewer may not see.
 */
export async function processDetail(em: EntityManager, temporal: Client, viewer: Viewer, id: string, opts: { temporalUiUrl?: string | undefined } = {}) {
  // Only the declared events of the definition, for what the viewer may send: never the whole JSON.
  const declaredEvents = sql<CaseFacts['events']>`v.definition->'events'`;
  const versionCalendar = sql<unknown>`v.definition->'calendar'`;
  const p = await cases(em)
    .select([...SUMMARY_COLUMNS, 'p.workflow_id', 'p.variables', 'p.result', 'p.parent_id', visibleCase(viewer).as('visible'), declaredEvents.as('events'), versionCalendar.as('calendar')])
    .where('p.id', '=', id)
    .executeTakeFirst();
  if (!p) throw notFound('Process', id);
  if (!p.visible) throw new DomainError('forbidden', 'You are not involved in this case, so you cannot see it');
  const [children, events, assignments, live] = await Promise.all([
    // Sub-processes this case started, linked both ways: a child names its parent.
    em
      .getKysely<DB>()
      .selectFrom('process as c')
      .select(['c.id', 'c.subject', 'c.status', 'c.started_at'])
      .where('c.parent_id', '=', id)
      .orderBy('c.started_at', 'asc')
      .orderBy('c.id', 'asc')
      // A foreach may start thousands: the page lists the first ones, the live view counts them all.
      .limit(200)
      .execute(),
    em
      .getKysely<DB>()
      .selectFrom('step_event as e')
      .select(['e.type', 'e.at', 'e.step_id', 'e.assignment_id', 'e.actor_id', 'e.data'])
      .where('e.process_id', '=', id)
      .orderBy('e.at', 'asc')
      .orderBy('e.id', 'asc')
      .execute(),
    listAssignments(em, { kind: 'case', processId: id }),
    p.status === 'running' ? queryLive(temporal, p.workflow_id) : null,
  ]);
  const [can, workingMs, labels] = await Promise.all([
    caseRights(em, viewer, { id: p.id, status: p.status, startedBy: p.started_by_id, visible: Boolean(p.visible), events: p.events }),
    workingDurations(em, p.calendar, new Date(p.started_at), assignments.items),
    recordLabels(em, [{ type: p.record_type, id: p.record_id }]),
  ]);
  return {
    ...summary(p, labels),
    variables: p.variables,
    result: p.result ?? null,
    parentId: p.parent_id ?? null,
    children: children.map((c) => ({ id: c.id, subject: c.subject, status: c.status, startedAt: isoTimestamp(c.started_at) })),
    timeline: events.map((e) => ({
      type: e.type,
      at: isoTimestamp(e.at),
      stepId: e.step_id ?? null,
      assignmentId: e.assignment_id ?? null,
      actorId: e.actor_id ?? null,
      data: e.data ?? null,
    })),
    assignments: assignments.items,
    live,
    workingMs,
    can,
    temporalUrl: temporalLink(viewer, opts.temporalUiUrl, temporal.options.namespace, p.workflow_id),
  };
}

async function queryLive(temporal: Client, workflowId: string): Promise<LiveState | null> {
  try {
    return await temporal.workflow.getHandle(workflowId).query(liveStateQuery);
  } catch {
    // The case view still shows everything PostgreSQL knows if the engine cannot answer now.
    return null;
  }
}
