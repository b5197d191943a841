// Shapes of the clients API: client cards, contact persons, duplicates, tags and interactions.
// Field-level checks live here (zod, 400 with the field's path); INN check digits and other rules
// across fields are the use cases' (also 400, same shape).
import { z } from '@hono/zod-openapi';
import { CLIENT_KINDS, CLIENT_STAGES, INTERACTION_KINDS, INTERACTION_STATUSES, SOURCE_CHANNELS } from '../../domain/clients/entities.ts';
import { isPlausiblePhone } from '../../domain/clients/contact-keys.ts';

/** Free text: kept as typed, so blank text is refused (send null to clear a field). */
const text = (max: number) => z.string().max(max).regex(/\S/, 'must not be blank (send null to clear it)');
const phone = z.string().max(50).refine(isPlausiblePhone, 'is not a phone number: digits, spaces, +, -, ( ) with 5 to 15 digits').openapi({ example: '+7 (916) 123-45-67' });
const phones = z.array(phone).max(10);
const email = z.email().max(254).openapi({ example: 'zakupki@holod-plus.ru' });
const inn = z.string().regex(/^(\d{10}|\d{12})$/, 'an INN has 10 digits (organisation) or 12 (person, sole trader)').openapi({ example: '7707083893' });
const kpp = z.string().regex(/^\d{4}[\dA-Z]{2}\d{3}$/, 'a KPP is 9 characters: 4 digits, 2 digits or capital Latin letters, 3 digits').openapi({ example: '773601001' });
const versionField = z.number().int().min(1).max(2_147_483_647).openapi({ description: 'The version this change was made on (from the record you read); a stale one is answered 409 with the current record' });
const limit = z.coerce.number().int().min(1).max(200).default(50);
const offset = z.coerce.number().int().min(0).max(1_000_000).default(0);
const person = z.object({ id: z.uuid(), name: z.string() });

export const birthdaySchema = z
  .object({ day: z.number().int().min(1).max(31), month: z.number().int().min(1).max(12), year: z.number().int().min(1900).max(2100).nullable().default(null) })
  .strict()
  .openapi('Birthday', { description: 'Day and month; the year when known' });

const clientFieldShape = {
  name: text(300).openapi({ example: 'ООО «Холод Плюс»' }),
  kind: z.enum(CLIENT_KINDS).openapi({ description: 'legal: an organisation (10-digit INN, KPP); sole-trader and person: 12-digit INN' }),
  inn: inn.nullable(),
  kpp: kpp.nullable(),
  legalAddress: text(1000).nullable(),
  region: text(100).nullable(),
  phones,
  email: email.nullable(),
  website: z.string().max(255).regex(/^\S+$/, 'must not contain spaces').nullable(),
  sourceChannel: z.enum(SOURCE_CHANNELS).nullable(),
  triggeringEvent: text(2000).nullable().openapi({ description: 'What made the client turn to us' }),
  interest: text(2000).nullable(),
  interestReason: text(2000).nullable(),
  probability: z.number().int().min(0).max(100).nullable().openapi({ description: 'Purchase probability, per cent' }),
  stage: z.enum(CLIENT_STAGES),
  notes: text(10_000).nullable(),
  marketingConsent: z.boolean().openapi({ description: 'Agreed to marketing mail (default true); campaigns send only to those who did' }),
};
const tagIds = z.array(z.uuid()).max(50).openapi({ description: 'Replaces the client\'s tags' });
const confirmDuplicate = z.boolean().openapi({ description: 'Create (or save) it although it may duplicate the clients a 409 named' });

const contactFieldShape = {
  fullName: text(200).openapi({ example: 'Смирнова Анна Петровна' }),
  position: text(200).nullable(),
  phones,
  email: email.nullable(),
  birthday: birthdaySchema.nullable(),
  notes: text(10_000).nullable(),
  isPrimary: z.boolean(),
};

export const newContactSchema = z
  .object({ ...contactFieldShape, position: contactFieldShape.position.optional(), phones: phones.optional(), email: contactFieldShape.email.optional(), birthday: contactFieldShape.birthday.optional(), notes: contactFieldShape.notes.optional(), isPrimary: z.boolean().optional() })
  .strict()
  .openapi('NewContact');

export const contactPatchSchema = z
  .object({ ...Object.fromEntries(Object.entries(contactFieldShape).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof contactFieldShape]: z.ZodOptional<(typeof contactFieldShape)[K]> }, version: versionField })
  .strict()
  .openapi('ContactPatch');

type OptionalShape<T extends Record<string, z.ZodType>> = { [K in keyof T]: z.ZodOptional<T[K]> };
const optionalClientFields = Object.fromEntries(Object.entries(clientFieldShape).map(([k, v]) => [k, v.optional()])) as OptionalShape<typeof clientFieldShape>;

export const newClientSchema = z
  .object({
    ...optionalClientFields,
    name: clientFieldShape.name,
    kind: clientFieldShape.kind,
    ownerId: z.uuid().optional().openapi({ description: 'Default: yourself. Another owner must be one of your reports (management and admins: anyone)' }),
    tagIds: tagIds.optional(),
    contacts: z.array(newContactSchema).max(20).optional(),
    confirmDuplicate: confirmDuplicate.optional(),
  })
  .strict()
  .openapi('NewClient');

export const clientPatchSchema = z
  .object({
    ...optionalClientFields,
    version: versionField,
    ownerId: z.uuid().optional().openapi({ description: 'Give the client to another owner: the old owner\'s managers, management and admins' }),
    tagIds: tagIds.optional(),
    confirmDuplicate: confirmDuplicate.optional(),
  })
  .strict()
  .openapi('ClientPatch');

export const contactViewSchema = z
  .object({
    id: z.uuid(),
    fullName: z.string(),
    position: z.string().nullable(),
    phones: z.array(z.string()),
    email: z.string().nullable(),
    birthday: z.object({ day: z.number().int(), month: z.number().int(), year: z.number().int().nullable() }).nullable(),
    notes: z.string().nullable(),
    isPrimary: z.boolean(),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('Contact');

const tagRef = z.object({ id: z.uuid(), name: z.string() });

export const clientListItemSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(CLIENT_KINDS),
    inn: z.string().nullable(),
    region: z.string().nullable(),
    phones: z.array(z.string()),
    email: z.string().nullable(),
    stage: z.enum(CLIENT_STAGES),
    probability: z.number().int().nullable(),
    sourceChannel: z.enum(SOURCE_CHANNELS).nullable(),
    owner: person,
    tags: z.array(tagRef),
    primaryContact: z.object({ id: z.uuid(), fullName: z.string(), phones: z.array(z.string()) }).nullable(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .openapi('ClientListItem');

export const clientDetailSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(CLIENT_KINDS),
    inn: z.string().nullable(),
    kpp: z.string().nullable(),
    legalAddress: z.string().nullable(),
    region: z.string().nullable(),
    phones: z.array(z.string()),
    email: z.string().nullable(),
    website: z.string().nullable(),
    sourceChannel: z.enum(SOURCE_CHANNELS).nullable(),
    triggeringEvent: z.string().nullable(),
    interest: z.string().nullable(),
    interestReason: z.string().nullable(),
    probability: z.number().int().nullable(),
    stage: z.enum(CLIENT_STAGES),
    notes: z.string().nullable(),
    marketingConsent: z.boolean(),
    owner: person,
    tags: z.array(tagRef.extend({ parentId: z.uuid().nullable() })),
    contacts: z.array(contactViewSchema),
    createdBy: person,
    createdAt: z.iso.datetime(),
    updatedBy: person,
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
    rights: z.object({ write: z.boolean(), reassign: z.boolean() }).openapi({ description: 'What you may do with this client: change it, give it to another owner' }),
  })
  .openapi('Client');

export const duplicateSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    owner: person,
    matched: z.array(z.object({ field: z.enum(['inn', 'phone', 'email']), via: z.enum(['client', 'contact']), value: z.string(), contactName: z.string().nullable() })),
  })
  .openapi('DuplicateClient');

export const CLIENT_SORTS = ['name', '-name', 'updatedAt', '-updatedAt', 'createdAt', '-createdAt', 'probability', '-probability'] as const;
export type ClientSort = (typeof CLIENT_SORTS)[number];

/** One id or the same parameter repeated: a client must sit under each (tags below included). */
const tagFilter = z
  .union([z.uuid(), z.array(z.uuid()).max(10)])
  .optional()
  .openapi({ description: 'Only clients under this tag or one below it; repeat it to require several branches (hot and large)' });

export const listClientsQuery = z.object({
  q: z.string().max(100).optional().openapi({ description: 'Text in the name, INN, a contact person\'s name or a phone' }),
  ownerId: z.uuid().optional(),
  stage: z.enum(CLIENT_STAGES).optional(),
  tagId: tagFilter,
  sourceChannel: z.enum(SOURCE_CHANNELS).optional(),
  region: z.string().max(100).optional(),
  sort: z.enum(CLIENT_SORTS).default('name').openapi({ description: 'A field, descending with a leading "-"' }),
  limit,
  offset,
});

export const duplicatesQuery = z.object({
  inn: z.string().max(12).optional(),
  phone: z.string().max(50).optional(),
  email: z.string().max(254).optional(),
});

export const tagViewSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    parentId: z.uuid().nullable(),
    path: z.array(z.string()).openapi({ description: 'Names from the root down to this tag' }),
    depth: z.number().int(),
    clients: z.number().int().openapi({ description: 'Clients tagged with it directly' }),
  })
  .openapi('ClientTag');

export const newTagSchema = z.object({ name: text(100), parentId: z.uuid().nullable().default(null) }).strict().openapi('NewClientTag');
export const tagPatchSchema = z.object({ name: text(100).optional(), parentId: z.uuid().nullable().optional() }).strict().openapi('ClientTagPatch');

export const listTagsQuery = z.object({
  q: z.string().max(100).optional(),
  parentId: z.uuid().optional().openapi({ description: 'Only the direct sub-tags of this tag' }),
  sort: z.enum(['path', 'name', '-name']).default('path').openapi({ description: 'path: the tree in reading order' }),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
  offset,
});

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
/** Several employees in one query parameter: ids separated by commas (at most 50). */
const employeeIdList = z.string().regex(new RegExp(`^${UUID}(,${UUID}){0,49}$`), 'employee ids separated by commas').openapi({ description: 'Several employees\' calendars (comma-separated ids)' });

const interactionFieldShape = {
  kind: z.enum(INTERACTION_KINDS),
  status: z.enum(INTERACTION_STATUSES).openapi({ description: 'planned, or done (needs the report)' }),
  at: z.iso.datetime({ offset: true }).openapi({ description: 'When it is planned, or when it happened' }),
  durationMinutes: z.number().int().min(1).max(24 * 60).nullable(),
  subject: text(300).nullable(),
  report: text(10_000).nullable().openapi({ description: 'What was discussed and agreed; required once done' }),
  result: text(300).nullable(),
  nextContactAt: z.iso.datetime({ offset: true }).nullable(),
};
const optionalInteractionFields = Object.fromEntries(Object.entries(interactionFieldShape).map(([k, v]) => [k, v.optional()])) as OptionalShape<typeof interactionFieldShape>;

export const newInteractionSchema = z
  .object({
    ...optionalInteractionFields,
    kind: interactionFieldShape.kind,
    at: interactionFieldShape.at,
    clientId: z.uuid(),
    contactId: z.uuid().nullable().optional(),
    employeeId: z.uuid().optional().openapi({ description: 'Whose calendar: default yourself; another must be one of your reports' }),
  })
  .strict()
  .openapi('NewInteraction');

export const interactionPatchSchema = z
  .object({ ...optionalInteractionFields, version: versionField, contactId: z.uuid().nullable().optional(), employeeId: z.uuid().optional() })
  .strict()
  .openapi('InteractionPatch');

export const interactionViewSchema = z
  .object({
    id: z.uuid(),
    client: person,
    contact: z.object({ id: z.uuid(), fullName: z.string() }).nullable(),
    employee: person,
    kind: z.enum(INTERACTION_KINDS),
    status: z.enum(INTERACTION_STATUSES),
    at: z.iso.datetime(),
    durationMinutes: z.number().int().nullable(),
    subject: z.string().nullable(),
    report: z.string().nullable(),
    result: z.string().nullable(),
    nextContactAt: z.iso.datetime().nullable(),
    completedAt: z.iso.datetime().nullable(),
    createdBy: z.uuid(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .openapi('Interaction');

export const listInteractionsQuery = z.object({
  employeeId: z.uuid().optional().openapi({ description: 'One employee\'s calendar' }),
  team: z.enum(['true', 'false']).optional().openapi({ description: 'true: the plans of your reports, down the chain (403 for someone with no reports)' }),
  employeeIds: employeeIdList.optional(),
  clientId: z.uuid().optional(),
  kind: z.enum(INTERACTION_KINDS).optional(),
  status: z.enum(INTERACTION_STATUSES).optional(),
  from: z.iso.datetime({ offset: true }).optional().openapi({ description: 'At or after this instant' }),
  to: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Before this instant' }),
  sort: z.enum(['at', '-at']).default('at'),
  limit,
  offset,
});

export const interactionSummaryQuery = z.object({
  from: z.iso.datetime({ offset: true }).openapi({ description: 'The period: at or after this instant' }),
  to: z.iso.datetime({ offset: true }).openapi({ description: 'The period: before this instant' }),
  employeeIds: employeeIdList.optional().openapi({ description: 'Some of your reports (comma-separated ids); all of them by default' }),
});

export const interactionSummarySchema = z
  .object({
    items: z.array(z.object({
      employee: person,
      done: z.number().int().openapi({ description: 'Done in the period' }),
      overdue: z.number().int().openapi({ description: 'Planned in the period, its time past, not done' }),
      planned: z.number().int().openapi({ description: 'Planned in the period, still ahead' }),
    })),
  })
  .openapi('InteractionSummary');

export const choicesSchema = z
  .object({
    kinds: z.array(z.enum(CLIENT_KINDS)),
    stages: z.array(z.enum(CLIENT_STAGES)),
    sourceChannels: z.array(z.enum(SOURCE_CHANNELS)),
    interactionKinds: z.array(z.enum(INTERACTION_KINDS)),
  })
  .openapi('ClientChoices');
