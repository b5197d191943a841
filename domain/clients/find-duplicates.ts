// The clients a new or changed one may duplicate: the same INN, a phone with the same key
// (another format of one number), the same e-mail in any case - of a client or of one of its
// contact persons. Each lookup is served by an index (client.inn, the GIN indexes on the phone
// keys, the e-mail keys), so checking while a person types costs little.
//
// The answer names clients the person may not otherwise see (name and owner only): that is the
// point - the seller learns the client is someone else's before a second card is opened for it.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { emailKey, phoneKeys } from './contact-keys.ts';

export interface DuplicateProbe {
  inn?: string | null | undefined;
  phones?: readonly string[] | undefined;
  emails?: readonly (string | null)[] | undefined;
  /** The client being changed, which does not duplicate itself. */
  exceptClientId?: string | undefined;
}

export interface DuplicateMatch {
  field: 'inn' | 'phone' | 'email';
  /** Whether the client itself or one of its contact persons matched. */
  via: 'client' | 'contact';
  value: string;
  contactName: string | null;
}

export interface DuplicateClient {
  id: string;
  name: string;
  owner: { id: string; name: string };
  matched: DuplicateMatch[];
}

/** At most this many clients are named; a probe matching more is about a shared number. */
const MAX_CLIENTS = 20;

export async function findDuplicates(em: EntityManager, probe: DuplicateProbe): Promise<DuplicateClient[]> {
  const inn = probe.inn ?? null;
  const phones = phoneKeys(probe.phones ?? []);
  const emails = [...new Set((probe.emails ?? []).filter((e): e is string => !!e).map(emailKey))];
  if (inn === null && phones.length === 0 && emails.length === 0) return [];
  const except = probe.exceptClientId ?? null;
  const { rows } = await sql<{ id: string; name: string; owner_id: string; owner_name: string; field: DuplicateMatch['field']; via: DuplicateMatch['via']; value: string; contact_name: string | null }>`
    with m as (
      select c.id as client_id, 'inn' as field, 'client' as via, c.inn as value, null::text as contact_name from client c where ${inn}::text is not null and c.inn = ${inn}
      union all select c.id, 'phone', 'client', k, null from client c cross join unnest(c.phone_keys) k where c.phone_keys && ${phones}::text[] and k = any(${phones}::text[])
      union all select c.id, 'email', 'client', c.email, null from client c where c.email_key = any(${emails}::text[])
      union all select t.client_id, 'phone', 'contact', k, t.full_name from client_contact t cross join unnest(t.phone_keys) k where t.phone_keys && ${phones}::text[] and k = any(${phones}::text[])
      union all select t.client_id, 'email', 'contact', t.email, t.full_name from client_contact t where t.email_key = any(${emails}::text[])
    ), hits as (select distinct client_id from m where ${except}::uuid is null or client_id <> ${except}::uuid order by client_id limit ${MAX_CLIENTS})
    select c.id, c.name, c.owner_id, e.full_name as owner_name, m.field, m.via, m.value, m.contact_name
    from hits h join m on m.client_id = h.client_id join client c on c.id = h.client_id join employee e on e.id = c.owner_id
    order by c.name, c.id, m.field, m.via, m.value`.execute(em.getKysely());
  const byClient = new Map<string, DuplicateClient>();
  for (const r of rows) {
    let found = byClient.get(r.id);
    if (!found) byClient.set(r.id, (found = { id: r.id, name: r.name, owner: { id: r.owner_id, name: r.owner_name }, matched: [] }));
    found.matched.push({ field: r.field, via: r.via, value: r.value, contactName: r.contact_name });
  }
  return [...byClient.values()];
}
