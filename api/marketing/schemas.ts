// Shapes of the marketing API: segments, campaign templates, campaigns, their recipients and
// responses, effectiveness. Money is kopecks; days are YYYY-MM-DD; times ISO instants.
import { z } from '@hono/zod-openapi';
import { CLIENT_STAGES } from '../../domain/clients/entities.ts';
import { CAMPAIGN_CHANNELS, CAMPAIGN_STATUSES, RESPONSE_KINDS } from '../../domain/marketing/entities.ts';
import { segmentFilterSchema } from '../../domain/marketing/segment-filter.ts';

const text = (max: number) => z.string().max(max).regex(/\S/, 'must not be blank');
const day = z.iso.date().refine((d) => d >= '1900-01-01' && d <= '2999-12-31', 'must be between 1900-01-01 and 2999-12-31');
const kopecks = z.number().int().min(0).max(1e15);
const version = z.number().int().min(1).max(2_147_483_647);
const iso = z.string().openapi({ format: 'date-time' });
const person = z.object({ id: z.uuid(), name: z.string() });

// The domain's schema as it is (its module may load before zod-openapi extends zod's prototype).
export const filterSchema = segmentFilterSchema;

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const previewBody = z.object({ filter: filterSchema }).strict().openapi('SegmentPreviewRequest');

export const memberSchema = z.object({
  id: z.uuid(), name: z.string(), region: z.string().nullable(), stage: z.enum(CLIENT_STAGES), sourceChannel: z.string().nullable(), email: z.string().nullable(),
  marketingConsent: z.boolean(), ownerId: z.uuid(), ownerName: z.string(),
}).openapi('SegmentMember');

export const previewSchema = z.object({ count: z.number().int(), sample: z.array(memberSchema) }).openapi('SegmentPreview');
export const membersSchema = z.object({ items: z.array(memberSchema), total: z.number().int() }).openapi('SegmentMembers');

export const segmentInput = z.object({ name: text(200), description: text(2000).nullable().optional(), filter: filterSchema }).strict().openapi('SegmentInput');
export const segmentUpdate = z.object({ version, name: text(200), description: text(2000).nullable().optional(), filter: filterSchema }).strict().openapi('SegmentUpdate');

export const segmentSchema = z.object({
  id: z.uuid(), name: z.string(), description: z.string().nullable(), filter: filterSchema, owner: person, count: z.number().int(), createdAt: iso, updatedAt: iso, version: z.number().int(),
}).openapi('Segment');

const messageContent = z.object({ subject: text(300), html: z.string().max(200_000), text: z.string().max(100_000) }).strict().openapi('MessageContent');

export const templateSchema = z.object({
  id: z.uuid(), key: z.string(), name: z.string(), description: z.string().nullable(), routeKey: z.string(), channel: z.enum(CAMPAIGN_CHANNELS), budget: z.number().int(),
  followUpDays: z.number().int(), mainMessage: messageContent, reminderMessage: messageContent.nullable(),
}).openapi('CampaignTemplate');

export const newCampaignSchema = z.object({
  templateId: z.uuid(), name: text(200), description: text(5000).nullable().optional(), segmentId: z.uuid().nullable().optional(), ownerId: z.uuid().optional(),
  channel: z.enum(CAMPAIGN_CHANNELS).optional(), budget: kopecks.optional(), plannedStart: day.nullable().optional(), plannedEnd: day.nullable().optional(),
  attributionDays: z.number().int().min(1).max(365).optional(), followUpDays: z.number().int().min(1).max(60).optional(),
  mainMessage: messageContent.optional(), reminderMessage: messageContent.nullable().optional(),
}).strict().openapi('NewCampaign');

export const campaignPatchSchema = z.object({
  version, name: text(200).optional(), description: text(5000).nullable().optional(), segmentId: z.uuid().nullable().optional(), ownerId: z.uuid().optional(),
  channel: z.enum(CAMPAIGN_CHANNELS).optional(), budget: kopecks.optional(), actualCost: kopecks.nullable().optional(), plannedStart: day.nullable().optional(),
  plannedEnd: day.nullable().optional(), attributionDays: z.number().int().min(1).max(365).optional(), followUpDays: z.number().int().min(1).max(60).optional(),
}).strict().openapi('CampaignPatch');

export const campaignSchema = z.object({
  id: z.uuid(), name: z.string(), description: z.string().nullable(), template: z.object({ id: z.uuid(), key: z.string(), name: z.string() }).nullable(), routeKey: z.string(),
  segment: z.object({ id: z.uuid(), name: z.string() }).nullable(), channel: z.enum(CAMPAIGN_CHANNELS), budget: z.number().int(), actualCost: z.number().int().nullable(),
  owner: z.object({ id: z.uuid(), name: z.string(), email: z.string() }), status: z.enum(CAMPAIGN_STATUSES), plannedStart: z.string().nullable(), plannedEnd: z.string().nullable(),
  attributionDays: z.number().int(), followUpDays: z.number().int(), mainTemplateId: z.uuid().nullable(), reminderTemplateId: z.uuid().nullable(), processId: z.uuid().nullable(),
  startedAt: iso.nullable(), sentAt: iso.nullable(), finishedAt: iso.nullable(), createdAt: iso, updatedAt: iso, version: z.number().int(),
  recipients: z.number().int().openapi({ description: 'Frozen at the send (0 before)' }), responses: z.number().int().openapi({ description: 'Distinct clients who responded' }),
  revenue: z.number().int().openapi({ description: 'Kopecks received on deals attributed to the campaign' }),
}).openapi('Campaign');

export const listCampaignsQuery = pageQuery.extend({
  status: z.enum(CAMPAIGN_STATUSES).optional(), ownerId: z.uuid().optional(), from: day.optional(), to: day.optional(),
});

export const cancelSchema = z.object({ reason: text(1000).optional() }).strict().openapi('CampaignCancel');

export const recipientSchema = z.object({
  clientId: z.uuid(), clientName: z.string(), ownerName: z.string(), region: z.string().nullable(), tags: z.array(z.string()),
  delivery: z.object({ status: z.string(), reason: z.string().nullable(), sentAt: iso.nullable(), openedAt: iso.nullable(), clickedAt: iso.nullable() }).nullable(),
  response: z.object({ kind: z.enum(RESPONSE_KINDS), at: iso }).nullable(),
  deal: z.object({ id: z.uuid(), title: z.string(), status: z.string(), amount: z.number().int() }).nullable(),
}).openapi('CampaignRecipient');

export const newResponseSchema = z.object({ clientId: z.uuid(), kind: z.enum(RESPONSE_KINDS), note: text(2000).optional() }).strict().openapi('NewCampaignResponse');

export const responseSchema = z.object({
  id: z.uuid(), clientId: z.uuid(), clientName: z.string(), kind: z.enum(RESPONSE_KINDS), at: iso, note: z.string().nullable(), recordedBy: z.string().nullable(),
}).openapi('CampaignResponse');

const figureShape = {
  recipients: z.number().int(), delivered: z.number().int(), opened: z.number().int(), clicked: z.number().int(), responses: z.number().int(),
  dealsOpened: z.number().int(), dealsWon: z.number().int(), revenue: z.number().int(), cost: z.number().int(),
  costPerResponse: z.number().int().nullable(), costPerWonDeal: z.number().int().nullable(),
};
const groupRow = z.object({ key: z.string().nullable(), ...figureShape });

export const effectivenessSchema = z.object({ campaignId: z.uuid(), ...figureShape, byRegion: z.array(groupRow) }).openapi('CampaignEffectiveness');

export const reportQuery = z.object({ from: day, to: day }).refine((q) => q.from <= q.to, { message: 'must not be after to', path: ['from'] });

export const reportSchema = z.object({
  from: z.string(), to: z.string(),
  campaigns: z.array(z.object({ id: z.uuid(), name: z.string(), channel: z.string(), segment: z.string().nullable(), sentAt: iso, ...figureShape })),
  byChannel: z.array(groupRow), bySegment: z.array(groupRow), byRegion: z.array(groupRow),
}).openapi('MarketingCampaignsReport');
