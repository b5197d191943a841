// Campaigns: the list and one campaign, creating one from a template (its messages copied into
// the campaign's own mail templates), changing it, starting its case (once), cancelling it, its
// recipients with what happened to each, responses (recorded by a person, then told to the
// client's per-client case), and its effectiveness. Campaign templates are listed here too.
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { DomainError } from '../../domain/errors.ts';
import { deriveId } from '../../domain/idempotency/derive-ids.ts';
import { checkCampaignEditable, checkMayRecordResponse } from '../../domain/marketing/campaign-access.ts';
import { campaignRecipients, campaignResponses } from '../../domain/marketing/campaign-lists.ts';
import { campaignDetail, listCampaigns } from '../../domain/marketing/campaign-view.ts';
import { createCampaign } from '../../domain/marketing/create-campaign.ts';
import { oneCampaignEffectiveness } from '../../domain/marketing/effectiveness-report.ts';
import { checkMarketingReader } from '../../domain/marketing/marketing-access.ts';
import { recordResponse } from '../../domain/marketing/record-response.ts';
import { updateCampaign } from '../../domain/marketing/update-campaign.ts';
import { CampaignTemplate } from '../../domain/entities/index.ts';
import type { AppEnv } from '../context.ts';
import { idParamSchema } from '../directory/schemas.ts';
import { json, jsonBody } from '../openapi.ts';
import { problems, validationHook } from '../problem.ts';
import { cancelCampaign, startCampaign, tellClientCase } from './campaign-case.ts';
import {
  campaignPatchSchema, campaignSchema, cancelSchema, effectivenessSchema, listCampaignsQuery, newCampaignSchema, newResponseSchema, pageQuery, recipientSchema, responseSchema, templateSchema,
} from './schemas.ts';

const tags = ['Marketing'];

export const campaignTemplatesApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get', path: '/', tags, summary: 'Campaign templates: a route plus default content (channel, budget, follow-up days, messages)',
      responses: { 200: { description: 'Templates by name', ...json(z.object({ items: z.array(templateSchema) })) }, ...problems(401, 403) },
    }),
    async (c) => {
      checkMarketingReader(c.var.actor);
      const rows = await c.var.em.find(CampaignTemplate, {}, { orderBy: { name: 'asc' } });
      return c.json({ items: rows.map((t) => ({ id: t.id, key: t.key, name: t.name, description: t.description ?? null, routeKey: t.routeKey, channel: t.channel, budget: t.budget, followUpDays: t.followUpDays, mainMessage: t.mainMessage, reminderMessage: t.reminderMessage ?? null })) }, 200);
    },
  );

export const campaignsApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get', path: '/', tags, summary: 'Campaigns, newest first, with recipients, responses and attributed revenue; filtered by status, owner, period',
      request: { query: listCampaignsQuery },
      responses: { 200: { description: 'A page of campaigns', ...json(z.object({ items: z.array(campaignSchema), total: z.number().int() })) }, ...problems(400, 401, 403) },
    }),
    async (c) => {
      const { limit, offset, ...filter } = c.req.valid('query');
      return c.json(await listCampaigns(c.var.em, c.var.actor, filter, { limit, offset }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/', tags, summary: 'Create a campaign from a template: its content is copied (and may be changed here)',
      request: { ...jsonBody(newCampaignSchema) },
      responses: { 201: { description: 'Created, planned', ...json(campaignSchema) }, ...problems(400, 401, 403, 422) },
    }),
    async (c) => {
      const { em, actor, idempotencyKey } = c.var;
      const id = await createCampaign(em, actor, { ...c.req.valid('json'), id: idempotencyKey === undefined ? undefined : deriveId(actor.employeeId, idempotencyKey, 'campaign.create') });
      return c.json(await campaignDetail(em.fork(), actor, id), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/{id}', tags, summary: 'A campaign (marketing and heads; others only with steps in it)',
      request: { params: idParamSchema },
      responses: { 200: { description: 'The campaign', ...json(campaignSchema) }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => c.json(await campaignDetail(c.var.em, c.var.actor, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'put', path: '/{id}', tags, summary: 'Change a campaign on the version read; the segment only while planned',
      request: { params: idParamSchema, ...jsonBody(campaignPatchSchema) },
      responses: { 200: { description: 'Changed', ...json(campaignSchema) }, ...problems(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await updateCampaign(c.var.em, c.var.actor, id, c.req.valid('json'));
      return c.json(await campaignDetail(c.var.em.fork(), c.var.actor, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/{id}/start', tags, summary: 'Start the campaign\'s case (its route); starting a running one changes nothing',
      request: { params: idParamSchema },
      responses: { 200: { description: 'Running', ...json(campaignSchema) }, ...problems(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await checkCampaignEditable(c.var.em, c.var.actor, id);
      await startCampaign(c.var.em, c.var.deps, c.var.actor, id, c.var.idempotencyKey);
      return c.json(await campaignDetail(c.var.em.fork(), c.var.actor, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/{id}/cancel', tags, summary: 'Cancel the campaign and its case (the per-client cases follow)',
      request: { params: idParamSchema, ...jsonBody(cancelSchema) },
      responses: { 200: { description: 'Cancelled', ...json(campaignSchema) }, ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await checkCampaignEditable(c.var.em, c.var.actor, id);
      await cancelCampaign(c.var.em, c.var.deps, c.var.actor, id, c.req.valid('json').reason ?? 'Кампания отменена');
      return c.json(await campaignDetail(c.var.em.fork(), c.var.actor, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/{id}/recipients', tags, summary: 'The recipients frozen at the send, each with its delivery, last response and first attributed deal',
      request: { params: idParamSchema, query: pageQuery },
      responses: { 200: { description: 'A page of recipients', ...json(z.object({ items: z.array(recipientSchema), total: z.number().int() })) }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => c.json(await campaignRecipients(c.var.em, c.var.actor, c.req.valid('param').id, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/{id}/responses', tags, summary: 'Responses to the campaign, newest first',
      request: { params: idParamSchema, query: pageQuery },
      responses: { 200: { description: 'A page of responses', ...json(z.object({ items: z.array(responseSchema), total: z.number().int() })) }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => c.json(await campaignResponses(c.var.em, c.var.actor, c.req.valid('param').id, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/{id}/responses', tags, summary: 'Record a client\'s response (a reply, registration, call); the client\'s per-client case is told',
      request: { params: idParamSchema, ...jsonBody(newResponseSchema) },
      responses: {
        201: { description: 'Recorded; `toldCase` says whether a running per-client case was told', ...json(z.object({ id: z.uuid(), toldCase: z.boolean() })) },
        ...problems(400, 401, 403, 404, 422),
      },
    }),
    async (c) => {
      const { em, actor, deps, idempotencyKey } = c.var;
      const { id: campaignId } = c.req.valid('param');
      await checkMayRecordResponse(em, actor, campaignId);
      const b = c.req.valid('json');
      const { rows: [recipient] } = await sql<{ yes: boolean }>`select true as yes from campaign_recipient where campaign_id = ${campaignId}::uuid and client_id = ${b.clientId}::uuid`.execute(em.getKysely());
      if (!recipient) throw new DomainError('unprocessable', 'The client is not a recipient of this campaign', [{ path: 'clientId', message: 'not a recipient' }]);
      const id = idempotencyKey === undefined ? crypto.randomUUID() : deriveId(actor.employeeId, idempotencyKey, 'campaign.response');
      await recordResponse(em, { id, campaignId, clientId: b.clientId, kind: b.kind, at: new Date(), note: b.note ?? null, recordedBy: actor.employeeId });
      const toldCase = await tellClientCase(em, deps, actor, campaignId, b.clientId, b.kind, id);
      return c.json({ id, toldCase }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/{id}/effectiveness', tags, summary: 'The campaign\'s figures: recipients, delivered, opened, clicked, responses, attributed deals, won, revenue, cost per response and won deal',
      request: { params: idParamSchema },
      responses: { 200: { description: 'Figures, and the same per region', ...json(effectivenessSchema) }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => c.json(await oneCampaignEffectiveness(c.var.em, c.var.actor, c.req.valid('param').id), 200),
  );
