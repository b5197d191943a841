// The CRM's client base: clients (companies, sole traders, private persons) with their
// requisites, the contact persons at each, the hierarchical classification tags a client sits
// under (several branches at once: hot/cold, loyal/disloyal, large/small), and the interactions
// (calls, meetings, demonstrations, letters) planned and done with them.
//
// Phones and e-mails are kept as typed and also as keys (digits with the +7/8 prefix folded, the
// e-mail in lower case) that the duplicate check and the search compare, each with an index.
import { defineEntity, p } from '@mikro-orm/core';
import { Employee } from '../organisation/entities.ts';
import { BaseEntity } from '../shared/base-entity.ts';

export const CLIENT_KINDS = ['legal', 'sole-trader', 'person'] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];

/** Relationship stages (1C CRM): potential -> one-time -> regular -> lost. */
export const CLIENT_STAGES = ['potential', 'one-time', 'regular', 'lost'] as const;
export type ClientStage = (typeof CLIENT_STAGES)[number];

/** Where the client came from (Sales Expert's source channel), for marketing effectiveness. */
export const SOURCE_CHANNELS = [
  'advertising', 'exhibition', 'recommendation', 'website', 'cold-call', 'incoming-call', 'mailing', 'partner', 'tender', 'other',
] as const;
export type SourceChannel = (typeof SOURCE_CHANNELS)[number];

export const INTERACTION_KINDS = ['call', 'meeting', 'demonstration', 'email', 'letter'] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

export const INTERACTION_STATUSES = ['planned', 'done'] as const;
export type InteractionStatus = (typeof INTERACTION_STATUSES)[number];

export const ClientTag = defineEntity({
  name: 'ClientTag',
  extends: BaseEntity,
  properties: {
    name: p.string().length(100),
    /** Null for a root branch ("Интерес", "Лояльность", "Размер"). */
    parent: () => p.manyToOne(ClientTag).ref().nullable().index(),
    createdAt: p.datetime(),
  },
});

export const Client = defineEntity({
  name: 'Client',
  extends: BaseEntity,
  // The duplicate check looks clients up by INN, any phone key and the e-mail key; the list
  // filters by owner, stage and channel and sorts by name or recency.
  indexes: [
    { properties: ['inn'] },
    { properties: ['emailKey'] },
    { name: 'client_phone_keys_index', properties: ['phoneKeys'], type: 'gin' },
    { properties: ['owner', 'name'] },
    { properties: ['stage', 'name'] },
    { properties: ['updatedAt', 'id'] },
  ],
  properties: {
    name: p.string().length(300),
    kind: p.enum([...CLIENT_KINDS]),
    inn: p.string().length(12).nullable(),
    kpp: p.string().length(9).nullable(),
    legalAddress: p.text().nullable(),
    region: p.string().length(100).nullable(),
    phones: p.array().default([]),
    phoneKeys: p.array().default([]),
    email: p.string().length(254).nullable(),
    emailKey: p.string().length(254).nullable(),
    website: p.string().length(255).nullable(),
    sourceChannel: p.enum([...SOURCE_CHANNELS]).nullable(),
    /** What made the client turn to us (Sales Expert): "opened a second pavilion". */
    triggeringEvent: p.text().nullable(),
    interest: p.text().nullable(),
    interestReason: p.text().nullable(),
    /** Purchase probability, 0-100 per cent. */
    probability: p.smallint().nullable(),
    owner: () => p.manyToOne(Employee).ref(),
    stage: p.enum([...CLIENT_STAGES]).default('potential'),
    notes: p.text().nullable(),
    /** The client agreed to marketing mail (152-FZ / 38-FZ consent); campaigns send only to those who did. */
    marketingConsent: p.boolean().default(true),
    tags: () => p.manyToMany(ClientTag).pivotTable('client_tag_link'),
    createdBy: () => p.manyToOne(Employee).ref(),
    createdAt: p.datetime(),
    updatedBy: () => p.manyToOne(Employee).ref(),
    updatedAt: p.datetime(),
    /** Optimistic locking: a change names the version it was made on; a stale one is refused. */
    version: p.integer().version(),
  },
});

export const ClientContact = defineEntity({
  name: 'ClientContact',
  extends: BaseEntity,
  indexes: [
    { properties: ['emailKey'] },
    { name: 'client_contact_phone_keys_index', properties: ['phoneKeys'], type: 'gin' },
    // The birthday-call schedule looks up today's birthdays.
    { properties: ['birthMonth', 'birthDay'] },
  ],
  // At most one primary contact per client.
  uniques: [{ name: 'client_contact_one_primary', properties: ['client'], where: 'is_primary' }],
  properties: {
    client: () => p.manyToOne(Client).ref().index().deleteRule('cascade'),
    fullName: p.string().length(200),
    position: p.string().length(200).nullable(),
    phones: p.array().default([]),
    phoneKeys: p.array().default([]),
    email: p.string().length(254).nullable(),
    emailKey: p.string().length(254).nullable(),
    /** A birthday is often known without its year: day and month, and the year when known. */
    birthDay: p.smallint().nullable(),
    birthMonth: p.smallint().nullable(),
    birthYear: p.smallint().nullable(),
    notes: p.text().nullable(),
    isPrimary: p.boolean().default(false),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    version: p.integer().version(),
  },
});

export const Interaction = defineEntity({
  name: 'Interaction',
  extends: BaseEntity,
  // Each employee's calendar by time; a client's history by time.
  indexes: [
    { properties: ['employee', 'at', 'id'] },
    { properties: ['client', 'at', 'id'] },
  ],
  properties: {
    client: () => p.manyToOne(Client).ref().deleteRule('cascade'),
    contact: () => p.manyToOne(ClientContact).ref().nullable().deleteRule('set null').index(),
    employee: () => p.manyToOne(Employee).ref(),
    kind: p.enum([...INTERACTION_KINDS]),
    status: p.enum([...INTERACTION_STATUSES]).default('planned'),
    /** When it is planned, or when it happened. */
    at: p.datetime(),
    durationMinutes: p.integer().nullable(),
    subject: p.string().length(300).nullable(),
    /** What happened (the contact report); required once done. */
    report: p.text().nullable(),
    result: p.string().length(300).nullable(),
    nextContactAt: p.datetime().nullable(),
    completedAt: p.datetime().nullable(),
    createdBy: () => p.manyToOne(Employee).ref(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    version: p.integer().version(),
  },
});
