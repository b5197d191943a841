// Deals: the sales pipeline. A deal belongs to a client, moves through the company's configurable
// stages (the reference company's five by default, seeded by the migration) and closes as won or
// lost - a loss with its reason and the stage it happened at (Sales Expert's refusal analysis).
// Every stage change is kept (`DealStageChange`), so reports can tell how long each stage took.
//
// Money is integer kopecks in a bigint column: exact sums on the board and in reports, no float
// rounding; the API speaks kopecks too, and the UI formats rubles.
import { defineEntity, p } from '@mikro-orm/core';
import { Client } from '../clients/entities.ts';
import { Employee } from '../organisation/entities.ts';
import { Process } from '../processes/entities.ts';
import { BaseEntity } from '../shared/base-entity.ts';

export const DEAL_STATUSES = ['open', 'won', 'lost'] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];

/** Why a deal was lost (Sales Expert's refusal reasons), with free text beside it. */
export const LOSS_REASONS = ['price', 'competitor', 'no-budget', 'not-understood', 'postponed', 'no-response', 'requirements', 'other'] as const;
export type LossReason = (typeof LOSS_REASONS)[number];

/** What a history row records: the deal opened in a stage, moved, or closed in its stage. */
export const STAGE_CHANGE_KINDS = ['created', 'moved', 'won', 'lost'] as const;
export type StageChangeKind = (typeof STAGE_CHANGE_KINDS)[number];

export interface ProductLine {
  name: string;
  quantity: number;
  /** Price of one unit, kopecks. */
  price: number;
}

export const DealStage = defineEntity({
  name: 'DealStage',
  extends: BaseEntity,
  properties: {
    /** Stable key the deal route and reports refer to; fixed once created. */
    code: p.string().length(50).unique(),
    name: p.string().length(200),
    nameEn: p.string().length(200).nullable(),
    /** Place on the board, ascending. */
    position: p.integer(),
    /** Probability (per cent) a deal gets on entering the stage. */
    probability: p.smallint(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});

export const Deal = defineEntity({
  name: 'Deal',
  extends: BaseEntity,
  // The board and the list filter by status and stage, by owner and by client; sort by recency.
  indexes: [
    { properties: ['status', 'stage', 'updatedAt'] },
    { properties: ['owner', 'status'] },
    { properties: ['updatedAt', 'id'] },
    // The managers' report: deals closed in a period.
    { properties: ['closedAt'] },
  ],
  properties: {
    client: () => p.manyToOne(Client).ref().index(),
    title: p.string().length(300),
    /** Kopecks. */
    amount: p.bigint('number'),
    lines: p.json<ProductLine[]>(),
    plannedCloseDate: p.date().nullable(),
    /** Per cent. */
    probability: p.smallint(),
    owner: () => p.manyToOne(Employee).ref(),
    stage: () => p.manyToOne(DealStage).ref(),
    stageEnteredAt: p.datetime(),
    status: p.enum([...DEAL_STATUSES]).default('open'),
    lossReason: p.enum([...LOSS_REASONS]).nullable(),
    closeComment: p.text().nullable(),
    /** The stage a lost deal failed at, recorded when it is closed. */
    lostAtStage: () => p.manyToOne(DealStage).ref().nullable(),
    closedAt: p.datetime().nullable(),
    closedBy: () => p.manyToOne(Employee).ref().nullable(),
    /** The deal's case (its route) once it runs one; the route will move the stage. */
    process: () => p.manyToOne(Process).ref().nullable().index().deleteRule('set null'),
    notes: p.text().nullable(),
    createdBy: () => p.manyToOne(Employee).ref(),
    createdAt: p.datetime(),
    updatedBy: () => p.manyToOne(Employee).ref(),
    updatedAt: p.datetime(),
    version: p.integer().version(),
  },
});

export const DealStageChange = defineEntity({
  name: 'DealStageChange',
  extends: BaseEntity,
  // A deal's history in order; reports read time in stage from consecutive rows.
  // The monthly funnel reads the changes of a month across all deals.
  indexes: [{ properties: ['deal', 'at'] }, { properties: ['at'] }],
  properties: {
    deal: () => p.manyToOne(Deal).ref().deleteRule('cascade'),
    kind: p.enum([...STAGE_CHANGE_KINDS]),
    fromStage: () => p.manyToOne(DealStage).ref().nullable(),
    toStage: () => p.manyToOne(DealStage).ref(),
    /** The person who moved or closed it; null when the deal's route did (then `process` names the case). */
    by: () => p.manyToOne(Employee).ref().nullable(),
    /** The case whose route moved or closed the deal. */
    process: () => p.manyToOne(Process).ref().nullable().deleteRule('set null'),
    at: p.datetime(),
  },
});
