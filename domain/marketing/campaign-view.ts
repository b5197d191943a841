// Reading campaigns: the list (filters, a page, with recipients, responses and attributed revenue
// per row) and one campaign. A campaign's status follows its case: before answering, campaigns
// whose case ended are moved on (completed -> finished; cancelled or failed -> cancelled), so the
// status never needs a worker-side hook in marketing.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { notFound } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import { checkCampaignVisible } from './campaign-access.ts';
import { campaignEffectiveness } from './effectiveness-query.ts';
import type { CampaignChannel, CampaignStatus } from './entities.ts';
import { checkMarketingReader } from './marketing-access.ts';

export async function syncCampaignStatuses(em: EntityManager): Promise<void> {
  await sql`update campaign c set status = case when p.status = 'completed' then 'finished' else 'cancelled' end,
      finished_at = coalesce(p.ended_at, now()), updated_at = now()
    from process p where p.id = c.process_id and c.status = 'running' and p.status <> 'running'`.execute(em.getKysely());
}

export interface CampaignRow {
  id: string;
  name: string;
  description: string | null;
  template: { id: string; key: string; name: string } | null;
  routeKey: string;
  segment: { id: string; name: string } | null;
  channel: CampaignChannel;
  budget: number;
  actualCost: number | null;
  owner: { id: string; name: string; email: string };
  status: CampaignStatus;
  plannedStart: string | null;
  plannedEnd: string | null;
  attributionDays: number;
  followUpDays: number;
  mainTemplateId: string | null;
  reminderTemplateId: string | null;
  processId: string | null;
  startedAt: string | null;
  sentAt: string | null;
  finishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  recipients: number;
  responses: number;
  revenue: number;
}

interface Raw {
  id: string; name: string; description: string | null; template_id: string | null; template_key: string | null; template_name: string | null; route_key: string;
  segment_id: string | null; segment_name: string | null; channel: CampaignChannel; budget: string; actual_cost: string | null; owner_id: string; owner_name: string; owner_email: string;
  status: CampaignStatus; planned_start: string | null; planned_end: string | null; attribution_days: number; follow_up_days: number; main_template_id: string | null;
  reminder_template_id: string | null; process_id: string | null; started_at: Date | null; sent_at: Date | null; finished_at: Date | null; created_at: Date; updated_at: Date; version: number;
}

export interface CampaignListFilter {
  status?: CampaignStatus | undefined;
  ownerId?: string | undefined;
  /** Campaigns planned, started or created in the period (company days, YYYY-MM-DD). */
  from?: string | undefined;
  to?: string | undefined;
}

const select = sql`select c.id, c.name, c.description, t.id as template_id, t.key as template_key, t.name as template_name, c.route_key,
    s.id as segment_id, s.name as segment_name, c.channel, c.budget, c.actual_cost, e.id as owner_id, e.full_name as owner_name, e.email as owner_email,
    c.status, to_char(c.planned_start, 'YYYY-MM-DD') as planned_start, to_char(c.planned_end, 'YYYY-MM-DD') as planned_end, c.attribution_days, c.follow_up_days,
    c.main_template_id, c.reminder_template_id, c.process_id, c.started_at, c.sent_at, c.finished_at, c.created_at, c.updated_at, c.version
  from campaign c join employee e on e.id = c.owner_id left join campaign_template t on t.id = c.template_id left join segment s on s.id = c.segment_id`;

// Timestamps read through kysely may come as text: normalise to ISO instants.
const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

async function toRows(em: EntityManager, raws: Raw[]): Promise<CampaignRow[]> {
  const figures = new Map((await campaignEffectiveness(em, raws.map((r) => r.id))).map((f) => [f.campaignId, f]));
  return raws.map((r) => {
    const f = figures.get(r.id);
    return {
      id: r.id, name: r.name, description: r.description, template: r.template_id ? { id: r.template_id, key: r.template_key!, name: r.template_name! } : null,
      routeKey: r.route_key, segment: r.segment_id ? { id: r.segment_id, name: r.segment_name! } : null, channel: r.channel, budget: Number(r.budget),
      actualCost: r.actual_cost === null ? null : Number(r.actual_cost), owner: { id: r.owner_id, name: r.owner_name, email: r.owner_email }, status: r.status,
      plannedStart: r.planned_start, plannedEnd: r.planned_end, attributionDays: r.attribution_days, followUpDays: r.follow_up_days,
      mainTemplateId: r.main_template_id, reminderTemplateId: r.reminder_template_id, processId: r.process_id,
      startedAt: iso(r.started_at), sentAt: iso(r.sent_at), finishedAt: iso(r.finished_at), createdAt: iso(r.created_at)!, updatedAt: iso(r.updated_at)!, version: r.version,
      recipients: f?.recipients ?? 0, responses: f?.responses ?? 0, revenue: f?.revenue ?? 0,
    };
  });
}

export async function listCampaigns(em: EntityManager, actor: Actor, filter: CampaignListFilter, page: { limit: number; offset: number }) {
  checkMarketingReader(actor);
  await syncCampaignStatuses(em);
  const where = sql.join([
    sql`true`,
    filter.status ? sql`c.status = ${filter.status}` : sql`true`,
    filter.ownerId ? sql`c.owner_id = ${filter.ownerId}::uuid` : sql`true`,
    filter.from ? sql`coalesce(c.planned_end, c.planned_start, c.created_at::date) >= ${filter.from}::date` : sql`true`,
    filter.to ? sql`coalesce(c.planned_start, c.created_at::date) <= ${filter.to}::date` : sql`true`,
  ], sql` and `);
  const db = em.getKysely();
  const [{ rows }, { rows: [count] }] = await Promise.all([
    sql<Raw>`${select} where ${where} order by c.created_at desc, c.id limit ${page.limit} offset ${page.offset}`.execute(db),
    sql<{ n: number }>`select count(*)::int as n from campaign c where ${where}`.execute(db),
  ]);
  return { items: await toRows(em, rows), total: count?.n ?? 0 };
}

export async function campaignDetail(em: EntityManager, actor: Actor, id: string): Promise<CampaignRow> {
  await checkCampaignVisible(em, actor, id);
  await syncCampaignStatuses(em);
  const { rows } = await sql<Raw>`${select} where c.id = ${id}::uuid`.execute(em.getKysely());
  if (!rows[0]) throw notFound('Campaign', id);
  return (await toRows(em, rows))[0]!;
}
