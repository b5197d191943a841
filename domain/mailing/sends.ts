// A send's progress as people read it (n of m, counts per status, opens and clicks), its
// deliveries page by page, and the retry of its failures.
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '../errors.ts';
import { MAIL_DISPATCH_CHANNEL } from './queue-delivery.ts';
import type { DeliveryStatus } from './entities.ts';

export interface SendView {
  id: string;
  name: string;
  campaignId: string | null;
  templateId: string;
  total: number;
  queued: number;
  sent: number;
  failed: number;
  bounced: number;
  skipped: number;
  opened: number;
  clicked: number;
  startedAt: string;
  finishedAt: string | null;
}

interface SendRow {
  id: string;
  name: string;
  campaign_id: string | null;
  template_id: string;
  started_at: Date;
  finished_at: Date | null;
  total: string;
  queued: string;
  sent: string;
  failed: string;
  bounced: string;
  skipped: string;
  opened: string;
  clicked: string;
}

const SEND_SELECT = `
  select s.id, s.name, s.campaign_id, s.template_id, s.started_at, s.finished_at,
         count(d.id) as total,
         count(*) filter (where d.status in ('queued', 'sending')) as queued,
         count(*) filter (where d.status = 'sent') as sent,
         count(*) filter (where d.status = 'failed') as failed,
         count(*) filter (where d.status = 'bounced') as bounced,
         count(*) filter (where d.status = 'skipped') as skipped,
         count(d.opened_at) as opened,
         count(d.clicked_at) as clicked
    from mail_send s left join mail_delivery d on d.send_id = s.id`;

const toView = (r: SendRow): SendView => ({
  id: r.id,
  name: r.name,
  campaignId: r.campaign_id,
  templateId: r.template_id,
  total: Number(r.total),
  queued: Number(r.queued),
  sent: Number(r.sent),
  failed: Number(r.failed),
  bounced: Number(r.bounced),
  skipped: Number(r.skipped),
  opened: Number(r.opened),
  clicked: Number(r.clicked),
  startedAt: new Date(r.started_at).toISOString(),
  finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
});

/** Sends of a campaign (or every send, newest first, when no campaign is named). */
export async function listSends(em: EntityManager, campaignId?: string): Promise<SendView[]> {
  const rows = await em.execute<SendRow[]>(
    `${SEND_SELECT} ${campaignId ? 'where s.campaign_id = ?' : ''} group by s.id order by s.started_at desc, s.name limit 200`,
    campaignId ? [campaignId] : [],
  );
  return rows.map(toView);
}

export async function readSend(em: EntityManager, id: string): Promise<SendView> {
  const [row] = await em.execute<SendRow[]>(`${SEND_SELECT} where s.id = ? group by s.id`, [id]);
  if (!row) throw notFound('Send', id);
  return toView(row);
}

export interface DeliveryView {
  id: string;
  clientId: string;
  clientName: string;
  email: string | null;
  /** `sending` (in flight) reads as queued. */
  status: Exclude<DeliveryStatus, 'sending'>;
  reason: string | null;
  sentAt: string | null;
  openedAt: string | null;
  clickedAt: string | null;
}

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

export async function listDeliveries(em: EntityManager, sendId: string, opts: { status?: Exclude<DeliveryStatus, 'sending'> | undefined; limit: number; offset: number }): Promise<{ items: DeliveryView[]; total: number }> {
  await readSend(em, sendId);
  // `sending` is in flight: shown with the queued ones, as the counts do.
  const statuses = opts.status === 'queued' ? ['queued', 'sending'] : opts.status ? [opts.status] : undefined;
  const where = `d.send_id = ?${statuses ? ` and d.status in (${statuses.map(() => '?').join(', ')})` : ''}`;
  const params = [sendId, ...(statuses ?? [])];
  const [count] = await em.execute<{ n: string }[]>(`select count(*) as n from mail_delivery d where ${where}`, params);
  const rows = await em.execute<{ id: string; client_id: string; client_name: string; email: string | null; status: DeliveryStatus; reason: string | null; sent_at: Date | null; opened_at: Date | null; clicked_at: Date | null }[]>(
    `select d.id, d.client_id, d.client_name, d.email, d.status, d.reason, d.sent_at, d.opened_at, d.clicked_at
       from mail_delivery d where ${where}
      order by case d.status when 'failed' then 0 when 'bounced' then 1 else 2 end, d.client_name, d.id
      limit ? offset ?`,
    [...params, opts.limit, opts.offset],
  );
  return {
    total: Number(count?.n ?? 0),
    items: rows.map((r) => ({
      id: r.id,
      clientId: r.client_id,
      clientName: r.client_name,
      email: r.email,
      status: r.status === 'sending' ? 'queued' : r.status,
      reason: r.reason,
      sentAt: iso(r.sent_at),
      openedAt: iso(r.opened_at),
      clickedAt: iso(r.clicked_at),
    })),
  };
}

/** Queues a send's failed deliveries again (tries counted afresh) and wakes the dispatcher; returns how many. */
export async function retryFailed(em: EntityManager, sendId: string): Promise<number> {
  await readSend(em, sendId);
  return em.transactional(async (tx) => {
    const rows = await tx.execute<{ id: string }[]>(
      `update mail_delivery set status = 'queued', attempts = 0, next_attempt_at = now(), reason = null
        where send_id = ? and status = 'failed' returning id`,
      [sendId],
    );
    if (rows.length) {
      await tx.execute('update mail_send set finished_at = null where id = ?', [sendId]);
      await tx.execute(`select pg_notify('${MAIL_DISPATCH_CHANNEL}', '')`);
    }
    return rows.length;
  });
}
