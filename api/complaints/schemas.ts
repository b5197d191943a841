// Shapes of the complaints and knowledge-base API. Times are ISO instants; SLA durations are
// milliseconds of working time on the company calendar. Field-level checks here (400 naming the
// field); rules about state (allowed status moves, closed complaints) are the use cases' (409).
import { z } from '@hono/zod-openapi';
import { COMPLAINT_SOURCES, COMPLAINT_STATUSES, DECISION_KINDS, MESSAGE_KINDS } from '../../domain/complaints/entities.ts';

const text = (max: number) => z.string().max(max).regex(/\S/, 'must not be blank (send null to clear it)');
const versionField = z.number().int().min(1).max(2_147_483_647).openapi({ description: 'The version this change was made on; a stale one is answered 409 with the current complaint' });
const person = z.object({ id: z.uuid(), name: z.string() });
const departmentCode = z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'a department code such as legal, service, sales');

export const citationInputSchema = z
  .object({ articleId: z.uuid(), version: z.number().int().min(1).max(2_147_483_647).optional().openapi({ description: 'Default: the article\'s current version' }) })
  .strict()
  .openapi('CitationInput');
export const citationSchema = z.object({ articleId: z.uuid(), version: z.number().int(), title: z.string() }).openapi('Citation');

const fieldShape = {
  source: z.enum(COMPLAINT_SOURCES),
  subject: text(300).openapi({ example: 'Витрина не держит температуру' }),
  text: text(20_000),
  clientId: z.uuid().nullable().openapi({ description: 'Optional for a complaint not yet matched to a client (then give a contact)' }),
  contactName: text(200).nullable(),
  contactPhone: z.string().max(50).regex(/^[+\d][\d\s()-]{3,}$/, 'a phone number').nullable(),
  contactEmail: z.email().max(320).nullable(),
  equipmentSerial: text(100).nullable(),
  departments: z.array(departmentCode).max(20).openapi({ description: 'Codes of the departments involved (legal, service, sales...)' }),
};

export const newComplaintSchema = z
  .object({
    source: fieldShape.source,
    subject: fieldShape.subject,
    text: fieldShape.text,
    clientId: fieldShape.clientId.optional(),
    contactName: fieldShape.contactName.optional(),
    contactPhone: fieldShape.contactPhone.optional(),
    contactEmail: fieldShape.contactEmail.optional(),
    equipmentSerial: fieldShape.equipmentSerial.optional(),
    departments: fieldShape.departments.optional(),
  })
  .strict()
  .openapi('NewComplaint');

export const complaintPatchSchema = z
  .object({
    version: versionField,
    source: fieldShape.source.optional(),
    subject: fieldShape.subject.optional(),
    text: fieldShape.text.optional(),
    clientId: fieldShape.clientId.optional(),
    contactName: fieldShape.contactName.optional(),
    contactPhone: fieldShape.contactPhone.optional(),
    contactEmail: fieldShape.contactEmail.optional(),
    equipmentSerial: fieldShape.equipmentSerial.optional(),
    departments: fieldShape.departments.optional(),
  })
  .strict()
  .openapi('ComplaintPatch');

export const statusChangeSchema = z
  .object({ version: versionField, status: z.enum(['in-work', 'waiting', 'closed']).openapi({ description: 'Decided is reached through /decision' }), comment: text(2000).nullable().optional() })
  .strict()
  .openapi('ComplaintStatusMove');

export const messageSchema = z
  .object({ text: text(20_000), citations: z.array(citationInputSchema).max(20).optional() })
  .strict()
  .openapi('NewComplaintMessage');

export const noteSchema = z.object({ text: text(20_000) }).strict().openapi('NewComplaintNote');

export const decisionSchema = z
  .object({ version: versionField, kind: z.enum(DECISION_KINDS), text: text(20_000), citations: z.array(citationInputSchema).max(20).optional() })
  .strict()
  .openapi('ComplaintDecision');

const clockSchema = z
  .object({
    dueAt: z.iso.datetime().openapi({ description: 'Registered + 3 working days, moved on by the pauses so far' }),
    budgetMs: z.number().int(),
    usedMs: z.number().int().openapi({ description: 'Working time used, pauses excluded' }),
    leftMs: z.number().int().openapi({ description: 'Working time left; negative when overdue' }),
    paused: z.boolean(),
    pausedSince: z.iso.datetime().nullable(),
    overdue: z.boolean(),
  })
  .openapi('ComplaintClock');

export const complaintListItemSchema = z
  .object({
    id: z.uuid(),
    number: z.string(),
    source: z.enum(COMPLAINT_SOURCES),
    subject: z.string(),
    client: person.nullable(),
    contactName: z.string().nullable(),
    departments: z.array(z.object({ code: z.string(), name: z.string() })),
    status: z.enum(COMPLAINT_STATUSES),
    registeredAt: z.iso.datetime(),
    clock: clockSchema,
    decisionKind: z.enum(DECISION_KINDS).nullable(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .openapi('ComplaintListItem');

export const complaintDetailSchema = complaintListItemSchema
  .extend({
    text: z.string(),
    contactPhone: z.string().nullable(),
    contactEmail: z.string().nullable(),
    equipmentSerial: z.string().nullable(),
    decisionText: z.string().nullable(),
    decisionCitations: z.array(citationSchema),
    decidedBy: person.nullable(),
    decidedAt: z.iso.datetime().nullable(),
    closedAt: z.iso.datetime().nullable(),
    createdBy: person,
    createdAt: z.iso.datetime(),
    history: z.array(z.object({ from: z.enum(COMPLAINT_STATUSES).nullable(), to: z.enum(COMPLAINT_STATUSES), comment: z.string().nullable(), by: person.nullable(), caseId: z.uuid().nullable(), at: z.iso.datetime() })),
    pauses: z.array(z.object({ reason: z.string(), from: z.iso.datetime(), to: z.iso.datetime().nullable() })),
    messages: z.array(z.object({ id: z.uuid(), kind: z.enum(MESSAGE_KINDS), author: person.nullable(), authorName: z.string(), text: z.string(), citations: z.array(citationSchema), at: z.iso.datetime() })).openapi({ description: 'Public messages and internal notes, oldest first' }),
    rights: z.object({ write: z.boolean(), note: z.boolean() }),
  })
  .openapi('Complaint');

export const COMPLAINT_SORTS = ['timeLeft', '-timeLeft', 'registeredAt', '-registeredAt', 'updatedAt', '-updatedAt', 'number', '-number'] as const;
export type ComplaintSort = (typeof COMPLAINT_SORTS)[number];

const isoDateTime = z.iso.datetime({ offset: true });
export const listComplaintsQuery = z.object({
  q: z.string().max(100).optional().openapi({ description: 'Text in the number, subject, text, contact or client name' }),
  status: z.enum(COMPLAINT_STATUSES).optional(),
  source: z.enum(COMPLAINT_SOURCES).optional(),
  clientId: z.uuid().optional(),
  department: departmentCode.optional(),
  overdue: z.enum(['true', 'false']).optional().openapi({ description: 'true: open complaints past their due time (paused ones by when they stopped)' }),
  dueFrom: isoDateTime.optional(),
  dueTo: isoDateTime.optional(),
  sort: z.enum(COMPLAINT_SORTS).default('timeLeft').openapi({ description: 'A field, descending with a leading "-"; timeLeft puts open complaints with the least time first' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const complaintChoicesSchema = z
  .object({
    sources: z.array(z.enum(COMPLAINT_SOURCES)), statuses: z.array(z.enum(COMPLAINT_STATUSES)), decisionKinds: z.array(z.enum(DECISION_KINDS)),
    departments: z.array(z.object({ code: z.string(), name: z.string() })),
  })
  .openapi('ComplaintChoices');

const segment = z.object({ text: z.string(), match: z.boolean() });
export const articleSchema = z
  .object({
    id: z.uuid(), title: z.string(), body: z.string(), tags: z.array(z.string()), category: z.string(), version: z.number().int(),
    author: person, updatedBy: person, createdAt: z.iso.datetime(), updatedAt: z.iso.datetime(),
    rights: z.object({ write: z.boolean() }),
  })
  .openapi('KbArticle');
export const articleListItemSchema = articleSchema.omit({ body: true, rights: true }).openapi('KbArticleListItem');
export const searchHitSchema = z
  .object({ id: z.uuid(), title: z.array(segment), fragment: z.array(segment).openapi({ description: 'The body around the match; `match` pieces are what was found' }), category: z.string(), tags: z.array(z.string()), version: z.number().int(), rank: z.number(), updatedAt: z.iso.datetime() })
  .openapi('KbSearchHit');

const tag = z.string().min(1).max(50).regex(/\S/, 'must not be blank');
export const newArticleSchema = z
  .object({ title: text(300), body: text(50_000), tags: z.array(tag).max(30).default([]), category: text(100) })
  .strict()
  .openapi('NewKbArticle');
export const articlePatchSchema = z
  .object({ version: versionField, title: text(300).optional(), body: text(50_000).optional(), tags: z.array(tag).max(30).optional(), category: text(100).optional() })
  .strict()
  .openapi('KbArticlePatch');

export const ARTICLE_SORTS = ['title', '-title', 'updatedAt', '-updatedAt', 'category', '-category'] as const;
export type ArticleSort = (typeof ARTICLE_SORTS)[number];
export const listArticlesQuery = z.object({
  q: z.string().max(100).optional().openapi({ description: 'Text in the title' }),
  category: z.string().max(100).optional(),
  tag: z.string().max(50).optional(),
  sort: z.enum(ARTICLE_SORTS).default('title'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export const articleQuery = z.object({ version: z.coerce.number().int().min(1).max(2_147_483_647).optional().openapi({ description: 'A past version (as a citation names it); default the current one' }) });
export const searchQuery = z.object({ q: z.string().min(1).max(200).regex(/\S/, 'must not be blank'), limit: z.coerce.number().int().min(1).max(50).default(10) });
