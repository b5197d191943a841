// Reads assignments the way people look at them. Lists (inbox, queue, a case's work) are lean:
// only the columns a list shows, joined with their case and route in one statement, in an order
// an index serves, paged by a keyset cursor. The single-assignment view adds the instructions,
// outcomes, form and form data a person needs to do the step.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { InferKyselyDB } from '@mikro-orm/sql';
import type { entities } from '../../domain/entities/index.ts';
import type { StepRecord } from '../../domain/processes/case-state.ts';
import { recordLabels, recordRef } from '../../domain/records/record-types.ts';
import type { FormField } from '../../domain/routes/route-schema.ts';
import { isoTimestamp, isoTimestampOrNull as iso } from '../timestamps.ts';
import type { AssignmentListItem, AssignmentView } from './schemas.ts';
import { decodeKeysetCursor, encodeKeysetCursor, type KeysetCursor } from '../keyset-cursor.ts';

type DB = InferKyselyDB<(typeof entities)[number]>;

/** Which list: a person's open, overdue or completed work, the unclaimed queue of roles, or one case's work. */
export type AssignmentList =
  | { kind: 'open' | 'completed'; assigneeId: string }
  | { kind: 'overdue'; assigneeId: string; now: Date }
  | { kind: 'queue'; roles: string[] }
  | { kind: 'case'; processId: string };

/** Where the previous page ended: the sort value (due or completion time, null when none) and the id. */
export type ListCursor = KeysetCursor;
export const encodeCursor = (c: ListCursor): string => encodeKeysetCursor(c);
export const decodeCursor = (text: string): ListCursor | undefined => decodeKeysetCursor(text, { nullAt: true });

const ASSIGNMENT_COLUMNS = [
  'a.id', 'a.process_id', 'a.step_id', 'a.step_name', 'a.assignee_id', 'a.role_code', 'a.status', 'a.priority',
  'a.opened_at', 'a.due_at', 'a.claimed_at', 'a.completed_at', 'a.completed_by_id', 'a.outcome',
] as const;
const CASE_COLUMNS = ['p.subject', 'p.record_type', 'p.record_id', 'r.key as route_key', 'r.name as route_name'] as const;

const kysely = (em: EntityManager) => em.getKysely<DB>();

/** The assignments of one list, filtered and ordered by what its index holds (no joins yet). */
function filtered(em: EntityManager, list: AssignmentList) {
  const q = kysely(em).selectFrom('assignment as a').select(ASSIGNMENT_COLUMNS);
  switch (list.kind) {
    case 'open':
      return q.where('a.assignee_id', '=', list.assigneeId).where('a.status', '=', 'open');
    case 'overdue':
      return q.where('a.assignee_id', '=', list.assigneeId).where('a.status', '=', 'open').where('a.due_at', '<', list.now);
    case 'queue':
      return q.where('a.status', '=', 'open').where('a.assignee_id', 'is', null).where('a.role_code', 'in', list.roles.length ? list.roles : ['']);
    case 'completed':
      return q.where('a.assignee_id', '=', list.assigneeId).where('a.status', '=', 'completed');
    case 'case':
      return q.where('a.process_id', '=', list.processId);
  }
}

type Filtered = ReturnType<typeof filtered>;

/**
 * Joins a page of assignments with their case and route. The page is cut first (inner query), so
 * only the rows shown are joined, whatever the size of the list.
 */
async function withCase(em: EntityManager, page: Filtered, order: 'due' | 'completed' | 'opened') {
  let q = kysely(em)
    .selectFrom(page.as('a'))
    .innerJoin('process as p', 'p.id', 'a.process_id')
    .innerJoin('route_version as v', 'v.id', 'p.route_version_id')
    .innerJoin('route as r', 'r.id', 'v.route_id')
    .selectAll('a')
    .select(CASE_COLUMNS);
  if (order === 'due') q = q.orderBy('a.due_at', (o) => o.asc().nullsLast()).orderBy('a.id', 'asc');
  else if (order === 'completed') q = q.orderBy('a.completed_at', 'desc').orderBy('a.id', 'desc');
  else q = q.orderBy('a.opened_at', 'asc').orderBy('a.id', 'asc');
  return q.execute();
}

/**
 * One page of a list and the cursor of the next page (null on the last one). Open work comes
 * earliest due first, work without a deadline last; completed work latest first; a case's work in
 * the order it was opened. Each order matches an index, so a page costs the same whatever the
 * person has done before. Keyset conditions are row comparisons the index can seek to.
 */
export async function listAssignments(em: EntityManager, list: AssignmentList, page: { limit?: number; cursor?: ListCursor } = {}): Promise<{ items: AssignmentListItem[]; nextCursor: string | null }> {
  // One row more than asked tells whether another page exists, without counting.
  const want = page.limit === undefined ? undefined : page.limit + 1;
  const cut = (q: Filtered, n = want) => (n === undefined ? q : q.limit(n));
  const after = page.cursor;
  let rows: Awaited<ReturnType<typeof withCase>>;
  if (list.kind === 'case') {
    rows = await withCase(em, cut(filtered(em, list).orderBy('a.opened_at').orderBy('a.id')), 'opened');
  } else if (list.kind === 'completed') {
    let q = filtered(em, list);
    if (after?.at) q = q.where((eb) => eb(eb.refTuple('a.completed_at', 'a.id'), '<', eb.tuple(new Date(after.at!), after.id)));
    rows = await withCase(em, cut(q.orderBy('a.completed_at', 'desc').orderBy('a.id', 'desc')), 'completed');
  } else if (!after) {
    rows = await withCase(em, cut(filtered(em, list).orderBy('a.due_at', (o) => o.asc().nullsLast()).orderBy('a.id')), 'due');
  } else {
    // Undated work sorts last. A cursor inside the dated part reads on from it (nulls never match a
    // row comparison) and tops the page up with undated work only when the dated part runs out;
    // an OR of both would make PostgreSQL filter every row before the cursor.
    rows = [];
    if (after.at) {
      const at = new Date(after.at);
      const dated = filtered(em, list).where((eb) => eb(eb.refTuple('a.due_at', 'a.id'), '>', eb.tuple(at, after.id)));
      rows = await withCase(em, cut(dated.orderBy('a.due_at').orderBy('a.id')), 'due');
    }
    if (list.kind !== 'overdue' && (want === undefined || rows.length < want)) {
      let undated = filtered(em, list).where('a.due_at', 'is', null);
      if (!after.at) undated = undated.where('a.id', '>', after.id);
      rows = [...rows, ...(await withCase(em, cut(undated.orderBy('a.id'), want === undefined ? undefined : want - rows.length), 'due'))];
    }
  }
  const more = page.limit !== undefined && rows.length > page.limit;
  const now = Date.now();
  const shown = more ? rows.slice(0, page.limit) : rows;
  const labels = await recordLabels(em, shown.map((r) => ({ type: r.record_type, id: r.record_id })));
  const items = shown.map((row) => listItem(row, now, labels));
  const last = items.at(-1);
  const nextCursor = more && last ? encodeCursor({ at: list.kind === 'completed' ? last.completedAt : last.dueAt, id: last.id }) : null;
  return { items, nextCursor };
}

type ListRow = {
  id: string; step_id: string; step_name: string; assignee_id: string | null; role_code: string | null;
  status: AssignmentListItem['status']; priority: AssignmentListItem['priority'];
  opened_at: Date; due_at: Date | null; claimed_at: Date | null; completed_at: Date | null;
  completed_by_id: string | null; outcome: string | null;
  process_id: string; subject: string; record_type: string | null; record_id: string | null; route_key: string; route_name: string;
};


function listItem(row: ListRow, now: number, labels: ReadonlyMap<string, string>): AssignmentListItem {
  const dueAt = iso(row.due_at);
  return {
    id: row.id,
    process: { id: row.process_id, subject: row.subject, routeKey: row.route_key, routeName: row.route_name, record: recordRef(labels, row.record_type, row.record_id) },
    stepId: row.step_id,
    stepName: row.step_name,
    assigneeId: row.assignee_id,
    role: row.role_code,
    status: row.status,
    overdue: row.status === 'open' && dueAt !== null && Date.parse(dueAt) < now,
    priority: row.priority,
    openedAt: isoTimestamp(row.opened_at),
    dueAt,
    claimedAt: iso(row.claimed_at),
    completedAt: iso(row.completed_at),
    completedBy: row.completed_by_id,
    outcome: row.outcome,
  };
}

/** The single-assignment view, its form fields typed as the route language has them. */
export type AssignmentDetail = AssignmentView & { formFields: FormField[] | null };

/** The whole assignment, with what a person needs to do the step; undefined when there is none. */
export async function assignmentDetail(em: EntityManager, id: string): Promise<AssignmentDetail | undefined> {
  const row = await kysely(em)
    .selectFrom('assignment as a')
    .innerJoin('process as p', 'p.id', 'a.process_id')
    .innerJoin('route_version as v', 'v.id', 'p.route_version_id')
    .innerJoin('route as r', 'r.id', 'v.route_id')
    .select([...ASSIGNMENT_COLUMNS, ...CASE_COLUMNS, 'a.instructions', 'a.outcomes', 'a.form_fields', 'a.form_data'])
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    ...listItem(row, Date.now(), await recordLabels(em, [{ type: row.record_type, id: row.record_id }])),
    instructions: row.instructions,
    outcomes: row.outcomes,
    formFields: row.form_fields,
    formData: row.form_data,
  };
}

/** The single-assignment view as a list of zero or one (the shape the action handlers use). */
export async function findAssignmentViews(em: EntityManager, where: { id: string }): Promise<AssignmentView[]> {
  const view = await assignmentDetail(em, where.id);
  return view ? [view] : [];
}

/**
 * The view of an assignment just completed, from the view read before and what the workflow
 * recorded - as a fresh read would show it: an unclaimed queue item is taken by whoever completed it.
 */
export function completedView(before: AssignmentView, step: StepRecord, form: AssignmentView['formData'] | undefined): AssignmentView {
  const claimed = before.assigneeId === null;
  return {
    ...before,
    status: 'completed',
    overdue: false,
    assigneeId: before.assigneeId ?? step.completedBy,
    claimedAt: claimed ? step.completedAt : before.claimedAt,
    completedAt: step.completedAt,
    completedBy: step.completedBy,
    outcome: step.outcome ?? null,
    formData: form ?? null,
  };
}
