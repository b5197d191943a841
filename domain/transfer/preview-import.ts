// The preview of an import job: every row checked (check-row.ts), its client, owner and stage
// looked up, and duplicates found - the same INN, phone or e-mail as an existing client (or its
// contact person) or an earlier row of the file; for contacts the same phone or e-mail at the
// same client; for deals an open deal of the same title at the same client. A handful of
// statements for the whole file, whatever its size. The answer is stored on the job, so pages of
// it are read without checking again, and the commit takes exactly what the person saw.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { CHANGES_ALL_CLIENTS, teamOf } from '../clients/client-access.ts';
import { emailKey, phoneKeys } from '../clients/contact-keys.ts';
import { hasAnyRole, type Actor } from '../identity/roles.ts';
import { checkRow, type CellProblem, type RowSchemas } from './check-row.ts';
import type { ImportKind } from './entities.ts';
import type { Mapping } from './import-fields.ts';

export interface DuplicateOf {
  /** An existing client, or an earlier row of the file. */
  of: 'client' | 'row';
  clientId: string | null;
  name: string | null;
  line: number | null;
  field: 'inn' | 'phone' | 'email' | 'title';
  value: string;
}

export interface PreviewRow {
  line: number;
  status: 'ok' | 'error' | 'duplicate';
  /** What a person recognises the row by: the client's or contact's name, the deal's title. */
  label: string;
  problems: CellProblem[];
  duplicates: DuplicateOf[];
  /** The endpoint body and the ids resolved for it; the commit creates exactly this. */
  body: Record<string, unknown>;
  clientId: string | null;
  ownerId: string | null;
  stageId: string | null;
}

export interface Preview {
  rows: PreviewRow[];
  counts: { total: number; ok: number; errors: number; duplicates: number };
}

interface Person { id: string; email: string; full_name: string; active: boolean; assignable: boolean }
interface ClientHit { id: string; name: string; inn: string | null; owner_id: string; writable: boolean }

const lower = (s: string) => s.trim().toLowerCase();

async function lookUpPeople(em: EntityManager, actor: Actor, refs: string[]): Promise<Map<string, Person>> {
  const keys = [...new Set(refs.map(lower))];
  const found = new Map<string, Person>();
  if (!keys.length) return found;
  const all = hasAnyRole(actor, CHANGES_ALL_CLIENTS);
  const { rows } = await sql<Person>`select id, email, full_name, active, (${all} or id = any(${teamOf(actor.employeeId)})) as assignable
    from employee where lower(email) = any(${keys}::text[]) or lower(full_name) = any(${keys}::text[])`.execute(em.getKysely());
  for (const r of rows) {
    found.set(lower(r.email), r);
    // A name two people share finds neither: the e-mail must be given.
    const name = lower(r.full_name);
    found.set(name, found.has(name) && found.get(name)!.id !== r.id ? { ...r, id: '' } : r);
  }
  return found;
}

async function lookUpClients(em: EntityManager, actor: Actor, inns: string[], names: string[]): Promise<ClientHit[]> {
  if (!inns.length && !names.length) return [];
  const all = hasAnyRole(actor, CHANGES_ALL_CLIENTS);
  const { rows } = await sql<ClientHit>`select c.id, c.name, c.inn, c.owner_id, (${all} or c.owner_id = any(${teamOf(actor.employeeId)})) as writable
    from client c where c.inn = any(${[...new Set(inns)]}::text[]) or lower(c.name) = any(${[...new Set(names.map(lower))]}::text[])`.execute(em.getKysely());
  return rows;
}

/** Existing clients (or their contact persons) with these INNs, phone keys, e-mail keys. */
async function existingKeys(em: EntityManager, inns: string[], phones: string[], emails: string[]) {
  const { rows } = await sql<{ field: 'inn' | 'phone' | 'email'; key: string; id: string; name: string }>`
    select 'inn' as field, c.inn as key, c.id, c.name from client c where c.inn = any(${inns}::text[])
    union all select 'phone', k, c.id, c.name from client c cross join unnest(c.phone_keys) k where c.phone_keys && ${phones}::text[] and k = any(${phones}::text[])
    union all select 'phone', k, c.id, c.name from client_contact t join client c on c.id = t.client_id cross join unnest(t.phone_keys) k where t.phone_keys && ${phones}::text[] and k = any(${phones}::text[])
    union all select 'email', c.email_key, c.id, c.name from client c where c.email_key = any(${emails}::text[])
    union all select 'email', t.email_key, c.id, c.name from client_contact t join client c on c.id = t.client_id where t.email_key = any(${emails}::text[])`.execute(em.getKysely());
  const byKey = new Map<string, { id: string; name: string }>();
  for (const r of rows) if (!byKey.has(`${r.field}:${r.key}`)) byKey.set(`${r.field}:${r.key}`, { id: r.id, name: r.name });
  return byKey;
}

export interface PreviewInput {
  kind: ImportKind;
  columns: readonly string[];
  rows: readonly (readonly string[])[];
  mapping: Mapping;
}

export async function previewImport(em: EntityManager, actor: Actor, input: PreviewInput, schemas: RowSchemas): Promise<Preview> {
  const { kind, columns, mapping } = input;
  const checked = input.rows.map((cells, i) => checkRow(kind, cells, i, mapping, columns, schemas));
  const column = (field: string) => { const c = mapping[field]; return c === null || c === undefined ? null : (columns[c] ?? null); };

  const people = await lookUpPeople(em, actor, checked.flatMap((r) => (r.refs.owner ? [r.refs.owner] : [])));
  const clients = kind === 'clients' ? [] : await lookUpClients(em, actor, checked.flatMap((r) => (r.refs.clientInn ? [r.refs.clientInn] : [])), checked.flatMap((r) => (r.refs.clientName ? [r.refs.clientName] : [])));
  const stages = kind === 'deals' ? (await sql<{ id: string; code: string; name: string; name_en: string | null }>`select id, code, name, name_en from deal_stage`.execute(em.getKysely())).rows : [];

  // Keys of the whole file, for the duplicate look-ups.
  const rowKeys = checked.map((r) => {
    const b = r.body;
    const contacts = (Array.isArray(b.contacts) ? b.contacts : []) as { phones?: string[]; email?: string }[];
    const phones = phoneKeys([...((b.phones as string[] | undefined) ?? []), ...contacts.flatMap((c) => c.phones ?? [])]);
    const emails = [...new Set([b.email, ...contacts.map((c) => c.email)].filter((e): e is string => typeof e === 'string').map(emailKey))];
    return { inn: typeof b.inn === 'string' ? b.inn : null, phones, emails };
  });
  const existing = kind === 'clients'
    ? await existingKeys(em, rowKeys.flatMap((k) => (k.inn ? [k.inn] : [])), rowKeys.flatMap((k) => k.phones), rowKeys.flatMap((k) => k.emails))
    : new Map<string, { id: string; name: string }>();

  const out: PreviewRow[] = [];
  const seen = new Map<string, number>(); // key -> line of the first row with it
  for (const [i, r] of checked.entries()) {
    const problems = [...r.problems];
    const problem = (field: string, message: string) => problems.push({ field, column: column(field), message });
    let clientId: string | null = null;
    let clientOwner: string | null = null;
    let ownerId: string | null = null;
    let stageId: string | null = null;

    if (kind !== 'clients') {
      const byInn = r.refs.clientInn ? clients.filter((c) => c.inn === r.refs.clientInn) : [];
      const byName = !r.refs.clientInn && r.refs.clientName ? clients.filter((c) => lower(c.name) === lower(r.refs.clientName!)) : [];
      const matches = (r.refs.clientInn ? byInn : byName).filter((c) => c.writable);
      const field = r.refs.clientInn ? 'clientInn' : 'clientName';
      if (!r.refs.clientInn && !r.refs.clientName) problem('clientInn', 'name the client: its INN or its name');
      else if (matches.length === 0) problem(field, 'no client with this ' + (r.refs.clientInn ? 'INN' : 'name') + ' that you may change');
      else if (matches.length > 1) problem(field, `${matches.length} clients have this ${r.refs.clientInn ? 'INN' : 'name'}: give the INN of the one meant`);
      else { clientId = matches[0]!.id; clientOwner = matches[0]!.owner_id; }
    }
    if (r.refs.owner) {
      const person = people.get(lower(r.refs.owner));
      if (!person) problem('owner', 'no employee with this e-mail or name');
      else if (person.id === '') problem('owner', 'several employees have this name: give the e-mail');
      else if (!person.active) problem('owner', 'no longer works here');
      else if (!person.assignable && person.id !== clientOwner) problem('owner', 'you may make only yourself or your reports the owner');
      else ownerId = person.id;
    }
    if (kind === 'deals' && r.refs.stage) {
      const s = lower(r.refs.stage);
      const stage = stages.find((st) => st.code === s || lower(st.name) === s || (st.name_en !== null && lower(st.name_en) === s));
      if (!stage) problem('stage', `no such stage of the pipeline (${stages.map((st) => st.name).join(', ')})`);
      else stageId = stage.id;
    }

    const duplicates: DuplicateOf[] = [];
    const keys: { field: DuplicateOf['field']; key: string; value: string }[] = [];
    if (kind === 'clients') {
      const k = rowKeys[i]!;
      if (k.inn) keys.push({ field: 'inn', key: k.inn, value: k.inn });
      for (const p of k.phones) keys.push({ field: 'phone', key: p, value: p });
      for (const e of k.emails) keys.push({ field: 'email', key: e, value: e });
      for (const key of keys) {
        const hit = existing.get(`${key.field}:${key.key}`);
        if (hit) duplicates.push({ of: 'client', clientId: hit.id, name: hit.name, line: null, field: key.field, value: key.value });
      }
    } else if (clientId) {
      const k = rowKeys[i]!;
      if (kind === 'contacts') for (const key of [...k.phones.map((p) => ({ field: 'phone' as const, key: p })), ...k.emails.map((e) => ({ field: 'email' as const, key: e }))]) keys.push({ ...key, key: `${clientId}:${key.key}`, value: key.key });
      else if (typeof r.body.title === 'string') keys.push({ field: 'title', key: `${clientId}:${lower(r.body.title)}`, value: r.body.title });
    }
    for (const key of keys) {
      const first = seen.get(`${key.field}:${key.key}`);
      if (first !== undefined) duplicates.push({ of: 'row', clientId: null, name: null, line: first, field: key.field, value: key.value });
      else seen.set(`${key.field}:${key.key}`, r.line);
    }

    const label = [r.body.name, r.body.fullName, r.body.title].find((v): v is string => typeof v === 'string') ?? '';
    out.push({ line: r.line, status: problems.length ? 'error' : duplicates.length ? 'duplicate' : 'ok', label, problems, duplicates, body: r.body, clientId, ownerId, stageId });
  }

  if (kind !== 'clients') await markExisting(em, kind, out);
  return {
    rows: out,
    counts: { total: out.length, ok: out.filter((r) => r.status === 'ok').length, errors: out.filter((r) => r.status === 'error').length, duplicates: out.filter((r) => r.status === 'duplicate').length },
  };
}

/** Contacts and deals already at their client: the same phone or e-mail, an open deal of the same title. */
async function markExisting(em: EntityManager, kind: ImportKind, rows: PreviewRow[]): Promise<void> {
  const ids = [...new Set(rows.flatMap((r) => (r.clientId ? [r.clientId] : [])))];
  if (!ids.length) return;
  const db = em.getKysely();
  const have = new Set<string>();
  if (kind === 'contacts') {
    const { rows: found } = await sql<{ client_id: string; phone_keys: string[]; email_key: string | null }>`select client_id, phone_keys, email_key from client_contact where client_id = any(${ids}::uuid[])`.execute(db);
    for (const f of found) {
      for (const p of f.phone_keys) have.add(`phone:${f.client_id}:${p}`);
      if (f.email_key) have.add(`email:${f.client_id}:${f.email_key}`);
    }
  } else {
    const { rows: found } = await sql<{ client_id: string; title: string }>`select client_id, lower(title) as title from deal where status = 'open' and client_id = any(${ids}::uuid[])`.execute(db);
    for (const f of found) have.add(`title:${f.client_id}:${f.title}`);
  }
  for (const r of rows) {
    if (!r.clientId) continue;
    const b = r.body;
    const probes = kind === 'contacts'
      ? [...phoneKeys((b.phones as string[] | undefined) ?? []).map((p) => ['phone', p] as const), ...(typeof b.email === 'string' ? [['email', emailKey(b.email)] as const] : [])]
      : typeof b.title === 'string' ? [['title', lower(b.title)] as const] : [];
    for (const [field, key] of probes) {
      if (have.has(`${field}:${r.clientId}:${key}`)) r.duplicates.push({ of: 'client', clientId: r.clientId, name: null, line: null, field, value: key });
    }
    if (r.status === 'ok' && r.duplicates.length) r.status = 'duplicate';
  }
}
