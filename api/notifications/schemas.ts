// Shapes of the notifications and outbox APIs, and the row-to-view mappings both use.
import { z } from '@hono/zod-openapi';
import type { InferEntity } from '@mikro-orm/core';
import type { MailMessage, Notification } from '../../domain/entities/index.ts';
import { MAIL_STATUSES } from '../../domain/notifications/entities.ts';

export const notificationViewSchema = z
  .object({
    id: z.uuid(),
    kind: z.string().openapi({ example: 'assignment.new' }),
    title: z.string(),
    body: z.string(),
    link: z.string().nullable().openapi({ example: '/api/assignments/0b9f5c3e-2d7a-4c1e-9d8b-5a6f7e8d9c0b' }),
    processId: z.uuid().nullable(),
    createdAt: z.iso.datetime(),
    readAt: z.iso.datetime().nullable(),
  })
  .openapi('Notification');
export type NotificationView = z.infer<typeof notificationViewSchema>;

export const notificationListSchema = z.object({ items: z.array(notificationViewSchema), unread: z.number().int() });

export const notificationsQuery = z.object({
  unread: z.enum(['true', 'false']).default('false').openapi({ description: 'Only unread ones' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const notificationParamSchema = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });

export const mailMessageViewSchema = z
  .object({
    id: z.uuid(),
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    status: z.enum(MAIL_STATUSES).openapi({
      description:
        'queued: waiting for its first try (or for SMTP to be configured); retrying: a try failed, the next one is at nextAttemptAt (exponential backoff); sent; given_up: the last allowed try failed, or the server refused the message for good',
    }),
    attempts: z.number().int().openapi({ description: 'Tries so far, the one in progress included' }),
    error: z.string().nullable().openapi({ description: 'Why the last try failed; null once sent', example: 'connect ECONNREFUSED 127.0.0.1:25' }),
    lastAttemptAt: z.iso.datetime().nullable(),
    nextAttemptAt: z.iso.datetime().nullable().openapi({ description: 'When it is tried next; null once sent or given up' }),
    createdAt: z.iso.datetime(),
    sentAt: z.iso.datetime().nullable(),
  })
  .openapi('MailMessage');

export const outboxQuery = z.object({
  status: z.enum(MAIL_STATUSES).optional().openapi({ description: 'Only messages in this state, e.g. retrying or given_up' }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export function notificationView(n: InferEntity<typeof Notification>): NotificationView {
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    link: n.link ?? null,
    processId: n.process?.id ?? null,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}

export function mailMessageView(m: InferEntity<typeof MailMessage>): z.infer<typeof mailMessageViewSchema> {
  return {
    id: m.id,
    to: m.to,
    subject: m.subject,
    text: m.text,
    status: m.status,
    attempts: m.attempts,
    error: m.error ?? null,
    lastAttemptAt: m.lastAttemptAt?.toISOString() ?? null,
    nextAttemptAt: m.nextAttemptAt?.toISOString() ?? null,
    createdAt: m.createdAt.toISOString(),
    sentAt: m.sentAt?.toISOString() ?? null,
  };
}
