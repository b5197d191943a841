// Reads effectiveness.ts's rows: one per recipient of the given campaigns. Delivery figures come
// from mailing's tables when they exist (the query asks the catalogue first, so marketing works
// and is tested without mailing). The attribution window runs from the moment the send started
// (`campaign.sent_at`) for `attribution_days` days; payments count by their day in the company's
// time zone.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { companyTimeZone } from '../reports/clients/report-sql.ts';
import { campaignFigures, type CampaignFacts, type Figures, type RecipientFigures } from './effectiveness.ts';

async function hasMailTables(em: EntityManager): Promise<boolean> {
  const { rows } = await sql<{ yes: boolean }>`select to_regclass('mail_delivery') is not null and to_regclass('mail_send') is not null as yes`.execute(em.getKysely());
  return rows[0]?.yes === true;
}

export async function recipientFigures(em: EntityManager, campaignIds: readonly string[]): Promise<RecipientFigures[]> {
  if (campaignIds.length === 0) return [];
  const tz = await companyTimeZone(em);
  const mail = (await hasMailTables(em))
    ? sql`left join lateral (select bool_or(md.status = 'sent') as delivered, bool_or(md.opened_at is not null) as opened, bool_or(md.clicked_at is not null) as clicked
        from mail_delivery md join mail_send ms on ms.id = md.send_id where ms.campaign_id = r.campaign_id and md.client_id = r.client_id) m on true`
    : sql`cross join (select false as delivered, false as opened, false as clicked) m`;
  const { rows } = await sql<{ campaignId: string; clientId: string; region: string | null; delivered: boolean | null; opened: boolean | null; clicked: boolean | null; responded: boolean; dealsOpened: number; dealsWon: number; revenue: string }>`
    with r as (
      select r.campaign_id, r.client_id, r.region, c.sent_at as since, c.sent_at + make_interval(days => c.attribution_days::int) as until
      from campaign_recipient r join campaign c on c.id = r.campaign_id where r.campaign_id = any(${[...campaignIds]}::uuid[]))
    select r.campaign_id as "campaignId", r.client_id as "clientId", r.region, m.delivered, m.opened, m.clicked,
      exists (select 1 from campaign_response x where x.campaign_id = r.campaign_id and x.client_id = r.client_id) as responded,
      coalesce(d.opened, 0)::int as "dealsOpened", coalesce(d.won, 0)::int as "dealsWon", coalesce(v.revenue, 0)::bigint as revenue
    from r ${mail}
    left join lateral (select count(*) as opened, count(*) filter (where dl.status = 'won') as won
      from deal dl where dl.client_id = r.client_id and dl.created_at >= r.since and dl.created_at < r.until) d on true
    left join lateral (select sum(p.amount) as revenue
      from deal dl join invoice i on i.deal_id = dl.id join invoice_payment p on p.invoice_id = i.id
      where dl.client_id = r.client_id and dl.created_at >= r.since and dl.created_at < r.until
        and p.paid_on >= (r.since at time zone ${tz})::date and p.paid_on < (r.until at time zone ${tz})::date) v on true
    order by r.campaign_id, r.client_id`.execute(em.getKysely());
  return rows.map((x) => ({ ...x, delivered: x.delivered === true, opened: x.opened === true, clicked: x.clicked === true, revenue: Number(x.revenue) }));
}

export async function campaignFacts(em: EntityManager, campaignIds: readonly string[]): Promise<CampaignFacts[]> {
  if (campaignIds.length === 0) return [];
  const { rows } = await sql<{ id: string; name: string; channel: string; segment: string | null; cost: string }>`
    select c.id, c.name, c.channel, s.name as segment, coalesce(c.actual_cost, c.budget) as cost
    from campaign c left join segment s on s.id = c.segment_id where c.id = any(${[...campaignIds]}::uuid[])`.execute(em.getKysely());
  return rows.map((r) => ({ ...r, cost: Number(r.cost) }));
}

export async function campaignEffectiveness(em: EntityManager, campaignIds: readonly string[]): Promise<({ campaignId: string } & Figures)[]> {
  const [facts, rows] = await Promise.all([campaignFacts(em, campaignIds), recipientFigures(em, campaignIds)]);
  return facts.map((f) => ({ campaignId: f.id, ...campaignFigures(f, rows) }));
}
