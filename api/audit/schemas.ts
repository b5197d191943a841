// The audit log's query and answer, for GET /api/audit and the OpenAPI document.
import { z } from '@hono/zod-openapi';
import { AUDIT_ACTIONS, AUDIT_ACTOR_KINDS } from '../../domain/audit/entities.ts';
import { decodeAuditCursor } from './audit-view.ts';

export const auditQuery = z
  .object({
    actor: z.uuid().optional().openapi({ description: 'Employee id of who acted' }),
    action: z.enum(AUDIT_ACTIONS).optional(),
    targetType: z.string().min(1).max(64).optional().openapi({ description: 'e.g. process, route, assignment, employee' }),
    targetId: z.string().min(1).max(255).optional(),
    from: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Entries at or after this time' }),
    to: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Entries before this time' }),
    limit: z.coerce.number().int().min(1).max(200).default(100).openapi({ description: 'Items per page' }),
    cursor: z
      .string()
      .max(200)
      .refine((c) => decodeAuditCursor(c) !== undefined, { message: 'is not a cursor this API returned' })
      .optional()
      .openapi({ description: 'The `nextCursor` of the previous page; omit for the first page' }),
  })
  .refine((q) => q.from === undefined || q.to === undefined || Date.parse(q.from) <= Date.parse(q.to), { message: 'from must not be after to', path: ['from'] });

export const auditEntrySchema = z
  .object({
    id: z.uuid(),
    at: z.iso.datetime(),
    actor: z.uuid().nullable(),
    actorKind: z.enum(AUDIT_ACTOR_KINDS),
    actorLabel: z.string().nullable(),
    action: z.string(),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()).nullable(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    status: z.number().int(),
  })
  .openapi('AuditEntry');

export const auditPageSchema = z
  .object({
    items: z.array(auditEntrySchema),
    nextCursor: z.string().nullable().openapi({ description: 'Pass as `cursor` for the next page; null on the last page' }),
  })
  .openapi('AuditPage');
