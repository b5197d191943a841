// Shapes of the customer portal's API. No sign-in: every answer shows only what the link's holder
// may see. Field checks here (400 naming the field).
import { z } from '@hono/zod-openapi';
import { DECISION_KINDS } from '../../domain/complaints/entities.ts';
import { PORTAL_KINDS } from '../../domain/portal/entities.ts';
import { PORTAL_STATUSES } from '../../domain/portal/portal-case.ts';

const text = (max: number) => z.string().max(max).regex(/\S/, 'must not be blank');
const token = z.string().min(20).max(100).regex(/^[A-Za-z0-9_-]+$/, 'a link token');

export const portalRequestSchema = z
  .object({
    name: text(200).openapi({ example: 'Ирина Петрова' }),
    email: z.email().max(320),
    phone: z.string().max(50).regex(/^[+\d][\d\s()-]{3,}$/, 'a phone number').optional(),
    kind: z.enum(PORTAL_KINDS),
    subject: text(300).openapi({ example: 'Витрина не держит температуру' }),
    text: text(20_000),
    company: text(300).optional().openapi({ description: 'The company\'s name or INN, when writing for one' }),
  })
  .strict()
  .openapi('PortalRequest');

export const acceptedSchema = z.object({ message: z.string() }).openapi('PortalAccepted');

export const confirmSchema = z.object({ token }).strict().openapi('PortalConfirm');
export const followLinkSchema = z.object({ link: z.string().openapi({ example: '/portal/c/…' }), accessToken: z.string() }).openapi('PortalFollowLink');

export const accessParamSchema = z.object({ token: token.openapi({ param: { name: 'token', in: 'path' } }) });

export const portalMessageSchema = z.object({ text: text(5_000) }).strict().openapi('PortalMessage');

export const portalCaseSchema = z
  .object({
    number: z.string(),
    subject: z.string(),
    status: z.enum(PORTAL_STATUSES),
    registeredAt: z.iso.datetime(),
    dueAt: z.iso.datetime().openapi({ description: 'When the answer is due: 3 working days, moved on by the time the clock was paused' }),
    timeZone: z.string(),
    paused: z.boolean(),
    messages: z.array(z.object({ from: z.enum(['client', 'company']), authorName: z.string(), text: z.string(), at: z.iso.datetime() })),
    decision: z.object({ kind: z.enum(DECISION_KINDS), text: z.string(), at: z.iso.datetime() }).nullable(),
  })
  .openapi('PortalCase');
