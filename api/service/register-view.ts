// The read side of the service register (equipment with its computed status and the contract
// expiring soon), service visits and phone consultations. Each list is filtered by the service
// visibility rule through the join on the client row `c`, so totals agree with what one may open.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import type { Viewer } from '../../domain/processes/case-access.ts';
import type { EquipmentStatus, VisitKind } from '../../domain/service/entities.ts';
import { equipmentStatusSql, expiringSoonSql } from '../../domain/service/equipment-fields.ts';
import { serviceRights, visibleService } from '../../domain/service/service-access.ts';
import { isoTimestamp, isoTimestampOrNull } from '../timestamps.ts';
import type { CONSULTATION_SORTS, EQUIPMENT_SORTS, VISIT_SORTS } from './schemas.ts';

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
const day = (col: string) => sql`to_char(${sql.ref(col)}, 'YYYY-MM-DD')`;
const and = (parts: RawBuilder<unknown>[]) => sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
type Page<S extends string> = { sort: S; limit: number; offset: number };

// ---- equipment ----
export interface EquipmentFilter {
  clientId?: string | undefined; installationId?: string | undefined; status?: EquipmentStatus | undefined; expiringSoon?: 'true' | 'false' | undefined;
  from?: string | undefined; to?: string | undefined; q?: string | undefined;
}

function equipmentWhere(viewer: Viewer, f: EquipmentFilter) {
  const parts: RawBuilder<unknown>[] = [visibleService(viewer)];
  if (f.clientId) parts.push(sql`q.client_id = ${f.clientId}::uuid`);
  if (f.installationId) parts.push(sql`q.installation_id = ${f.installationId}::uuid`);
  if (f.status) parts.push(sql`${equipmentStatusSql()} = ${f.status}`);
  if (f.expiringSoon) parts.push(f.expiringSoon === 'true' ? expiringSoonSql() : sql`not ${expiringSoonSql()}`);
  if (f.from) parts.push(sql`q.contract_to >= ${f.from}::date`);
  if (f.to) parts.push(sql`q.contract_to <= ${f.to}::date`);
  const text = f.q?.trim();
  if (text) {
    const p = likePattern(text);
    parts.push(sql`(q.serial_number ilike ${p} or q.model ilike ${p} or q.contract_number ilike ${p} or c.name ilike ${p})`);
  }
  return and(parts);
}

const EQUIPMENT_ORDER: Record<(typeof EQUIPMENT_SORTS)[number], RawBuilder<unknown>> = {
  contractTo: sql`q.contract_to asc nulls last, q.id asc`,
  '-contractTo': sql`q.contract_to desc nulls last, q.id desc`,
  model: sql`q.model asc, q.serial_number asc, q.id asc`,
  '-model': sql`q.model desc, q.serial_number desc, q.id desc`,
  serialNumber: sql`q.serial_number asc, q.id asc`,
  '-serialNumber': sql`q.serial_number desc, q.id desc`,
  installedOn: sql`q.installed_on asc nulls last, q.id asc`,
  '-installedOn': sql`q.installed_on desc nulls last, q.id desc`,
  client: sql`c.name asc, q.id asc`,
  '-client': sql`c.name desc, q.id desc`,
  updatedAt: sql`q.updated_at asc, q.id asc`,
  '-updatedAt': sql`q.updated_at desc, q.id desc`,
};

interface EquipmentRow {
  id: string; model: string; serial_number: string; client_id: string; client_name: string; site_address: string; contract_number: string | null;
  contract_from: string | null; contract_to: string | null; installed_on: string | null; installation_id: string | null; installation_contract: string | null;
  removed_on: string | null; status: EquipmentStatus; expiring_soon: boolean; notes: string | null; updated_at: Date | string; version: number;
}
const EQUIPMENT_COLUMNS = sql`q.id, q.model, q.serial_number, q.client_id, c.name as client_name, q.site_address, q.contract_number, ${day('q.contract_from')} as contract_from,
  ${day('q.contract_to')} as contract_to, ${day('q.installed_on')} as installed_on, q.installation_id, io.contract_number as installation_contract,
  ${day('q.removed_on')} as removed_on, ${equipmentStatusSql()} as status, ${expiringSoonSql()} as expiring_soon, q.notes, q.updated_at, q.version`;
const EQUIPMENT_FROM = sql`equipment q join client c on c.id = q.client_id left join installation_order io on io.id = q.installation_id`;
const equipmentItem = (r: EquipmentRow) => ({
  id: r.id, model: r.model, serialNumber: r.serial_number, client: { id: r.client_id, name: r.client_name }, siteAddress: r.site_address,
  contractNumber: r.contract_number, contractFrom: r.contract_from, contractTo: r.contract_to, installedOn: r.installed_on,
  installation: r.installation_id === null ? null : { id: r.installation_id, contractNumber: r.installation_contract ?? '' },
  removedOn: r.removed_on, status: r.status, expiringSoon: r.expiring_soon, notes: r.notes, updatedAt: isoTimestamp(r.updated_at), version: r.version,
});

export async function listEquipment(em: EntityManager, viewer: Viewer, f: EquipmentFilter, pg: Page<(typeof EQUIPMENT_SORTS)[number]>) {
  const where = equipmentWhere(viewer, f);
  const db = em.getKysely();
  const [rows, counted] = await Promise.all([
    sql<EquipmentRow>`select ${EQUIPMENT_COLUMNS} from ${EQUIPMENT_FROM} where ${where} order by ${EQUIPMENT_ORDER[pg.sort]} limit ${pg.limit} offset ${pg.offset}`.execute(db),
    sql<{ total: string }>`select count(*) as total from equipment q join client c on c.id = q.client_id where ${where}`.execute(db),
  ]);
  return { items: rows.rows.map(equipmentItem), total: Number(counted.rows[0]?.total ?? 0) };
}

export async function equipmentDetail(em: EntityManager, actor: Actor, id: string) {
  const row = (await sql<EquipmentRow>`select ${EQUIPMENT_COLUMNS} from ${EQUIPMENT_FROM} where q.id = ${id}::uuid`.execute(em.getKysely())).rows[0];
  if (!row) throw notFound('Equipment', id);
  const rights = await serviceRights(em, actor, row.client_id, 'Equipment');
  return { ...equipmentItem(row), rights: { write: rights.service } };
}

// ---- visits ----
export interface VisitFilter {
  clientId?: string | undefined; equipmentId?: string | undefined; engineerId?: string | undefined; kind?: VisitKind | undefined;
  done?: 'true' | 'false' | undefined; from?: string | undefined; to?: string | undefined; q?: string | undefined;
}
const VISIT_ORDER: Record<(typeof VISIT_SORTS)[number], RawBuilder<unknown>> = {
  plannedDate: sql`v.planned_date asc, v.id asc`,
  '-plannedDate': sql`v.planned_date desc, v.id desc`,
  updatedAt: sql`v.updated_at asc, v.id asc`,
  '-updatedAt': sql`v.updated_at desc, v.id desc`,
};
interface VisitRow {
  id: string; equipment_id: string; model: string; serial_number: string; client_id: string; client_name: string; planned_date: string;
  engineer_id: string; engineer_name: string; kind: VisitKind; result: string | null; done_at: Date | string | null; updated_at: Date | string; version: number;
}
const VISIT_FROM = sql`service_visit v join equipment q on q.id = v.equipment_id join client c on c.id = q.client_id join employee en on en.id = v.engineer_id`;
const VISIT_COLUMNS = sql`v.id, v.equipment_id, q.model, q.serial_number, q.client_id, c.name as client_name, ${day('v.planned_date')} as planned_date,
  v.engineer_id, en.full_name as engineer_name, v.kind, v.result, v.done_at, v.updated_at, v.version`;
const visitItem = (r: VisitRow) => ({
  id: r.id, equipment: { id: r.equipment_id, model: r.model, serialNumber: r.serial_number }, client: { id: r.client_id, name: r.client_name },
  plannedDate: r.planned_date, engineer: { id: r.engineer_id, name: r.engineer_name }, kind: r.kind, result: r.result, doneAt: isoTimestampOrNull(r.done_at),
  updatedAt: isoTimestamp(r.updated_at), version: r.version,
});

export async function listVisits(em: EntityManager, viewer: Viewer, f: VisitFilter, pg: Page<(typeof VISIT_SORTS)[number]>, id?: string) {
  const parts: RawBuilder<unknown>[] = [visibleService(viewer)];
  if (id) parts.push(sql`v.id = ${id}::uuid`);
  if (f.clientId) parts.push(sql`q.client_id = ${f.clientId}::uuid`);
  if (f.equipmentId) parts.push(sql`v.equipment_id = ${f.equipmentId}::uuid`);
  if (f.engineerId) parts.push(sql`v.engineer_id = ${f.engineerId}::uuid`);
  if (f.kind) parts.push(sql`v.kind = ${f.kind}`);
  if (f.done) parts.push(f.done === 'true' ? sql`v.done_at is not null` : sql`v.done_at is null`);
  if (f.from) parts.push(sql`v.planned_date >= ${f.from}::date`);
  if (f.to) parts.push(sql`v.planned_date <= ${f.to}::date`);
  const text = f.q?.trim();
  if (text) {
    const p = likePattern(text);
    parts.push(sql`(q.serial_number ilike ${p} or q.model ilike ${p} or c.name ilike ${p})`);
  }
  const where = and(parts);
  const db = em.getKysely();
  const [rows, counted] = await Promise.all([
    sql<VisitRow>`select ${VISIT_COLUMNS} from ${VISIT_FROM} where ${where} order by ${VISIT_ORDER[pg.sort]} limit ${pg.limit} offset ${pg.offset}`.execute(db),
    sql<{ total: string }>`select count(*) as total from ${VISIT_FROM} where ${where}`.execute(db),
  ]);
  return { items: rows.rows.map(visitItem), total: Number(counted.rows[0]?.total ?? 0) };
}

export async function visitDetail(em: EntityManager, actor: Actor, id: string) {
  const found = (await listVisits(em, { kind: 'employee', actor }, {}, { sort: 'plannedDate', limit: 1, offset: 0 }, id)).items[0];
  if (!found) throw notFound('Service visit', id);
  return found;
}

// ---- consultations ----
export interface ConsultationFilter {
  clientId?: string | undefined; equipmentId?: string | undefined; byId?: string | undefined; from?: string | undefined; to?: string | undefined; q?: string | undefined;
}
const CONSULTATION_ORDER: Record<(typeof CONSULTATION_SORTS)[number], RawBuilder<unknown>> = {
  at: sql`k.at asc, k.id asc`,
  '-at': sql`k.at desc, k.id desc`,
  durationMinutes: sql`k.duration_minutes asc, k.id asc`,
  '-durationMinutes': sql`k.duration_minutes desc, k.id desc`,
};
interface ConsultationRow {
  id: string; client_id: string; client_name: string; equipment_id: string | null; model: string | null; serial_number: string | null; question: string;
  answer: string | null; by_id: string; by_name: string; at: Date | string; duration_minutes: number; updated_at: Date | string; version: number;
}
const CONSULTATION_FROM = sql`phone_consultation k join client c on c.id = k.client_id left join equipment q on q.id = k.equipment_id join employee b on b.id = k.by_id`;
const consultationItem = (r: ConsultationRow) => ({
  id: r.id, client: { id: r.client_id, name: r.client_name },
  equipment: r.equipment_id === null ? null : { id: r.equipment_id, model: r.model ?? '', serialNumber: r.serial_number ?? '' },
  question: r.question, answer: r.answer, by: { id: r.by_id, name: r.by_name }, at: isoTimestamp(r.at), durationMinutes: r.duration_minutes,
  updatedAt: isoTimestamp(r.updated_at), version: r.version,
});

export async function listConsultations(em: EntityManager, viewer: Viewer, f: ConsultationFilter, pg: Page<(typeof CONSULTATION_SORTS)[number]>, id?: string) {
  const parts: RawBuilder<unknown>[] = [visibleService(viewer)];
  if (id) parts.push(sql`k.id = ${id}::uuid`);
  if (f.clientId) parts.push(sql`k.client_id = ${f.clientId}::uuid`);
  if (f.equipmentId) parts.push(sql`k.equipment_id = ${f.equipmentId}::uuid`);
  if (f.byId) parts.push(sql`k.by_id = ${f.byId}::uuid`);
  if (f.from) parts.push(sql`k.at >= ${f.from}::date`);
  if (f.to) parts.push(sql`k.at < ${f.to}::date + 1`);
  const text = f.q?.trim();
  if (text) {
    const p = likePattern(text);
    parts.push(sql`(k.question ilike ${p} or k.answer ilike ${p} or q.serial_number ilike ${p} or q.model ilike ${p} or c.name ilike ${p})`);
  }
  const where = and(parts);
  const db = em.getKysely();
  const [rows, counted] = await Promise.all([
    sql<ConsultationRow>`select k.id, k.client_id, c.name as client_name, k.equipment_id, q.model, q.serial_number, k.question, k.answer, k.by_id, b.full_name as by_name,
      k.at, k.duration_minutes, k.updated_at, k.version from ${CONSULTATION_FROM} where ${where} order by ${CONSULTATION_ORDER[pg.sort]} limit ${pg.limit} offset ${pg.offset}`.execute(db),
    sql<{ total: string }>`select count(*) as total from ${CONSULTATION_FROM} where ${where}`.execute(db),
  ]);
  return { items: rows.rows.map(consultationItem), total: Number(counted.rows[0]?.total ?? 0) };
}

export async function consultationDetail(em: EntityManager, actor: Actor, id: string) {
  const found = (await listConsultations(em, { kind: 'employee', actor }, {}, { sort: 'at', limit: 1, offset: 0 }, id)).items[0];
  if (!found) throw notFound('Phone consultation', id);
  return found;
}
