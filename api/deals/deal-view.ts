// The read side of deals: the list and the board (filtered by the client visibility rule through
// the join, so counts and sums agree with what the person may open) and the deal card with its
// stage history. Dates come as text from SQL: node-postgres would turn a `date` into a local Date.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { dealRights, visibleDeal } from '../../domain/deals/deal-access.ts';
import type { DealStatus, LossReason, ProductLine, StageChangeKind } from '../../domain/deals/entities.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import type { Viewer } from '../../domain/processes/case-access.ts';
import { isoTimestamp } from '../timestamps.ts';
import type { DealSort } from './schemas.ts';

export interface DealFilter {
  q?: string | undefined;
  stageId?: string | undefined;
  status?: DealStatus | undefined;
  ownerId?: string | undefined;
  clientId?: string | undefined;
  closeFrom?: string | undefined;
  closeTo?: string | undefined;
  amountMin?: number | undefined;
  amountMax?: number | undefined;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

function conditions(viewer: Viewer, f: DealFilter): RawBuilder<SqlBool> {
  const parts: RawBuilder<unknown>[] = [visibleDeal(viewer)];
  if (f.stageId) parts.push(sql`d.stage_id = ${f.stageId}::uuid`);
  if (f.status) parts.push(sql`d.status = ${f.status}`);
  if (f.ownerId) parts.push(sql`d.owner_id = ${f.ownerId}::uuid`);
  if (f.clientId) parts.push(sql`d.client_id = ${f.clientId}::uuid`);
  if (f.closeFrom) parts.push(sql`d.planned_close_date >= ${f.closeFrom}::date`);
  if (f.closeTo) parts.push(sql`d.planned_close_date <= ${f.closeTo}::date`);
  if (f.amountMin !== undefined) parts.push(sql`d.amount >= ${f.amountMin}`);
  if (f.amountMax !== undefined) parts.push(sql`d.amount <= ${f.amountMax}`);
  const q = f.q?.trim();
  if (q) {
    const pattern = `%${likeEscape(q)}%`;
    parts.push(sql`(d.title ilike ${pattern} or c.name ilike ${pattern})`);
  }
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

const ORDER: Record<DealSort, RawBuilder<unknown>> = {
  updatedAt: sql`d.updated_at asc, d.id asc`,
  '-updatedAt': sql`d.updated_at desc, d.id desc`,
  createdAt: sql`d.created_at asc, d.id asc`,
  '-createdAt': sql`d.created_at desc, d.id desc`,
  amount: sql`d.amount asc, d.id asc`,
  '-amount': sql`d.amount desc, d.id desc`,
  plannedCloseDate: sql`d.planned_close_date asc nulls last, d.id asc`,
  '-plannedCloseDate': sql`d.planned_close_date desc nulls last, d.id desc`,
  title: sql`d.title asc, d.id asc`,
  '-title': sql`d.title desc, d.id desc`,
  stage: sql`s.position asc, d.updated_at desc, d.id desc`,
  '-stage': sql`s.position desc, d.updated_at desc, d.id desc`,
};

type StageRef = { id: string; code: string; name: string; nameEn: string | null };
interface ListRow {
  id: string; title: string; client_id: string; client_name: string; amount: string; planned_close_date: string | null; probability: number;
  owner_id: string; owner_name: string; stage: StageRef; stage_entered_at: Date | string; status: DealStatus; loss_reason: LossReason | null;
  lost_at_stage: StageRef | null; closed_at: Date | string | null; updated_at: Date | string; version: number; process_id: string | null; step_overdue: boolean;
}

const stageJson = (alias: string) => sql`json_build_object('id', ${sql.ref(`${alias}.id`)}, 'code', ${sql.ref(`${alias}.code`)}, 'name', ${sql.ref(`${alias}.name`)}, 'nameEn', ${sql.ref(`${alias}.name_en`)})`;

const LIST_COLUMNS = sql`d.id, d.title, d.client_id, c.name as client_name, d.amount, to_char(d.planned_close_date, 'YYYY-MM-DD') as planned_close_date, d.probability,
  d.owner_id, o.full_name as owner_name, ${stageJson('s')} as stage, d.stage_entered_at, d.status, d.loss_reason,
  case when ls.id is null then null else ${stageJson('ls')} end as lost_at_stage, d.closed_at, d.updated_at, d.version, d.process_id,
  exists(select 1 from assignment a where a.process_id = d.process_id and a.status = 'open' and a.due_at < now()) as step_overdue`;
const LIST_FROM = sql`deal d join client c on c.id = d.client_id join employee o on o.id = d.owner_id join deal_stage s on s.id = d.stage_id left join deal_stage ls on ls.id = d.lost_at_stage_id`;

const listItem = (r: ListRow) => ({
  id: r.id, title: r.title, client: { id: r.client_id, name: r.client_name }, amount: Number(r.amount), plannedCloseDate: r.planned_close_date,
  probability: r.probability, owner: { id: r.owner_id, name: r.owner_name }, stage: r.stage, stageEnteredAt: isoTimestamp(r.stage_entered_at), status: r.status,
  lossReason: r.loss_reason, lostAtStage: r.lost_at_stage, closedAt: r.closed_at === null ? null : isoTimestamp(r.closed_at), updatedAt: isoTimestamp(r.updated_at), version: r.version,
  processId: r.process_id, stepOverdue: Boolean(r.step_overdue),
});

export async function listDeals(em: EntityManager, viewer: Viewer, filter: DealFilter, page: { sort: DealSort; limit: number; offset: number }) {
  const where = conditions(viewer, filter);
  const db = em.getKysely();
  const [rows, counted] = await Promise.all([
    sql<ListRow>`select ${LIST_COLUMNS} from ${LIST_FROM} where ${where} order by ${ORDER[page.sort]} limit ${page.limit} offset ${page.offset}`.execute(db),
    sql<{ total: string }>`select count(*) as total from deal d join client c on c.id = d.client_id where ${where}`.execute(db),
  ]);
  return { items: rows.rows.map(listItem), total: Number(counted.rows[0]?.total ?? 0) };
}

/** Every stage in board order with its count, ruble sum and first `cards` deals (most recently changed first). */
export async function dealBoard(em: EntityManager, viewer: Viewer, filter: DealFilter, cards: number) {
  const where = conditions(viewer, { ...filter, stageId: undefined });
  const db = em.getKysely();
  const [stages, cardRows] = await Promise.all([
    sql<{ id: string; code: string; name: string; name_en: string | null; position: number; probability: number; count: string; amount: string }>`
      select s.id, s.code, s.name, s.name_en, s.position, s.probability, count(d.id) as count, coalesce(sum(d.amount), 0) as amount
      from deal_stage s left join (deal d join client c on c.id = d.client_id) on d.stage_id = s.id and ${where}
      where (${filter.stageId ?? null}::uuid is null or s.id = ${filter.stageId ?? null}::uuid)
      group by s.id order by s.position, s.code`.execute(db),
    sql<ListRow & { rank: string }>`select * from (select ${LIST_COLUMNS}, row_number() over (partition by d.stage_id order by d.updated_at desc, d.id desc) as rank
      from ${LIST_FROM} where ${where}) x where x.rank <= ${cards}`.execute(db),
  ]);
  return {
    columns: stages.rows.map((s) => ({
      stage: { id: s.id, code: s.code, name: s.name, nameEn: s.name_en, position: s.position, probability: s.probability },
      count: Number(s.count),
      amount: Number(s.amount),
      items: cardRows.rows.filter((r) => r.stage.id === s.id).sort((a, b) => Number(a.rank) - Number(b.rank)).map(listItem),
    })),
  };
}

interface DetailRow extends ListRow {
  lines: ProductLine[]; close_comment: string | null; closed_by_id: string | null; closed_by_name: string | null; notes: string | null;
  created_by_id: string; created_by_name: string; created_at: Date | string; updated_by_id: string; updated_by_name: string;
}

/** The deal card; not_found when it does not exist or the actor may not see it. */
export async function dealDetail(em: EntityManager, actor: Actor, id: string) {
  const rights = await dealRights(em, actor, id);
  const db = em.getKysely();
  const [deal, history, steps] = await Promise.all([
    sql<DetailRow>`select ${LIST_COLUMNS}, d.lines, d.close_comment, d.closed_by_id, cl.full_name as closed_by_name, d.process_id, d.notes,
        d.created_by_id, cb.full_name as created_by_name, d.created_at, d.updated_by_id, ub.full_name as updated_by_name
      from ${LIST_FROM} join employee cb on cb.id = d.created_by_id join employee ub on ub.id = d.updated_by_id left join employee cl on cl.id = d.closed_by_id
      where d.id = ${id}::uuid`.execute(db),
    sql<{ kind: StageChangeKind; from_stage: StageRef | null; to_stage: StageRef; by_id: string | null; by_name: string | null; process_id: string | null; at: Date | string }>`
      select h.kind, case when f.id is null then null else ${stageJson('f')} end as from_stage, ${stageJson('t')} as to_stage, h.by_id, e.full_name as by_name, h.process_id, h.at
      from deal_stage_change h join deal_stage t on t.id = h.to_stage_id left join deal_stage f on f.id = h.from_stage_id left join employee e on e.id = h.by_id
      where h.deal_id = ${id}::uuid order by h.at, h.id`.execute(db),
    sql<{ process_id: string; status: string; assignment_id: string | null; step_id: string; step_name: string; due_at: Date | string | null; assignee_id: string | null; assignee_name: string | null; role_code: string | null }>`
      select p.id as process_id, p.status, a.id as assignment_id, a.step_id, a.step_name, a.due_at, a.assignee_id, e.full_name as assignee_name, a.role_code
      from deal d join process p on p.id = d.process_id left join assignment a on a.process_id = p.id and a.status = 'open' left join employee e on e.id = a.assignee_id
      where d.id = ${id}::uuid order by a.opened_at, a.id`.execute(db),
  ]);
  const first = steps.rows[0];
  const dealCase = first === undefined ? null : {
    id: first.process_id,
    status: first.status,
    openSteps: steps.rows.filter((r) => r.assignment_id !== null).map((r) => ({
      assignmentId: r.assignment_id!, stepId: r.step_id, stepName: r.step_name, dueAt: r.due_at === null ? null : isoTimestamp(r.due_at),
      overdue: r.due_at !== null && new Date(r.due_at).getTime() < Date.now(),
      assignee: r.assignee_id === null ? null : { id: r.assignee_id, name: r.assignee_name ?? '' }, role: r.role_code,
    })),
  };
  const d = deal.rows[0];
  if (!d) throw notFound('Deal', id);
  return {
    ...listItem(d),
    lines: d.lines, closeComment: d.close_comment, closedBy: d.closed_by_id === null ? null : { id: d.closed_by_id, name: d.closed_by_name ?? '' },
    processId: d.process_id, case: dealCase, notes: d.notes,
    createdBy: { id: d.created_by_id, name: d.created_by_name }, createdAt: isoTimestamp(d.created_at),
    updatedBy: { id: d.updated_by_id, name: d.updated_by_name },
    history: history.rows.map((h) => ({
      kind: h.kind, from: h.from_stage, to: h.to_stage, by: h.by_id === null ? null : { id: h.by_id, name: h.by_name ?? '' }, caseId: h.process_id, at: isoTimestamp(h.at),
    })),
    rights: { write: rights.write },
  };
}

export async function listStages(em: EntityManager, id?: string) {
  const { rows } = await sql<{ id: string; code: string; name: string; name_en: string | null; position: number; probability: number; deals: string }>`
    select s.id, s.code, s.name, s.name_en, s.position, s.probability, (select count(*) from deal d where d.stage_id = s.id and d.status = 'open') as deals
    from deal_stage s where (${id ?? null}::uuid is null or s.id = ${id ?? null}::uuid) order by s.position, s.code`.execute(em.getKysely());
  return rows.map((s) => ({ id: s.id, code: s.code, name: s.name, nameEn: s.name_en, position: s.position, probability: s.probability, deals: Number(s.deals) }));
}

export async function readStage(em: EntityManager, id: string) {
  const stage = (await listStages(em, id))[0];
  if (!stage) throw notFound('Pipeline stage', id);
  return stage;
}
