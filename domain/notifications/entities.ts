// What people are told about their work: in-app notifications (the bell, pushed live over SSE)
// and the mail outbox. Both are written by idempotent activities, keyed so a retry never repeats.
import { defineEntity, p } from '@mikro-orm/core';
import { BaseEntity } from '../shared/base-entity.ts';
import { Employee } from '../organisation/entities.ts';
import { Process } from '../processes/entities.ts';

/**
 * queued: waiting for its first try (or for SMTP to be configured); retrying: a try failed and
 * the next one is due at `nextAttemptAt`; sent; given_up: the last allowed try failed, or the
 * server refused the message for good.
 */
export const MAIL_STATUSES = ['queued', 'retrying', 'sent', 'given_up'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

export const Notification = defineEntity({
  name: 'Notification',
  extends: BaseEntity,
  // "My unread notifications" is the query every page load and every live push runs.
  indexes: [{ properties: ['recipient', 'readAt'] }],
  properties: {
    /** What it is about + recipient, e.g. `<assignmentId>:new:<employeeId>`: a retried activity writes the same key. */
    key: p.string().unique(),
    recipient: () => p.manyToOne(Employee).ref(),
    /** 'assignment.new' today; reminders and escalations add their own kinds. */
    kind: p.string(),
    title: p.text(),
    body: p.text(),
    /** Where the client goes on click, e.g. `/api/assignments/<id>`. */
    link: p.string().nullable(),
    process: () => p.manyToOne(Process).ref().nullable().index(),
    createdAt: p.datetime(),
    readAt: p.datetime().nullable(),
  },
});

/**
 * The outbox: every e-mail is written here first, in the transaction that decides to send it.
 * With SMTP configured it is then delivered and marked sent - or, when that fails, tried again
 * with backoff by the housekeeping workflow until sent or given up; without SMTP it stays queued
 * and admins read it through the API.
 */
export const MailMessage = defineEntity({
  name: 'MailMessage',
  extends: BaseEntity,
  // The outbox lists by status, newest first; the retry sweep reads what is due, oldest first.
  indexes: [{ properties: ['status', 'createdAt'] }, { properties: ['nextAttemptAt'] }],
  properties: {
    key: p.string().unique(),
    to: p.string(),
    subject: p.text(),
    text: p.text(),
    createdAt: p.datetime(),
    status: p.enum([...MAIL_STATUSES]).default('queued'),
    sentAt: p.datetime().nullable(),
    /** The last failure's message (kept until the mail is sent). */
    error: p.text().nullable(),
    attempts: p.integer().default(0),
    lastAttemptAt: p.datetime().nullable(),
    /**
     * When a sender may next take it: set on queueing, moved forward while a sender holds it
     * (a lease, so concurrent senders never both send it) and by the backoff after a failure;
     * null once sent or given up.
     */
    nextAttemptAt: p
      .datetime()
      .nullable()
      .onCreate(() => new Date()),
  },
});
