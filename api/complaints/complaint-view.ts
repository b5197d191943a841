// The read side of complaints: the list (filtered by the visibility rule, so counts agree with
// what the person may open) with each one's SLA clock, and the complaint page with its status
// history, clock pauses, public messages and internal notes. Clocks are computed on the company
// calendar at the moment of the request.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { companyCalendar } from '../../domain/calendar/calendar-settings.ts';
import type { WorkingCalendar } from '../../domain/calendar/working-calendar.ts';
import { complaintRights, visibleComplaint } from '../../domain/complaints/complaint-access.ts';
import type { Citation, ComplaintSource, ComplaintStatus, DecisionKind, MessageKind } from '../../domain/complaints/entities.ts';
import { clockAt } from '../../domain/complaints/sla.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import type { Viewer } from '../../domain/processes/case-access.ts';
import { isoTimestamp, isoTimestampOrNull } from '../timestamps.ts';
import type { ComplaintSort } from './schemas.ts';

export interface ComplaintFilter {
  q?: string | undefined;
  status?: ComplaintStatus | undefined;
  source?: ComplaintSource | undefined;
  clientId?: string | undefined;
  department?: string | undefined;
  overdue?: 'true' | 'false' | undefined;
  dueFrom?: string | undefined;
  dueTo?: string | undefined;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);
const OPEN = sql`k.status not in ('decided', 'closed')`;
const IS_OVERDUE = sql`(${OPEN} and coalesce(k.paused_since, now()) > k.due_at)`;

/**
 * An ISO time as PostgreSQL takes it: offsets beyond its ±15:59 are valid ISO, so the instant is
 * passed in UTC, and kept within years 1-9999 (an offset can push 9999-12-31 into year 10000).
 */
function instant(iso: string): string {
  const FIRST = -62_135_596_800_000; // 0001-01-01T00:00:00Z
  const ms = Math.min(Math.max(Date.parse(iso), FIRST), Date.UTC(9999, 11, 31, 23, 59, 59));
  return new Date(ms).toISOString();
}

function conditions(viewer: Viewer, f: ComplaintFilter): RawBuilder<SqlBool> {
  const parts: RawBuilder<unknown>[] = [visibleComplaint(viewer)];
  if (f.status) parts.push(sql`k.status = ${f.status}`);
  if (f.source) parts.push(sql`k.source = ${f.source}`);
  if (f.clientId) parts.push(sql`k.client_id = ${f.clientId}::uuid`);
  if (f.department) parts.push(sql`exists (select 1 from complaint_departments cd join department dp on dp.id = cd.department_id where cd.complaint_id = k.id and dp.code = ${f.department})`);
  if (f.overdue === 'true') parts.push(IS_OVERDUE);
  if (f.overdue === 'false') parts.push(sql`not ${IS_OVERDUE}`);
  if (f.dueFrom) parts.push(sql`k.due_at >= ${instant(f.dueFrom)}::timestamptz`);
  if (f.dueTo) parts.push(sql`k.due_at <= ${instant(f.dueTo)}::timestamptz`);
  const q = f.q?.trim();
  if (q) {
    const pattern = `%${likeEscape(q)}%`;
    parts.push(sql`(k.number ilike ${pattern} or k.subject ilike ${pattern} or k.text ilike ${pattern} or k.contact_name ilike ${pattern} or c.name ilike ${pattern} or k.equipment_serial ilike ${pattern})`);
  }
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

// Time left: open complaints first, least wall-clock time to their due first (a paused one by
// what it had left when it stopped); then decided and closed ones, newest first.
const LEFT = sql`(k.due_at - coalesce(k.paused_since, now()))`;
const ORDER: Record<ComplaintSort, RawBuilder<unknown>> = {
  timeLeft: sql`(k.status in ('decided', 'closed')) asc, case when ${OPEN} then ${LEFT} end asc, k.registered_at desc, k.id asc`,
  '-timeLeft': sql`(k.status in ('decided', 'closed')) asc, case when ${OPEN} then ${LEFT} end desc, k.registered_at desc, k.id asc`,
  registeredAt: sql`k.registered_at asc, k.id asc`,
  '-registeredAt': sql`k.registered_at desc, k.id desc`,
  updatedAt: sql`k.updated_at asc, k.id asc`,
  '-updatedAt': sql`k.updated_at desc, k.id desc`,
  number: sql`k.number asc`,
  '-number': sql`k.number desc`,
};

interface ListRow {
  id: string; number: string; source: ComplaintSource; subject: string; client_id: string | null; client_name: string | null; contact_name: string | null;
  departments: { code: string; name: string }[]; status: ComplaintStatus; registered_at: Date | string; sla_budget_ms: string; paused_work_ms: string;
  due_at: Date | string; paused_since: Date | string | null; decision_kind: DecisionKind | null; updated_at: Date | string; version: number;
}

const COLUMNS = sql`k.id, k.number, k.source, k.subject, k.client_id, c.name as client_name, k.contact_name,
  coalesce((select json_agg(json_build_object('code', dp.code, 'name', dp.name) order by dp.code) from complaint_departments cd join department dp on dp.id = cd.department_id where cd.complaint_id = k.id), '[]') as departments,
  k.status, k.registered_at, k.sla_budget_ms, k.paused_work_ms, k.due_at, k.paused_since, k.decision_kind, k.updated_at, k.version`;
const FROM = sql`complaint k left join client c on c.id = k.client_id`;

const asDate = (v: Date | string) => new Date(isoTimestamp(v));

function listItem(cal: WorkingCalendar, now: Date, r: ListRow) {
  const state = { registeredAt: asDate(r.registered_at), slaBudgetMs: Number(r.sla_budget_ms), pausedWorkMs: Number(r.paused_work_ms), pausedSince: r.paused_since === null ? null : asDate(r.paused_since), dueAt: asDate(r.due_at) };
  const clock = clockAt(cal, state, now);
  const open = r.status !== 'decided' && r.status !== 'closed';
  return {
    id: r.id, number: r.number, source: r.source, subject: r.subject, client: r.client_id === null ? null : { id: r.client_id, name: r.client_name ?? '' },
    contactName: r.contact_name, departments: r.departments, status: r.status, registeredAt: isoTimestamp(r.registered_at),
    clock: { dueAt: isoTimestamp(r.due_at), budgetMs: clock.budgetMs, usedMs: clock.usedMs, leftMs: clock.leftMs, paused: clock.paused, pausedSince: isoTimestampOrNull(r.paused_since), overdue: open && clock.overdue },
    decisionKind: r.decision_kind, updatedAt: isoTimestamp(r.updated_at), version: r.version,
  };
}

export async function listComplaints(em: EntityManager, viewer: Viewer, filter: ComplaintFilter, page: { sort: ComplaintSort; limit: number; offset: number }) {
  const where = conditions(viewer, filter);
  const db = em.getKysely();
  const now = new Date();
  const [rows, counted, cal] = await Promise.all([
    sql<ListRow>`select ${COLUMNS} from ${FROM} where ${where} order by ${ORDER[page.sort]} limit ${page.limit} offset ${page.offset}`.execute(db),
    sql<{ total: string }>`select count(*) as total from ${FROM} where ${where}`.execute(db),
    companyCalendar(em, now),
  ]);
  return { items: rows.rows.map((r) => listItem(cal, now, r)), total: Number(counted.rows[0]?.total ?? 0) };
}

interface DetailRow extends ListRow {
  text: string; contact_phone: string | null; contact_email: string | null; equipment_serial: string | null; decision_text: string | null; decision_citations: Citation[] | null;
  decided_by_id: string | null; decided_by_name: string | null; decided_at: Date | string | null; closed_at: Date | string | null;
  created_by_id: string; created_by_name: string; created_at: Date | string;
}

/** The complaint page; not_found when it does not exist or the actor may not see it. */
export async function complaintDetail(em: EntityManager, actor: Actor, id: string) {
  const rights = await complaintRights(em, actor, id);
  const db = em.getKysely();
  const now = new Date();
  const [found, history, pauses, messages, cal] = await Promise.all([
    sql<DetailRow>`select ${COLUMNS}, k.text, k.contact_phone, k.contact_email, k.equipment_serial, k.decision_text, k.decision_citations,
        k.decided_by_id, db.full_name as decided_by_name, k.decided_at, k.closed_at, k.created_by_id, cb.full_name as created_by_name, k.created_at
      from ${FROM} join employee cb on cb.id = k.created_by_id left join employee db on db.id = k.decided_by_id where k.id = ${id}::uuid`.execute(db),
    sql<{ from_status: ComplaintStatus | null; to_status: ComplaintStatus; comment: string | null; by_id: string | null; by_name: string | null; case_id: string | null; at: Date | string }>`
      select h.from_status, h.to_status, h.comment, h.by_id, e.full_name as by_name, h.case_id, h.at from complaint_status_change h left join employee e on e.id = h.by_id
      where h.complaint_id = ${id}::uuid order by h.at, h.id`.execute(db),
    sql<{ reason: string; from_at: Date | string; to_at: Date | string | null }>`select reason, from_at, to_at from complaint_clock_pause where complaint_id = ${id}::uuid order by from_at, id`.execute(db),
    sql<{ id: string; kind: MessageKind; author_id: string | null; author_name: string; text: string; citations: Citation[]; at: Date | string }>`
      select id, kind, author_id, author_name, text, citations, at from complaint_message where complaint_id = ${id}::uuid order by at, id`.execute(db),
    companyCalendar(em, now),
  ]);
  const k = found.rows[0];
  if (!k) throw notFound('Complaint', id);
  return {
    ...listItem(cal, now, k),
    text: k.text, contactPhone: k.contact_phone, contactEmail: k.contact_email, equipmentSerial: k.equipment_serial,
    decisionText: k.decision_text, decisionCitations: k.decision_citations ?? [],
    decidedBy: k.decided_by_id === null ? null : { id: k.decided_by_id, name: k.decided_by_name ?? '' }, decidedAt: isoTimestampOrNull(k.decided_at), closedAt: isoTimestampOrNull(k.closed_at),
    createdBy: { id: k.created_by_id, name: k.created_by_name }, createdAt: isoTimestamp(k.created_at),
    history: history.rows.map((h) => ({ from: h.from_status, to: h.to_status, comment: h.comment, by: h.by_id === null ? null : { id: h.by_id, name: h.by_name ?? '' }, caseId: h.case_id, at: isoTimestamp(h.at) })),
    pauses: pauses.rows.map((p) => ({ reason: p.reason, from: isoTimestamp(p.from_at), to: isoTimestampOrNull(p.to_at) })),
    messages: messages.rows.map((m) => ({ id: m.id, kind: m.kind, author: m.author_id === null ? null : { id: m.author_id, name: m.author_name }, authorName: m.author_name, text: m.text, citations: m.citations, at: isoTimestamp(m.at) })),
    rights,
  };
}
