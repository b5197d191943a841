// Completeness of the client base: per field the share of clients with it filled, per owner the
// same and the average completeness of their clients, and the least complete clients with what
// they lack. Clients count for their owner; with a period, only clients created in it (how well
// the new ones were filled in), without one, the whole base. Everything is counted in SQL, so
// the answer's size does not grow with the base.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import type { Actor } from '../../identity/roles.ts';
import { reportScope, type ReportFilter, type ReportScope } from '../report-scope.ts';
import { COMPLETENESS_FIELDS, completeness, missingFields, type ClientFacts, type CompletenessField } from './completeness.ts';
import { companyTimeZone, inScopeSql, run, withinDaysSql, type Period } from './report-sql.ts';

export const LEAST_COMPLETE_LIMIT = 50;

/** One row per client in scope: which fields are filled, and the share of its applicable fields. */
export function factsSql(scope: ReportScope, period: Period | undefined, timeZone: string) {
  return sql`
    select c.id, c.name, c.kind, c.owner_id,
      c.inn is not null as inn, c.kpp is not null as kpp, cardinality(c.phones) > 0 as phone, c.email is not null as email,
      c.legal_address is not null as "legalAddress", c.region is not null as region, c.source_channel is not null as "sourceChannel",
      c.interest is not null as interest, c.probability is not null as probability,
      exists (select 1 from client_contact k where k.client_id = c.id) as contact,
      exists (select 1 from client_contact k where k.client_id = c.id and k.birth_day is not null and k.birth_month is not null) as "contactBirthday"
    from client c
    where ${inScopeSql(scope, 'c.owner_id')} and ${period ? withinDaysSql('c.created_at', period, timeZone) : sql`true`}`;
}

// Over the facts CTE, aliased f (employee, joined beside it, has an email column too).
const filledCount = sql`(f.inn::int + (f.kind = 'legal' and f.kpp)::int + f.phone::int + f.email::int + f."legalAddress"::int + f.region::int
  + f."sourceChannel"::int + f.interest::int + f.contact::int + f."contactBirthday"::int + f.probability::int)`;
const applicableCount = sql`(case when f.kind = 'legal' then 11 else 10 end)`;

type Facts = ClientFacts & { id: string; name: string };

export async function completenessReport(em: EntityManager, actor: Actor, q: Partial<Period> & ReportFilter) {
  const scope = await reportScope(em, actor, q);
  const period = q.from && q.to ? { from: q.from, to: q.to } : undefined;
  const facts = factsSql(scope, period, await companyTimeZone(em));
  const perField = COMPLETENESS_FIELDS.map((f) => sql`count(*) filter (where ${f === 'kpp' ? sql`f.kind = 'legal' and f.kpp` : sql.ref(`f.${f}`)})::int as ${sql.ref(f)}`);
  const [owners, least] = await Promise.all([
    run(em, sql<Record<CompletenessField, number> & { ownerId: string; ownerName: string; clients: number; legal: number; completeness: number }>`
      with f as (${facts})
      select f.owner_id as "ownerId", e.full_name as "ownerName", count(*)::int as clients, count(*) filter (where f.kind = 'legal')::int as legal,
        avg(${filledCount}::float8 / ${applicableCount}) as completeness, ${sql.join(perField)}
      from f join employee e on e.id = f.owner_id group by f.owner_id, e.full_name order by e.full_name, f.owner_id`),
    run(em, sql<Facts & { ownerId: string; ownerName: string }>`
      with f as (${facts})
      select f.*, f.owner_id as "ownerId", e.full_name as "ownerName" from f join employee e on e.id = f.owner_id
      order by ${filledCount}::float8 / ${applicableCount}, f.name, f.id limit ${LEAST_COMPLETE_LIMIT}`),
  ]);
  const clients = owners.reduce((s, o) => s + o.clients, 0);
  const legal = owners.reduce((s, o) => s + o.legal, 0);
  const share = (filled: number, of: number) => (of ? filled / of : null);
  return {
    clients,
    completeness: clients ? owners.reduce((s, o) => s + o.completeness * o.clients, 0) / clients : null,
    fields: COMPLETENESS_FIELDS.map((field) => {
      const of = field === 'kpp' ? legal : clients;
      const filled = owners.reduce((s, o) => s + o[field], 0);
      return { field, clients: of, filled, share: share(filled, of) };
    }),
    owners: owners.map((o) => ({
      owner: { id: o.ownerId, fullName: o.ownerName }, clients: o.clients, completeness: o.completeness,
      ...Object.fromEntries(COMPLETENESS_FIELDS.map((f) => [f, share(o[f], f === 'kpp' ? o.legal : o.clients)])) as Record<CompletenessField, number | null>,
    })),
    leastComplete: least.map((c) => ({
      client: { id: c.id, name: c.name }, owner: { id: c.ownerId, fullName: c.ownerName }, completeness: completeness(c), missing: missingFields(c),
    })),
  };
}
