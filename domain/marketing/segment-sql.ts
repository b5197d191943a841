// The one SQL translation of a segment filter, used for the live count, the members page and the
// freeze into a campaign's recipients - so what the builder shows is what the campaign gets.
// Conditions read the client row `c`; tag conditions expand each named tag to its subtree with a
// recursive query; purchases join one aggregate of payments per client over the period.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { ClientStage } from '../clients/entities.ts';
import type { SegmentFilter } from './segment-filter.ts';

const subtree = (ids: string[]) => sql`(with recursive sub(id) as (
    select unnest(${ids}::uuid[]) union select t.id from client_tag t join sub on t.parent_id = sub.id)
  select id from sub)`;

const hasTagIn = (ids: string[]) =>
  sql<SqlBool>`exists (select 1 from client_tag_link l where l.client_id = c.id and l.client_tag_id in ${subtree(ids)})`;

const present = <T>(list: readonly T[] | undefined): list is readonly T[] => list !== undefined && list.length > 0;

/** `from client c [join ...] where ...` for the filter (the caller adds the select list). */
export function segmentFromSql(f: SegmentFilter): RawBuilder<unknown> {
  const where: RawBuilder<SqlBool>[] = [];
  let join: RawBuilder<unknown> = sql``;
  if (present(f.tags?.any)) where.push(hasTagIn([...f.tags.any]));
  if (present(f.tags?.all)) for (const id of f.tags.all) where.push(hasTagIn([id]));
  if (present(f.tags?.none)) where.push(sql<SqlBool>`not ${hasTagIn([...f.tags.none])}`);
  if (present(f.stages)) where.push(sql<SqlBool>`c.stage::text = any(${[...f.stages]}::text[])`);
  if (present(f.regions)) where.push(sql<SqlBool>`c.region = any(${[...f.regions]}::text[])`);
  if (present(f.sourceChannels)) where.push(sql<SqlBool>`c.source_channel::text = any(${[...f.sourceChannels]}::text[])`);
  if (present(f.ownerIds)) where.push(sql<SqlBool>`c.owner_id = any(${[...f.ownerIds]}::uuid[])`);
  if (f.marketingConsent !== undefined) where.push(sql<SqlBool>`c.marketing_consent = ${f.marketingConsent}`);
  if (f.hasEmail !== undefined) {
    const has = sql<SqlBool>`(c.email_key is not null or exists (select 1 from client_contact cc where cc.client_id = c.id and cc.email_key is not null))`;
    where.push(f.hasEmail ? has : sql<SqlBool>`not ${has}`);
  }
  const p = f.purchases;
  if (p && (p.bought !== undefined || p.minCount !== undefined || p.maxCount !== undefined || p.minPaid !== undefined || p.maxPaid !== undefined)) {
    const period = [
      p.from ? sql`and pay.paid_on >= ${p.from}::date` : sql``,
      p.to ? sql`and pay.paid_on <= ${p.to}::date` : sql``,
    ];
    join = sql`left join (select i.client_id, count(distinct i.id)::int as n, sum(pay.amount)::bigint as paid
        from invoice_payment pay join invoice i on i.id = pay.invoice_id where true ${period[0]} ${period[1]} group by i.client_id) pur on pur.client_id = c.id`;
    const n = sql`coalesce(pur.n, 0)`;
    const paid = sql`coalesce(pur.paid, 0)`;
    if (p.bought !== undefined) where.push(p.bought ? sql<SqlBool>`${n} > 0` : sql<SqlBool>`${n} = 0`);
    if (p.minCount !== undefined) where.push(sql<SqlBool>`${n} >= ${p.minCount}`);
    if (p.maxCount !== undefined) where.push(sql<SqlBool>`${n} <= ${p.maxCount}`);
    if (p.minPaid !== undefined) where.push(sql<SqlBool>`${paid} >= ${p.minPaid}`);
    if (p.maxPaid !== undefined) where.push(sql<SqlBool>`${paid} <= ${p.maxPaid}`);
  }
  const cond = where.length ? sql.join(where, sql` and `) : sql`true`;
  return sql`from client c ${join} where ${cond}`;
}

export interface SegmentMember {
  id: string;
  name: string;
  region: string | null;
  stage: ClientStage;
  sourceChannel: string | null;
  email: string | null;
  marketingConsent: boolean;
  ownerId: string;
  ownerName: string;
}

export async function countSegment(em: EntityManager, f: SegmentFilter): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n ${segmentFromSql(f)}`.execute(em.getKysely());
  return rows[0]?.n ?? 0;
}

/** Members by name (then id, so pages never overlap). */
export async function segmentMembers(em: EntityManager, f: SegmentFilter, page: { limit: number; offset: number }): Promise<SegmentMember[]> {
  const { rows } = await sql<SegmentMember>`select c.id, c.name, c.region, c.stage, c.source_channel as "sourceChannel", c.email,
      c.marketing_consent as "marketingConsent", c.owner_id as "ownerId", e.full_name as "ownerName"
    from (select c.* ${segmentFromSql(f)} order by c.name, c.id limit ${page.limit} offset ${page.offset}) c
    join employee e on e.id = c.owner_id order by c.name, c.id`.execute(em.getKysely());
  return rows;
}
