// A campaign's recipients (frozen at the send) with what happened to each - the delivery of the
// main message (mailing's table, when it exists), the last response, the first deal attributed to
// the campaign - and its responses.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import type { Actor } from '../identity/roles.ts';
import { checkCampaignVisible } from './campaign-access.ts';
import type { ResponseKind } from './entities.ts';

interface Page { limit: number; offset: number }

export async function campaignRecipients(em: EntityManager, actor: Actor, campaignId: string, page: Page) {
  await checkCampaignVisible(em, actor, campaignId);
  const db = em.getKysely();
  const { rows: [mail] } = await sql<{ yes: boolean }>`select to_regclass('mail_delivery') is not null and to_regclass('mail_send') is not null as yes`.execute(db);
  const delivery = mail?.yes
    ? sql`(select json_build_object('status', md.status, 'reason', md.reason, 'sentAt', md.sent_at, 'openedAt', md.opened_at, 'clickedAt', md.clicked_at)
        from mail_delivery md join mail_send ms on ms.id = md.send_id where ms.campaign_id = r.campaign_id and md.client_id = r.client_id
        order by (ms.name = 'main') desc, ms.started_at limit 1)`
    : sql`null::json`;
  const { rows } = await sql<{
    clientId: string; clientName: string; ownerName: string; region: string | null; tags: string[];
    delivery: { status: string; reason: string | null; sentAt: string | null; openedAt: string | null; clickedAt: string | null } | null;
    response: { kind: ResponseKind; at: string } | null; deal: { id: string; title: string; status: string; amount: number } | null;
  }>`select r.client_id as "clientId", cl.name as "clientName", e.full_name as "ownerName", r.region, r.tags, ${delivery} as delivery,
      (select json_build_object('kind', x.kind, 'at', x.at) from campaign_response x where x.campaign_id = r.campaign_id and x.client_id = r.client_id order by x.at desc limit 1) as response,
      (select json_build_object('id', d.id, 'title', d.title, 'status', d.status, 'amount', d.amount) from deal d
        where d.client_id = r.client_id and d.created_at >= c.sent_at and d.created_at < c.sent_at + make_interval(days => c.attribution_days::int) order by d.created_at limit 1) as deal
    from campaign_recipient r join campaign c on c.id = r.campaign_id join client cl on cl.id = r.client_id join employee e on e.id = r.owner_id
    where r.campaign_id = ${campaignId}::uuid order by r.position, r.client_id limit ${page.limit} offset ${page.offset}`.execute(db);
  const { rows: [count] } = await sql<{ n: number }>`select count(*)::int as n from campaign_recipient where campaign_id = ${campaignId}::uuid`.execute(db);
  const at = (v: string | null) => (v ? new Date(v).toISOString() : null);
  return {
    items: rows.map((r) => ({
      ...r,
      delivery: r.delivery ? { ...r.delivery, sentAt: at(r.delivery.sentAt), openedAt: at(r.delivery.openedAt), clickedAt: at(r.delivery.clickedAt) } : null,
      response: r.response ? { kind: r.response.kind, at: new Date(r.response.at).toISOString() } : null,
      deal: r.deal ? { ...r.deal, amount: Number(r.deal.amount) } : null,
    })),
    total: count?.n ?? 0,
  };
}

export async function campaignResponses(em: EntityManager, actor: Actor, campaignId: string, page: Page) {
  await checkCampaignVisible(em, actor, campaignId);
  const db = em.getKysely();
  const { rows } = await sql<{ id: string; clientId: string; clientName: string; kind: ResponseKind; at: Date; note: string | null; recordedBy: string | null }>`
    select x.id, x.client_id as "clientId", cl.name as "clientName", x.kind, x.at, x.note, e.full_name as "recordedBy"
    from campaign_response x join client cl on cl.id = x.client_id left join employee e on e.id = x.recorded_by_id
    where x.campaign_id = ${campaignId}::uuid order by x.at desc, x.id limit ${page.limit} offset ${page.offset}`.execute(db);
  const { rows: [count] } = await sql<{ n: number }>`select count(*)::int as n from campaign_response where campaign_id = ${campaignId}::uuid`.execute(db);
  return { items: rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() })), total: count?.n ?? 0 };
}
