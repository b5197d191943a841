// A campaign's recipients: its segment evaluated at the moment the send begins and frozen into
// `campaign_recipient` rows (owner, region, channel and tags as they were), once. Asking again -
// a retried batch, a second visit - answers the frozen rows in the same order, whatever changed
// in the client base meanwhile; the send starts the attribution window (`campaign.sent_at`).
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { DomainError, notFound } from '../errors.ts';
import { segmentFilterSchema } from './segment-filter.ts';
import { segmentFromSql } from './segment-sql.ts';

export interface FrozenRecipient {
  clientId: string;
  ownerEmail: string;
}

export async function freezeRecipients(em: EntityManager, campaignId: string, at: Date): Promise<FrozenRecipient[]> {
  const db = em.getKysely();
  // The row lock makes two concurrent resolves take turns: the second finds the first one's rows.
  const { rows: [campaign] } = await sql<{ sent_at: Date | null; filter: unknown }>`
    select c.sent_at, s.filter from campaign c left join segment s on s.id = c.segment_id where c.id = ${campaignId}::uuid for update of c`.execute(db);
  if (!campaign) throw notFound('Campaign', campaignId);
  if (!campaign.sent_at) {
    if (campaign.filter === null) throw new DomainError('unprocessable', 'The campaign has no segment to send to', [{ path: 'campaignId', message: 'has no segment' }]);
    const filter = segmentFilterSchema.parse(campaign.filter);
    await sql`insert into campaign_recipient (id, campaign_id, client_id, owner_id, region, source_channel, tags, position, frozen_at)
      select gen_random_uuid(), ${campaignId}::uuid, m.id, m.owner_id, m.region, m.source_channel::text,
        array(select coalesce(pt.name || ' / ', '') || t.name from client_tag_link l join client_tag t on t.id = l.client_tag_id
              left join client_tag pt on pt.id = t.parent_id where l.client_id = m.id order by 1),
        row_number() over (order by m.name, m.id), ${at}
      from (select c.* ${segmentFromSql(filter)}) m
      on conflict (campaign_id, client_id) do nothing`.execute(db);
    await sql`update campaign set sent_at = ${at} where id = ${campaignId}::uuid`.execute(db);
  }
  const { rows } = await sql<FrozenRecipient>`select r.client_id as "clientId", e.email as "ownerEmail"
    from campaign_recipient r join employee e on e.id = r.owner_id where r.campaign_id = ${campaignId}::uuid order by r.position, r.client_id`.execute(db);
  return rows;
}
