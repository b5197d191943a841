// The read side of installation orders: the list (filtered by the service visibility rule through
// the join on the client, so the total agrees with what the person may open) and the order's page
// with its history, the equipment it put in the register, and the actions the viewer may take.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import type { Viewer } from '../../domain/processes/case-access.ts';
import type { InstallationLine, InstallationMove, InstallationStatus } from '../../domain/service/entities.ts';
import { movesFrom } from '../../domain/service/installation-moves.ts';
import { serviceRights, visibleService } from '../../domain/service/service-access.ts';
import { isoTimestamp } from '../timestamps.ts';
import { listEquipment } from './register-view.ts';
import type { INSTALLATION_SORTS } from './schemas.ts';

export interface InstallationFilter {
  clientId?: string | undefined; dealId?: string | undefined; status?: InstallationStatus | undefined; engineerId?: string | undefined;
  from?: string | undefined; to?: string | undefined; atRisk?: 'true' | 'false' | undefined; q?: string | undefined;
}

export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

// coalesce: an unscheduled order far from its date compares a null scheduled date, which is null, not false.
const AT_RISK = sql`coalesce(o.status not in ('done', 'cancelled') and (o.scheduled_date > o.install_by or (o.scheduled_date is null and o.install_by <= current_date + 3)), false)`;

function conditions(viewer: Viewer, f: InstallationFilter): RawBuilder<SqlBool> {
  const parts: RawBuilder<unknown>[] = [visibleService(viewer)];
  if (f.clientId) parts.push(sql`o.client_id = ${f.clientId}::uuid`);
  if (f.dealId) parts.push(sql`o.deal_id = ${f.dealId}::uuid`);
  if (f.status) parts.push(sql`o.status = ${f.status}`);
  if (f.engineerId) parts.push(sql`o.engineer_id = ${f.engineerId}::uuid`);
  if (f.from) parts.push(sql`coalesce(o.scheduled_date, o.install_by) >= ${f.from}::date`);
  if (f.to) parts.push(sql`coalesce(o.scheduled_date, o.install_by) <= ${f.to}::date`);
  if (f.atRisk) parts.push(f.atRisk === 'true' ? AT_RISK : sql`not ${AT_RISK}`);
  const q = f.q?.trim();
  if (q) {
    const p = likePattern(q);
    parts.push(sql`(o.contract_number ilike ${p} or o.site_address ilike ${p} or c.name ilike ${p} or exists (select 1 from jsonb_array_elements(o.lines) l where l->>'model' ilike ${p}))`);
  }
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

const ORDER: Record<(typeof INSTALLATION_SORTS)[number], RawBuilder<unknown>> = {
  installBy: sql`o.install_by asc, o.id asc`,
  '-installBy': sql`o.install_by desc, o.id desc`,
  scheduledDate: sql`o.scheduled_date asc nulls last, o.id asc`,
  '-scheduledDate': sql`o.scheduled_date desc nulls last, o.id desc`,
  updatedAt: sql`o.updated_at asc, o.id asc`,
  '-updatedAt': sql`o.updated_at desc, o.id desc`,
  createdAt: sql`o.created_at asc, o.id asc`,
  '-createdAt': sql`o.created_at desc, o.id desc`,
  client: sql`c.name asc, o.id asc`,
  '-client': sql`c.name desc, o.id desc`,
};

const day = (col: string) => sql`to_char(${sql.ref(col)}, 'YYYY-MM-DD')`;
const COLUMNS = sql`o.id, o.client_id, c.name as client_name, o.deal_id, d.title as deal_title, o.contract_number, ${day('o.install_by')} as install_by,
  o.site_address, o.lines, o.status, o.missing, ${day('o.return_deadline')} as return_deadline, ${day('o.scheduled_date')} as scheduled_date,
  o.engineer_id, en.full_name as engineer_name, o.act_number, ${day('o.act_date')} as act_date, o.done_by_id, db.full_name as done_by_name,
  o.cancel_reason, ${AT_RISK} as at_risk, o.created_by_id, cb.full_name as created_by_name, o.created_at, o.updated_at, o.version, o.notes`;
const FROM = sql`installation_order o join client c on c.id = o.client_id left join deal d on d.id = o.deal_id left join employee en on en.id = o.engineer_id
  left join employee db on db.id = o.done_by_id join employee cb on cb.id = o.created_by_id`;

interface Row {
  id: string; client_id: string; client_name: string; deal_id: string | null; deal_title: string | null; contract_number: string; install_by: string;
  site_address: string; lines: InstallationLine[]; status: InstallationStatus; missing: string | null; return_deadline: string | null; scheduled_date: string | null;
  engineer_id: string | null; engineer_name: string | null; act_number: string | null; act_date: string | null; done_by_id: string | null; done_by_name: string | null;
  cancel_reason: string | null; at_risk: boolean; created_by_id: string; created_by_name: string; created_at: Date | string; updated_at: Date | string; version: number; notes: string | null;
}

const personOf = (id: string | null, name: string | null) => (id === null ? null : { id, name: name ?? '' });
const item = (r: Row) => ({
  id: r.id, client: { id: r.client_id, name: r.client_name }, deal: r.deal_id === null ? null : { id: r.deal_id, title: r.deal_title ?? '' },
  contractNumber: r.contract_number, installBy: r.install_by, siteAddress: r.site_address, lines: r.lines, status: r.status, missing: r.missing,
  returnDeadline: r.return_deadline, scheduledDate: r.scheduled_date, engineer: personOf(r.engineer_id, r.engineer_name), actNumber: r.act_number,
  actDate: r.act_date, doneBy: personOf(r.done_by_id, r.done_by_name), cancelReason: r.cancel_reason, atRisk: r.at_risk,
  createdBy: { id: r.created_by_id, name: r.created_by_name }, createdAt: isoTimestamp(r.created_at), updatedAt: isoTimestamp(r.updated_at), version: r.version,
});

export async function listInstallations(em: EntityManager, viewer: Viewer, f: InstallationFilter, pg: { sort: (typeof INSTALLATION_SORTS)[number]; limit: number; offset: number }) {
  const where = conditions(viewer, f);
  const db = em.getKysely();
  const [rows, counted] = await Promise.all([
    sql<Row>`select ${COLUMNS} from ${FROM} where ${where} order by ${ORDER[pg.sort]} limit ${pg.limit} offset ${pg.offset}`.execute(db),
    sql<{ total: string }>`select count(*) as total from installation_order o join client c on c.id = o.client_id where ${where}`.execute(db),
  ]);
  return { items: rows.rows.map(item), total: Number(counted.rows[0]?.total ?? 0) };
}

type Action = 'accept' | 'return' | 'schedule' | 'complete' | 'cancel';

/** The order's page; not_found when it does not exist or the actor may not see its client's service records. */
export async function installationDetail(em: EntityManager, actor: Actor, id: string) {
  const db = em.getKysely();
  const found = (await sql<Row>`select ${COLUMNS} from ${FROM} where o.id = ${id}::uuid`.execute(db)).rows[0];
  if (!found) throw notFound('Installation order', id);
  const rights = await serviceRights(em, actor, found.client_id, 'Installation order');
  const history = await sql<{ move: InstallationMove; from_status: InstallationStatus | null; to_status: InstallationStatus; by_id: string | null; by_name: string | null; case_id: string | null; comment: string | null; at: Date | string }>`
    select h.move, h.from_status, h.to_status, h.by_id, e.full_name as by_name, h.case_id, h.comment, h.at
    from installation_status_change h left join employee e on e.id = h.by_id where h.order_id = ${id}::uuid order by h.at, h.id`.execute(db);
  const early = found.status === 'new' || found.status === 'returned';
  const actions = movesFrom(found.status).filter((m): m is Action => m !== 'resubmit').filter((m) => rights.service || (m === 'cancel' && rights.client && early));
  const equipment = found.status === 'done' ? (await listEquipment(em, { kind: 'employee', actor }, { installationId: id }, { sort: 'model', limit: 200, offset: 0 })).items : [];
  return {
    ...item(found),
    notes: found.notes,
    history: history.rows.map((h) => ({ move: h.move, from: h.from_status, to: h.to_status, by: personOf(h.by_id, h.by_name), caseId: h.case_id, comment: h.comment, at: isoTimestamp(h.at) })),
    equipment,
    rights: { edit: (rights.service && !['done', 'cancelled'].includes(found.status)) || (rights.client && early), actions },
  };
}
