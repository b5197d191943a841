// The kinds of record a case may be about, and for each: whether a person may see one (a case is
// started about a record only by someone who sees it), and the label the case list, the case view
// and the inbox show beside the case so the UI can link to the record. The integrator adds the
// other contexts' types here.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { clientRights } from '../clients/client-access.ts';
import { complaintRights } from '../complaints/complaint-access.ts';
import { dealRights } from '../deals/deal-access.ts';
import { invoiceRights } from '../invoices/invoice-access.ts';
import { serviceRights } from '../service/service-access.ts';
import { DomainError, notFound } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';

export interface RecordType {
  type: string;
  /** Throws not_found when the record does not exist or the actor may not see it. */
  checkVisible(em: EntityManager, actor: Actor, id: string): Promise<void>;
  /** Labels (a deal's title) of the records that exist, by id. */
  labels(em: EntityManager, ids: readonly string[]): Promise<Map<string, string>>;
}

const client: RecordType = {
  type: 'client',
  async checkVisible(em, actor, id) {
    await clientRights(em, actor, id);
  },
  async labels(em, ids) {
    if (!ids.length) return new Map();
    const { rows } = await sql<{ id: string; name: string }>`select id, name from client where id = any(${[...ids]}::uuid[])`.execute(em.getKysely());
    return new Map(rows.map((r) => [r.id, r.name]));
  },
};

const deal: RecordType = {
  type: 'deal',
  async checkVisible(em, actor, id) {
    await dealRights(em, actor, id);
  },
  async labels(em, ids) {
    if (!ids.length) return new Map();
    const { rows } = await sql<{ id: string; title: string }>`select id, title from deal where id = any(${[...ids]}::uuid[])`.execute(em.getKysely());
    return new Map(rows.map((r) => [r.id, r.title]));
  },
};

const invoice: RecordType = {
  type: 'invoice',
  async checkVisible(em, actor, id) {
    await invoiceRights(em, actor, id);
  },
  async labels(em, ids) {
    if (!ids.length) return new Map();
    const { rows } = await sql<{ id: string; label: string }>`select id, 'Счёт ' || number as label from invoice where id = any(${[...ids]}::uuid[])`.execute(em.getKysely());
    return new Map(rows.map((r) => [r.id, r.label]));
  },
};

const installation: RecordType = {
  type: 'installation',
  async checkVisible(em, actor, id) {
    const { rows } = await sql<{ client_id: string }>`select client_id from installation_order where id = ${id}::uuid`.execute(em.getKysely());
    if (!rows[0]) throw notFound('Installation order', id);
    await serviceRights(em, actor, rows[0].client_id, 'Installation order');
  },
  async labels(em, ids) {
    if (!ids.length) return new Map();
    const { rows } = await sql<{ id: string; label: string }>`select id, 'Монтаж по договору ' || contract_number as label from installation_order where id = any(${[...ids]}::uuid[])`.execute(em.getKysely());
    return new Map(rows.map((r) => [r.id, r.label]));
  },
};

const complaint: RecordType = {
  type: 'complaint',
  async checkVisible(em, actor, id) {
    await complaintRights(em, actor, id);
  },
  async labels(em, ids) {
    if (!ids.length) return new Map();
    const { rows } = await sql<{ id: string; label: string }>`select id, 'Жалоба ' || number || ': ' || subject as label from complaint where id = any(${[...ids]}::uuid[])`.execute(em.getKysely());
    return new Map(rows.map((r) => [r.id, r.label]));
  },
};

export const RECORD_TYPES: ReadonlyMap<string, RecordType> = new Map([deal, invoice, installation, complaint, client].map((t) => [t.type, t]));

/** The record a case is about, as the API answers it. */
export interface RecordRef {
  type: string;
  id: string;
  /** Null when the record no longer exists. */
  label: string | null;
}

/** Checks that the starter may see the record; an unknown type is 422 naming `record.type`. */
export async function checkRecordVisible(em: EntityManager, actor: Actor, record: { type: string; id: string }): Promise<void> {
  const t = RECORD_TYPES.get(record.type);
  if (!t) throw new DomainError('unprocessable', `No kind of record is called "${record.type}"`, [{ path: 'record.type', message: `expected one of: ${[...RECORD_TYPES.keys()].join(', ')}` }]);
  await t.checkVisible(em, actor, record.id);
}

/** Labels for many (type, id) pairs, one statement per type; the key is `type:id`. */
export async function recordLabels(em: EntityManager, records: readonly { type: string | null; id: string | null }[]): Promise<Map<string, string>> {
  const byType = new Map<string, Set<string>>();
  for (const r of records) if (r.type && r.id) byType.set(r.type, (byType.get(r.type) ?? new Set()).add(r.id));
  const out = new Map<string, string>();
  for (const [type, ids] of byType) {
    const t = RECORD_TYPES.get(type);
    if (!t) continue;
    for (const [id, label] of await t.labels(em, [...ids])) out.set(`${type}:${id}`, label);
  }
  return out;
}

/** `{ type, id, label }` for a row's record columns, or null for a case about none. */
export function recordRef(labels: ReadonlyMap<string, string>, type: string | null, id: string | null): RecordRef | null {
  if (!type || !id) return null;
  return { type, id, label: labels.get(`${type}:${id}`) ?? null };
}
