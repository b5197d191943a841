// Effectiveness over a period: the campaigns sent in it (their send began on one of its company
// days), each with its figures, and the same figures per channel, segment and region.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import type { Actor } from '../identity/roles.ts';
import { companyTimeZone, withinDaysSql, type Period } from '../reports/clients/report-sql.ts';
import { campaignFigures, groupFigures } from './effectiveness.ts';
import { campaignFacts, recipientFigures } from './effectiveness-query.ts';
import { checkMarketingEditor } from './marketing-access.ts';
import { checkCampaignVisible } from './campaign-access.ts';

export async function campaignsReport(em: EntityManager, actor: Actor, period: Period) {
  checkMarketingEditor(actor);
  const tz = await companyTimeZone(em);
  const { rows } = await sql<{ id: string; sentAt: Date }>`select id, sent_at as "sentAt" from campaign c
    where c.sent_at is not null and ${withinDaysSql('c.sent_at', period, tz)} order by c.sent_at, c.id`.execute(em.getKysely());
  const ids = rows.map((r) => r.id);
  const [facts, figures] = await Promise.all([campaignFacts(em, ids), recipientFigures(em, ids)]);
  const factOf = new Map(facts.map((f) => [f.id, f]));
  return {
    from: period.from, to: period.to,
    campaigns: rows.map((r) => {
      const f = factOf.get(r.id)!;
      return { id: r.id, name: f.name, channel: f.channel, segment: f.segment, sentAt: new Date(r.sentAt).toISOString(), ...campaignFigures(f, figures) };
    }),
    byChannel: groupFigures(facts, figures, 'channel'),
    bySegment: groupFigures(facts, figures, 'segment'),
    byRegion: groupFigures(facts, figures, 'region'),
  };
}

/** One campaign's figures (marketing, management, admins). */
export async function oneCampaignEffectiveness(em: EntityManager, actor: Actor, campaignId: string) {
  await checkCampaignVisible(em, actor, campaignId);
  checkMarketingEditor(actor);
  const [facts, figures] = await Promise.all([campaignFacts(em, [campaignId]), recipientFigures(em, [campaignId])]);
  const f = facts[0]!;
  return { campaignId, ...campaignFigures(f, figures), byRegion: groupFigures(facts, figures, 'region') };
}
