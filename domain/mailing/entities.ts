// A message template of a mass e-mail: subject, HTML and text parts in the Liquid template language
// (liquidjs), personalised per recipient when the message is queued. A campaign's messages (the
// first letter, the reminder) are templates of that campaign; templates with no campaign are the
// company's library, copied into a campaign when it is created from a campaign template.
import { defineEntity, p } from '@mikro-orm/core';
import { Employee } from '../organisation/entities.ts';
import { BaseEntity } from '../shared/base-entity.ts';

export const MailTemplate = defineEntity({
  name: 'MailTemplate',
  extends: BaseEntity,
  indexes: [{ properties: ['campaignId'] }],
  properties: {
    name: p.string().length(200),
    /** Liquid: `{{ client.name }}`, `{{ contact.firstName }}`, `{{ owner.fullName }}`... */
    subject: p.string().length(300),
    html: p.text(),
    text: p.text(),
    /** The campaign this template is a message of (a plain id: marketing owns campaigns); null for the library. */
    campaignId: p.uuid().nullable(),
    createdBy: () => p.manyToOne(Employee).ref(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    version: p.integer().version(),
  },
});

/**
 * queued: waiting for the dispatcher (or for its next try after a failure, `nextAttemptAt`);
 * sending: leased by a dispatcher until `leaseUntil`; sent: the SMTP server has the message;
 * failed: the last allowed try failed (the reason kept), or given up; bounced: the server refused
 * the recipient for good (5xx) - the address is suppressed; skipped: never sent (the reason).
 */
export const DELIVERY_STATUSES = ['queued', 'sending', 'sent', 'failed', 'bounced', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const SKIP_REASONS = ['unsubscribed', 'bounced', 'no_email', 'no_consent'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/**
 * One send of a campaign ("main", "reminder") or of a template outside campaigns: the unit the
 * progress (n of m) and the retry button address. `key` makes it unique: `c:<campaignId>:<name>`,
 * or `t:<templateId>:<name>` without a campaign.
 */
export const MailSend = defineEntity({
  name: 'MailSend',
  extends: BaseEntity,
  indexes: [{ properties: ['campaignId'] }],
  properties: {
    key: p.string().length(400).unique(),
    name: p.string().length(100),
    campaignId: p.uuid().nullable(),
    templateId: p.uuid(),
    startedAt: p.datetime(),
    /** Set when the last delivery left queued/sending; cleared when more are queued (a retry). */
    finishedAt: p.datetime().nullable(),
  },
});

/**
 * One recipient of a send: at most one per (send, client), so a client is never mailed twice by
 * the same send. The message is rendered when it is queued (what the client gets is what the
 * template said when the campaign step ran; the dispatcher does no per-recipient queries) with
 * the product's origin left as a marker the dispatcher fills in from its PUBLIC_ORIGIN.
 */
export const MailDelivery = defineEntity({
  name: 'MailDelivery',
  extends: BaseEntity,
  uniques: [{ properties: ['send', 'clientId'] }],
  // The dispatcher claims what is due; progress counts by status per send.
  indexes: [{ properties: ['status', 'nextAttemptAt'] }, { properties: ['send', 'status'] }],
  properties: {
    send: () => p.manyToOne(MailSend).ref().deleteRule('cascade'),
    /** The recipient (a plain id: the client may be anonymised later, the record stays). */
    clientId: p.uuid(),
    clientName: p.string().length(300),
    /** The case whose `mail.send` queued it: a tracked click sends it `response`. */
    processId: p.uuid().nullable(),
    email: p.string().length(254).nullable(),
    status: p.enum([...DELIVERY_STATUSES]).default('queued'),
    /** Why it was skipped, failed or bounced. */
    reason: p.text().nullable(),
    /** Unguessable: the open pixel, the click links (`<token>-<n>`) and the unsubscribe link carry it. */
    token: p.string().length(64).unique(),
    subject: p.text(),
    html: p.text(),
    text: p.text(),
    /** The targets of the HTML's links, by index: a click is redirected only to one of these. */
    links: p.json<string[]>().default([]),
    attempts: p.integer().default(0),
    nextAttemptAt: p.datetime().nullable(),
    /** Who holds it while `sending` (a dispatcher run's id) and until when. */
    leaseOwner: p.uuid().nullable(),
    leaseUntil: p.datetime().nullable(),
    queuedAt: p.datetime(),
    sentAt: p.datetime().nullable(),
    openedAt: p.datetime().nullable(),
    clickedAt: p.datetime().nullable(),
    /** Made at the first click: the `response` event's id, so the campaign records the click once. */
    clickResponseId: p.uuid().nullable(),
  },
});

export const SUPPRESSION_REASONS = ['unsubscribed', 'bounced'] as const;

/** An address no marketing send goes to: its owner unsubscribed, or the server refused it for good. */
export const MailSuppression = defineEntity({
  name: 'MailSuppression',
  properties: {
    /** Lower-cased. */
    email: p.string().length(254).primary(),
    reason: p.enum([...SUPPRESSION_REASONS]),
    /** The delivery whose link or bounce caused it. */
    deliveryId: p.uuid().nullable(),
    createdAt: p.datetime(),
  },
});
