// Shapes of the campaign mail API: templates (Liquid parts), sends with their progress, and the
// deliveries of a send. Times are ISO instants.
import { z } from '@hono/zod-openapi';
import { DELIVERY_STATUSES } from '../../domain/mailing/entities.ts';

const part = (max: number) => z.string().max(max);
const name = z.string().trim().min(1).max(200);

export const templateInputSchema = z
  .object({
    name,
    subject: part(300).regex(/\S/, 'must not be blank').openapi({ example: '{{ client.name }}: приглашение на выставку' }),
    html: part(200_000).openapi({ example: '<p>Здравствуйте, {{ contact.firstName }}!</p><p><a href="{{ unsubscribe_url }}">Отписаться</a></p>' }),
    text: part(100_000).default('').openapi({ description: 'Empty: made from the HTML part at send time (line breaks at blocks, links as "words (address)")' }),
    campaignId: z.uuid().nullable().optional().openapi({ description: "The campaign this template is a message of; absent or null: the library" }),
  })
  .strict()
  .openapi('MailTemplateInput');

export const templatePatchSchema = z
  .object({
    version: z.number().int().min(1).max(2_147_483_647).openapi({ description: 'The version this change was made on; a stale one is answered 409' }),
    name: name.optional(),
    subject: part(300).regex(/\S/, 'must not be blank').optional(),
    html: part(200_000).optional(),
    text: part(100_000).optional(),
  })
  .strict()
  .openapi('MailTemplatePatch');

export const templateSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    subject: z.string(),
    html: z.string(),
    text: z.string(),
    campaignId: z.uuid().nullable(),
    createdBy: z.uuid(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('MailTemplate');

export const templateListSchema = z.object({ items: z.array(templateSchema.omit({ html: true, text: true })) }).openapi('MailTemplateList');

export const templateQuerySchema = z.object({ campaignId: z.uuid().optional().openapi({ description: "A campaign's templates; without it, the library" }) });

export const previewInputSchema = z
  .object({
    clientId: z.uuid(),
    subject: part(300).optional().openapi({ description: 'Unsaved content to preview instead of the saved part' }),
    html: part(200_000).optional(),
    text: part(100_000).optional(),
  })
  .strict()
  .openapi('MailPreviewInput');

export const previewSchema = z.object({ subject: z.string(), html: z.string(), text: z.string() }).openapi('MailPreview');

export const sendSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    campaignId: z.uuid().nullable(),
    templateId: z.uuid(),
    total: z.number().int(),
    queued: z.number().int().openapi({ description: 'Still to go (queued or being sent)' }),
    sent: z.number().int(),
    failed: z.number().int(),
    bounced: z.number().int(),
    skipped: z.number().int(),
    opened: z.number().int(),
    clicked: z.number().int(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .openapi('MailSend');

export const sendsQuerySchema = z.object({ campaignId: z.uuid().optional() });

export const deliveryStatusSchema = z.enum(DELIVERY_STATUSES.filter((s) => s !== 'sending') as ['queued', 'sent', 'failed', 'bounced', 'skipped']);

export const deliveriesQuerySchema = z.object({
  status: deliveryStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const deliverySchema = z
  .object({
    id: z.uuid(),
    clientId: z.uuid(),
    clientName: z.string(),
    email: z.string().nullable(),
    status: deliveryStatusSchema,
    reason: z.string().nullable().openapi({ description: 'Why it was skipped (unsubscribed, bounced, no_email, no_consent), failed or bounced' }),
    sentAt: z.string().nullable(),
    openedAt: z.string().nullable(),
    clickedAt: z.string().nullable(),
  })
  .openapi('MailDelivery');

export const retrySchema = z.object({ queued: z.number().int() }).openapi('MailRetry');
