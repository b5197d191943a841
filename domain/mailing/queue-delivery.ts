// Queues one recipient of a send: the send's row if it is the first recipient, then the client's
// delivery - rendered and `queued`, or `skipped` with the reason (the address unsubscribed or
// bounced, no address, no marketing consent). At most one delivery per (send, client): a second
// call for the same pair, a retried transition, changes nothing. Runs in the caller's transaction
// (the route step's), and wakes the dispatcher when that transaction commits (NOTIFY).
import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '../errors.ts';
import { loadRecipient, variablesFor } from './recipient.ts';
import { renderTemplate, trackLinks } from './render.ts';
import type { DeliveryStatus, SkipReason } from './entities.ts';

/** The channel the dispatcher LISTENs on: a delivery was queued (the payload is empty). */
export const MAIL_DISPATCH_CHANNEL = 'crm_mail_dispatch';

export interface QueueRequest {
  templateId: string;
  /** The send's name within its campaign ("main", "reminder"). */
  send: string;
  campaignId: string | null;
  clientId: string;
  /** The case that asked: a click sends it `response`. */
  processId: string | null;
  at: Date;
}

export interface QueuedDelivery {
  deliveryId: string;
  sendId: string;
  status: DeliveryStatus;
  reason: string | null;
  /** False when the pair already had its delivery. */
  created: boolean;
}

export const sendKey = (campaignId: string | null, templateId: string, name: string): string => (campaignId ? `c:${campaignId}:${name}` : `t:${templateId}:${name}`);

export const newDeliveryToken = (): string => randomBytes(18).toString('base64url');

export async function queueDelivery(em: EntityManager, req: QueueRequest): Promise<QueuedDelivery> {
  const [template] = await em.execute<{ subject: string; html: string; text: string }[]>('select subject, html, text from mail_template where id = ?', [req.templateId]);
  if (!template) throw new DomainError('unprocessable', `Mail template ${req.templateId} does not exist`, [{ path: 'template', message: 'no such template' }]);
  const [send] = await em.execute<{ id: string }[]>(
    `insert into mail_send (id, key, name, campaign_id, template_id, started_at) values (?, ?, ?, ?, ?, ?)
     on conflict (key) do update set key = excluded.key returning id`,
    [crypto.randomUUID(), sendKey(req.campaignId, req.templateId, req.send), req.send, req.campaignId, req.templateId, req.at],
  );
  const sendId = send!.id;
  const [existing] = await em.execute<{ id: string; status: DeliveryStatus; reason: string | null }[]>('select id, status, reason from mail_delivery where send_id = ? and client_id = ?', [sendId, req.clientId]);
  if (existing) return { deliveryId: existing.id, sendId, status: existing.status, reason: existing.reason, created: false };

  const recipient = await loadRecipient(em, req.clientId, req.campaignId);
  const token = newDeliveryToken();
  let skip: SkipReason | null = null;
  if (!recipient.email) skip = 'no_email';
  else if (!recipient.marketingConsent) skip = 'no_consent';
  else {
    const [suppressed] = await em.execute<{ reason: 'unsubscribed' | 'bounced' }[]>('select reason from mail_suppression where email = ?', [recipient.email.toLowerCase()]);
    if (suppressed) skip = suppressed.reason;
  }
  let parts = { subject: '', html: '', text: '' };
  let links: string[] = [];
  if (!skip) {
    const rendered = await renderTemplate(template, variablesFor(recipient, token));
    const tracked = trackLinks(rendered.html, token);
    parts = { ...rendered, html: tracked.html };
    links = tracked.links;
  }
  const id = crypto.randomUUID();
  const status: DeliveryStatus = skip ? 'skipped' : 'queued';
  const inserted = await em.execute<{ id: string }[]>(
    `insert into mail_delivery (id, send_id, client_id, client_name, process_id, email, status, reason, token, subject, html, text, links, next_attempt_at, queued_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)
     on conflict (send_id, client_id) do nothing returning id`,
    [id, sendId, req.clientId, recipient.clientName, req.processId, recipient.email, status, skip, token, parts.subject, parts.html, parts.text, JSON.stringify(links), skip ? null : req.at, req.at],
  );
  if (!inserted.length) {
    // Another transaction queued the pair meanwhile (it committed first): that one stands.
    const [other] = await em.execute<{ id: string; status: DeliveryStatus; reason: string | null }[]>('select id, status, reason from mail_delivery where send_id = ? and client_id = ?', [sendId, req.clientId]);
    return { deliveryId: other!.id, sendId, status: other!.status, reason: other!.reason, created: false };
  }
  if (!skip) {
    await em.execute(`update mail_send set finished_at = null where id = ? and finished_at is not null`, [sendId]);
    await em.execute(`select pg_notify('${MAIL_DISPATCH_CHANNEL}', '')`);
  }
  return { deliveryId: id, sendId, status, reason: skip, created: true };
}
