// The read side of clients: the list (filtered by the visibility rule, so its count agrees) and
// the card with contacts and tags. One statement per list page plus one for the count; tags and
// the primary contact come as JSON in the same statement.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { clientRights, visibleClient } from '../../domain/clients/client-access.ts';
import type { ClientKind, ClientStage, SourceChannel } from '../../domain/clients/entities.ts';
import { subtreeOf } from '../../domain/clients/tag-tree.ts';
import { notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import type { Viewer } from '../../domain/processes/case-access.ts';
import { isoTimestamp } from '../timestamps.ts';
import type { ClientSort } from './schemas.ts';

export interface ClientFilter {
  q?: string | undefined;
  ownerId?: string | undefined;
  stage?: ClientStage | undefined;
  tagIds?: string[] | undefined;
  sourceChannel?: SourceChannel | undefined;
  region?: string | undefined;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

function conditions(viewer: Viewer, f: ClientFilter): RawBuilder<SqlBool> {
  const parts: RawBuilder<unknown>[] = [visibleClient(viewer)];
  if (f.ownerId) parts.push(sql`c.owner_id = ${f.ownerId}::uuid`);
  if (f.stage) parts.push(sql`c.stage = ${f.stage}`);
  if (f.sourceChannel) parts.push(sql`c.source_channel = ${f.sourceChannel}`);
  if (f.region) parts.push(sql`lower(c.region) = lower(${f.region})`);
  for (const tag of f.tagIds ?? []) parts.push(sql`exists (select 1 from client_tag_link l where l.client_id = c.id and l.client_tag_id = any(${subtreeOf(tag)}))`);
  const q = f.q?.trim();
  if (q) {
    const pattern = `%${likeEscape(q)}%`;
    const digits = q.replace(/\D/g, '');
    // A phone is searched by its digits; one typed with the 8 prefix is found under its +7 key.
    const phonePatterns = digits.length >= 3 ? [...new Set([digits, digits.startsWith('8') ? `7${digits.slice(1)}` : digits])].map((d) => `%${d}%`) : [];
    const phoneMatch = (column: string) => (phonePatterns.length ? sql`or array_to_string(${sql.ref(column)}, ' ') like any(${phonePatterns}::text[])` : sql``);
    parts.push(sql`(c.name ilike ${pattern} or c.inn like ${pattern} ${phoneMatch('c.phone_keys')}
      or exists (select 1 from client_contact t where t.client_id = c.id and (t.full_name ilike ${pattern} ${phoneMatch('t.phone_keys')})))`);
  }
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

const ORDER: Record<ClientSort, RawBuilder<unknown>> = {
  name: sql`c.name asc, c.id asc`,
  '-name': sql`c.name desc, c.id desc`,
  updatedAt: sql`c.updated_at asc, c.id asc`,
  '-updatedAt': sql`c.updated_at desc, c.id desc`,
  createdAt: sql`c.created_at asc, c.id asc`,
  '-createdAt': sql`c.created_at desc, c.id desc`,
  probability: sql`c.probability asc nulls last, c.id asc`,
  '-probability': sql`c.probability desc nulls last, c.id desc`,
};

interface ListRow {
  id: string; name: string; kind: ClientKind; inn: string | null; region: string | null; phones: string[]; email: string | null;
  stage: ClientStage; probability: number | null; source_channel: SourceChannel | null; owner_id: string; owner_name: string;
  tags: { id: string; name: string }[]; primary_contact: { id: string; fullName: string; phones: string[] } | null; updated_at: Date | string; version: number;
}

export async function listClients(em: EntityManager, viewer: Viewer, filter: ClientFilter, page: { sort: ClientSort; limit: number; offset: number }) {
  const where = conditions(viewer, filter);
  const db = em.getKysely();
  const [rows, counted] = await Promise.all([
    sql<ListRow>`select c.id, c.name, c.kind, c.inn, c.region, c.phones, c.email, c.stage, c.probability, c.source_channel, c.owner_id, o.full_name as owner_name, c.updated_at, c.version,
        coalesce((select json_agg(json_build_object('id', g.id, 'name', g.name) order by g.name, g.id) from client_tag_link l join client_tag g on g.id = l.client_tag_id where l.client_id = c.id), '[]'::json) as tags,
        (select json_build_object('id', t.id, 'fullName', t.full_name, 'phones', t.phones) from client_contact t where t.client_id = c.id order by t.is_primary desc, t.created_at, t.id limit 1) as primary_contact
      from client c join employee o on o.id = c.owner_id
      where ${where} order by ${ORDER[page.sort]} limit ${page.limit} offset ${page.offset}`.execute(db),
    sql<{ total: string }>`select count(*) as total from client c where ${where}`.execute(db),
  ]);
  const items = rows.rows.map((r) => ({
    id: r.id, name: r.name, kind: r.kind, inn: r.inn, region: r.region, phones: r.phones, email: r.email, stage: r.stage,
    probability: r.probability, sourceChannel: r.source_channel, owner: { id: r.owner_id, name: r.owner_name }, tags: r.tags,
    primaryContact: r.primary_contact, updatedAt: isoTimestamp(r.updated_at), version: r.version,
  }));
  return { items, total: Number(counted.rows[0]?.total ?? 0) };
}

interface DetailRow {
  id: string; name: string; kind: ClientKind; inn: string | null; kpp: string | null; legal_address: string | null; region: string | null;
  phones: string[]; email: string | null; website: string | null; source_channel: SourceChannel | null; triggering_event: string | null;
  interest: string | null; interest_reason: string | null; probability: number | null; stage: ClientStage; notes: string | null; marketing_consent: boolean;
  owner_id: string; owner_name: string; created_by_id: string; created_by_name: string; created_at: Date | string;
  updated_by_id: string; updated_by_name: string; updated_at: Date | string; version: number;
}
interface ContactRow {
  id: string; full_name: string; position: string | null; phones: string[]; email: string | null; birth_day: number | null; birth_month: number | null;
  birth_year: number | null; notes: string | null; is_primary: boolean; version: number; created_at: Date | string; updated_at: Date | string;
}

export const contactView = (t: ContactRow) => ({
  id: t.id, fullName: t.full_name, position: t.position, phones: t.phones, email: t.email,
  birthday: t.birth_day !== null && t.birth_month !== null ? { day: t.birth_day, month: t.birth_month, year: t.birth_year } : null,
  notes: t.notes, isPrimary: t.is_primary, version: t.version, createdAt: isoTimestamp(t.created_at), updatedAt: isoTimestamp(t.updated_at),
});

export async function readContact(em: EntityManager, clientId: string, contactId: string) {
  const { rows } = await sql<ContactRow>`select * from client_contact where id = ${contactId}::uuid and client_id = ${clientId}::uuid`.execute(em.getKysely());
  if (!rows[0]) throw notFound('Contact person', contactId);
  return contactView(rows[0]);
}

/** The client card; not_found when it does not exist or the actor may not see it. */
export async function clientDetail(em: EntityManager, actor: Actor, id: string) {
  const rights = await clientRights(em, actor, id);
  const db = em.getKysely();
  const [client, contacts, tags] = await Promise.all([
    sql<DetailRow>`select c.*, o.full_name as owner_name, cb.full_name as created_by_name, ub.full_name as updated_by_name
      from client c join employee o on o.id = c.owner_id join employee cb on cb.id = c.created_by_id join employee ub on ub.id = c.updated_by_id
      where c.id = ${id}::uuid`.execute(db),
    sql<ContactRow>`select * from client_contact where client_id = ${id}::uuid order by is_primary desc, full_name, id`.execute(db),
    sql<{ id: string; name: string; parent_id: string | null }>`select g.id, g.name, g.parent_id from client_tag_link l join client_tag g on g.id = l.client_tag_id where l.client_id = ${id}::uuid order by g.name, g.id`.execute(db),
  ]);
  const c = client.rows[0];
  if (!c) throw notFound('Client', id);
  return {
    id: c.id, name: c.name, kind: c.kind, inn: c.inn, kpp: c.kpp, legalAddress: c.legal_address, region: c.region, phones: c.phones, email: c.email,
    website: c.website, sourceChannel: c.source_channel, triggeringEvent: c.triggering_event, interest: c.interest, interestReason: c.interest_reason,
    probability: c.probability, stage: c.stage, notes: c.notes, marketingConsent: c.marketing_consent,
    owner: { id: c.owner_id, name: c.owner_name },
    tags: tags.rows.map((t) => ({ id: t.id, name: t.name, parentId: t.parent_id })),
    contacts: contacts.rows.map(contactView),
    createdBy: { id: c.created_by_id, name: c.created_by_name }, createdAt: isoTimestamp(c.created_at),
    updatedBy: { id: c.updated_by_id, name: c.updated_by_name }, updatedAt: isoTimestamp(c.updated_at),
    version: c.version,
    rights: { write: rights.write, reassign: rights.reassign },
  };
}
