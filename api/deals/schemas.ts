// Shapes of the deals API. Money is integer kopecks (amount, a line's price); dates are
// YYYY-MM-DD. Field-level checks here (400 with the field's path); the amount-equals-lines rule
// and the loss reason's presence are the use cases' (also 400, same shape).
import { z } from '@hono/zod-openapi';
import { DEAL_STATUSES, LOSS_REASONS, STAGE_CHANGE_KINDS } from '../../domain/deals/entities.ts';

const text = (max: number) => z.string().max(max).regex(/\S/, 'must not be blank (send null to clear it)');
const kopecks = z.number().int().min(0).max(1e15).openapi({ description: 'Kopecks (1 ruble = 100)', example: 45_000_000 });
const isoDate = z.iso.date().openapi({ example: '2026-12-20' });
const probability = z.number().int().min(0).max(100).openapi({ description: 'Per cent' });
const versionField = z.number().int().min(1).max(2_147_483_647).openapi({ description: 'The version this change was made on; a stale one is answered 409 with the current deal' });
const person = z.object({ id: z.uuid(), name: z.string() });

export const productLineSchema = z
  .object({ name: text(300), quantity: z.number().int().min(1).max(1_000_000), price: kopecks.openapi({ description: 'Price of one unit, kopecks' }) })
  .strict()
  .openapi('DealProductLine');

const dealFieldShape = {
  title: text(300).openapi({ example: 'Витрины для павильона 12' }),
  amount: kopecks.openapi({ description: 'Kopecks; with product lines it is their sum (computed when omitted)' }),
  lines: z.array(productLineSchema).max(100),
  plannedCloseDate: isoDate.nullable(),
  probability,
  stageId: z.uuid().openapi({ description: 'Default on create: the first stage. Moving it records the change; the new stage\'s probability applies unless probability is sent too' }),
  ownerId: z.uuid().openapi({ description: 'Default: the client\'s owner. Another must be yourself or one of your reports' }),
  notes: text(10_000).nullable(),
};

export const newDealSchema = z
  .object({
    clientId: z.uuid(),
    title: dealFieldShape.title,
    amount: dealFieldShape.amount.optional(),
    lines: dealFieldShape.lines.optional(),
    plannedCloseDate: dealFieldShape.plannedCloseDate.optional(),
    probability: dealFieldShape.probability.optional(),
    stageId: dealFieldShape.stageId.optional(),
    ownerId: dealFieldShape.ownerId.optional(),
    notes: dealFieldShape.notes.optional(),
    startRoute: z.boolean().optional().openapi({ description: 'Start the published Deal route for it (default true); its route then moves the stage' }),
  })
  .strict()
  .openapi('NewDeal');

export const dealPatchSchema = z
  .object({
    version: versionField,
    title: dealFieldShape.title.optional(),
    amount: dealFieldShape.amount.optional(),
    lines: dealFieldShape.lines.optional(),
    plannedCloseDate: dealFieldShape.plannedCloseDate.optional(),
    probability: dealFieldShape.probability.optional(),
    stageId: dealFieldShape.stageId.optional(),
    ownerId: dealFieldShape.ownerId.optional(),
    notes: dealFieldShape.notes.optional(),
  })
  .strict()
  .openapi('DealPatch');

export const closeDealSchema = z
  .object({
    outcome: z.enum(['won', 'lost']),
    reason: z.enum(LOSS_REASONS).optional().openapi({ description: 'Required when lost' }),
    comment: text(2000).nullable().optional(),
    version: versionField.optional(),
  })
  .strict()
  .openapi('CloseDeal');

export const stageRefSchema = z.object({ id: z.uuid(), code: z.string(), name: z.string(), nameEn: z.string().nullable() });

export const dealListItemSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    client: person,
    amount: z.number().int().openapi({ description: 'Kopecks' }),
    plannedCloseDate: z.string().nullable(),
    probability: z.number().int(),
    owner: person,
    stage: stageRefSchema,
    stageEnteredAt: z.iso.datetime(),
    status: z.enum(DEAL_STATUSES),
    lossReason: z.enum(LOSS_REASONS).nullable(),
    lostAtStage: stageRefSchema.nullable(),
    closedAt: z.iso.datetime().nullable(),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
    processId: z.uuid().nullable(),
    stepOverdue: z.boolean().openapi({ description: 'An open step of the deal\'s case is past its due time' }),
  })
  .openapi('DealListItem');

export const dealDetailSchema = dealListItemSchema
  .extend({
    lines: z.array(productLineSchema),
    closeComment: z.string().nullable(),
    closedBy: person.nullable(),
    processId: z.uuid().nullable().openapi({ description: 'The deal\'s case, once its route runs' }),
    case: z
      .object({
        id: z.uuid(),
        status: z.string(),
        openSteps: z.array(z.object({
          assignmentId: z.uuid(), stepId: z.string(), stepName: z.string(), dueAt: z.iso.datetime().nullable(), overdue: z.boolean(),
          assignee: person.nullable(), role: z.string().nullable(),
        })),
      })
      .nullable()
      .openapi({ description: 'The deal\'s case and its open steps; null for a deal without one' }),
    notes: z.string().nullable(),
    createdBy: person,
    createdAt: z.iso.datetime(),
    updatedBy: person,
    history: z.array(z.object({
      kind: z.enum(STAGE_CHANGE_KINDS), from: stageRefSchema.nullable(), to: stageRefSchema,
      by: person.nullable().openapi({ description: 'Who moved it; null when the deal\'s route did (then `caseId` names the case)' }),
      caseId: z.uuid().nullable().openapi({ description: 'The case whose route moved or closed the deal' }),
      at: z.iso.datetime(),
    })).openapi({ description: 'Every stage change, oldest first: time in each stage is the gap between rows' }),
    rights: z.object({ write: z.boolean() }),
  })
  .openapi('Deal');

export const DEAL_SORTS = ['updatedAt', '-updatedAt', 'createdAt', '-createdAt', 'amount', '-amount', 'plannedCloseDate', '-plannedCloseDate', 'title', '-title', 'stage', '-stage'] as const;
export type DealSort = (typeof DEAL_SORTS)[number];

const filterShape = {
  q: z.string().max(100).optional().openapi({ description: 'Text in the title or the client\'s name' }),
  stageId: z.uuid().optional(),
  ownerId: z.uuid().optional(),
  clientId: z.uuid().optional(),
  closeFrom: isoDate.optional().openapi({ description: 'Planned close on or after this day' }),
  closeTo: isoDate.optional().openapi({ description: 'Planned close on or before this day' }),
  amountMin: z.coerce.number().int().min(0).optional().openapi({ description: 'Kopecks' }),
  amountMax: z.coerce.number().int().min(0).optional().openapi({ description: 'Kopecks' }),
};

export const listDealsQuery = z.object({
  ...filterShape,
  status: z.enum(DEAL_STATUSES).optional(),
  sort: z.enum(DEAL_SORTS).default('-updatedAt').openapi({ description: 'A field, descending with a leading "-"' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const boardQuery = z.object({
  ...filterShape,
  status: z.enum(DEAL_STATUSES).default('open'),
  cards: z.coerce.number().int().min(0).max(100).default(20).openapi({ description: 'Cards per column (the most recently changed first)' }),
});

export const boardSchema = z
  .object({
    columns: z.array(z.object({
      stage: stageRefSchema.extend({ position: z.number().int(), probability: z.number().int() }),
      count: z.number().int(),
      amount: z.number().int().openapi({ description: 'Sum of the column\'s deals, kopecks' }),
      items: z.array(dealListItemSchema),
    })),
  })
  .openapi('DealBoard');

export const stageViewSchema = z
  .object({
    id: z.uuid(), code: z.string(), name: z.string(), nameEn: z.string().nullable(), position: z.number().int(), probability: z.number().int(),
    deals: z.number().int().openapi({ description: 'Open deals in the stage now' }),
  })
  .openapi('DealStage');

export const newStageSchema = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9-]{0,49}$/, 'lower-case Latin letters, digits and dashes, starting with a letter, at most 50'),
    name: text(200),
    nameEn: text(200).nullable().optional(),
    position: z.number().int().min(0).max(1_000_000).optional().openapi({ description: 'Place on the board; default after the last' }),
    probability,
  })
  .strict()
  .openapi('NewDealStage');

export const stagePatchSchema = z
  .object({ name: text(200).optional(), nameEn: text(200).nullable().optional(), position: z.number().int().min(0).max(1_000_000).optional(), probability: probability.optional() })
  .strict()
  .openapi('DealStagePatch');

export const dealChoicesSchema = z.object({ statuses: z.array(z.enum(DEAL_STATUSES)), lossReasons: z.array(z.enum(LOSS_REASONS)) }).openapi('DealChoices');

export const dealMovesSchema = z
  .object({
    dealId: z.uuid(),
    caseId: z.uuid().nullable(),
    patchable: z.boolean().openapi({ description: 'No running case: the stage is moved by PATCH (if you may change the deal)' }),
    steps: z.array(z.object({
      assignmentId: z.uuid(),
      stepId: z.string(),
      stepName: z.string(),
      moves: z.array(z.object({
        outcome: z.string().nullable(),
        label: z.string().nullable(),
        stage: z.string().nullable().openapi({ description: 'The stage code this outcome leads to' }),
        close: z.enum(['won', 'lost']).nullable(),
        needsForm: z.boolean().openapi({ description: 'The step\'s form must be filled: open the task rather than complete it from the board' }),
      })),
    })),
  })
  .openapi('DealMoves');
