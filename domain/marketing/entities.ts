// Marketing: segments (saved client filters), campaign templates (a route plus default content),
// campaigns (a running case of the template's route over a segment), the recipients a campaign's
// segment was frozen into when it was sent, and the responses clients gave.
//
// Money is integer kopecks in bigint columns, as in deals and invoices.
import { defineEntity, p } from '@mikro-orm/core';
import { Client } from '../clients/entities.ts';
import { Employee } from '../organisation/entities.ts';
import { BaseEntity } from '../shared/base-entity.ts';
import type { SegmentFilter } from './segment-filter.ts';

/** How a campaign reaches its clients (the source channels' words where they fit). */
export const CAMPAIGN_CHANNELS = ['mailing', 'phone', 'event', 'exhibition', 'advertising', 'website', 'other'] as const;
export type CampaignChannel = (typeof CAMPAIGN_CHANNELS)[number];

export const CAMPAIGN_STATUSES = ['planned', 'running', 'finished', 'cancelled'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const RESPONSE_KINDS = ['reply', 'click', 'registration', 'call'] as const;
export type ResponseKind = (typeof RESPONSE_KINDS)[number];

export const Segment = defineEntity({
  name: 'Segment',
  extends: BaseEntity,
  properties: {
    name: p.string().length(200),
    description: p.text().nullable(),
    filter: p.json<SegmentFilter>(),
    owner: () => p.manyToOne(Employee).ref(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    version: p.integer().version(),
  },
});

export interface MessageContent {
  subject: string;
  html: string;
  text: string;
}

export const CampaignTemplate = defineEntity({
  name: 'CampaignTemplate',
  extends: BaseEntity,
  properties: {
    /** Stable key of a shipped template ("event-invitation"). */
    key: p.string().length(100).unique(),
    name: p.string().length(200),
    description: p.text().nullable(),
    /** The route a campaign from this template runs. */
    routeKey: p.string().length(100),
    channel: p.enum([...CAMPAIGN_CHANNELS]),
    /** Kopecks. */
    budget: p.bigint('number').default(0),
    followUpDays: p.smallint().default(5),
    mainMessage: p.json<MessageContent>(),
    reminderMessage: p.json<MessageContent>().nullable(),
    createdAt: p.datetime(),
  },
});

export const Campaign = defineEntity({
  name: 'Campaign',
  extends: BaseEntity,
  indexes: [{ properties: ['status', 'createdAt'] }, { properties: ['owner', 'createdAt'] }],
  properties: {
    name: p.string().length(200),
    description: p.text().nullable(),
    template: () => p.manyToOne(CampaignTemplate).ref().nullable().deleteRule('set null'),
    routeKey: p.string().length(100),
    segment: () => p.manyToOne(Segment).ref().nullable().deleteRule('set null'),
    channel: p.enum([...CAMPAIGN_CHANNELS]),
    /** Kopecks. */
    budget: p.bigint('number').default(0),
    actualCost: p.bigint('number').nullable(),
    owner: () => p.manyToOne(Employee).ref(),
    status: p.enum([...CAMPAIGN_STATUSES]).default('planned'),
    plannedStart: p.date().nullable(),
    plannedEnd: p.date().nullable(),
    /** Deals a recipient opens within this many days after the send started count for the campaign. */
    attributionDays: p.smallint().default(30),
    followUpDays: p.smallint().default(5),
    /** MailTemplate ids (mailing's table; plain ids so the contexts stay apart). */
    mainTemplateId: p.uuid().nullable(),
    reminderTemplateId: p.uuid().nullable(),
    /** The campaign's case (the route it runs), once started. */
    processId: p.uuid().nullable().unique(),
    startedAt: p.datetime().nullable(),
    /** When the recipients were frozen (the send began): the start of the attribution window. */
    sentAt: p.datetime().nullable(),
    finishedAt: p.datetime().nullable(),
    createdBy: () => p.manyToOne(Employee).ref(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    version: p.integer().version(),
  },
});

export const CampaignRecipient = defineEntity({
  name: 'CampaignRecipient',
  extends: BaseEntity,
  uniques: [{ properties: ['campaign', 'client'] }],
  indexes: [{ properties: ['client'] }],
  properties: {
    campaign: () => p.manyToOne(Campaign).ref().deleteRule('cascade'),
    client: () => p.manyToOne(Client).ref().deleteRule('cascade'),
    /** Frozen at the send: whose client it was, where, from which channel, under which tags. */
    owner: () => p.manyToOne(Employee).ref(),
    region: p.string().length(100).nullable(),
    sourceChannel: p.string().length(50).nullable(),
    tags: p.array().default([]),
    /** Order of the frozen list (the foreach node works through it in this order). */
    position: p.integer(),
    frozenAt: p.datetime(),
  },
});

export const CampaignResponse = defineEntity({
  name: 'CampaignResponse',
  extends: BaseEntity,
  indexes: [{ properties: ['campaign', 'at'] }, { properties: ['client'] }],
  properties: {
    campaign: () => p.manyToOne(Campaign).ref().deleteRule('cascade'),
    client: () => p.manyToOne(Client).ref().deleteRule('cascade'),
    kind: p.enum([...RESPONSE_KINDS]),
    at: p.datetime(),
    note: p.text().nullable(),
    recordedBy: () => p.manyToOne(Employee).ref().nullable(),
  },
});
