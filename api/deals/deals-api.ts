// Deals: the list and the board by stage (only deals of clients the person may see), opening a
// deal, the card with its stage history, changing it on the version read (409 with the current
// card when someone else changed it first; moving the stage is a change of `stageId` until the
// deal route drives it), and closing it as won or lost. Integration keys are refused.
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { StaleVersion } from '../../domain/clients/stale-version.ts';
import { closeDeal } from '../../domain/deals/close-deal.ts';
import { createDeal } from '../../domain/deals/create-deal.ts';
import { DEAL_STATUSES, LOSS_REASONS } from '../../domain/deals/entities.ts';
import { updateDeal } from '../../domain/deals/update-deal.ts';
import { DomainError } from '../../domain/errors.ts';
import { deriveId, updateIdFor } from '../../domain/idempotency/derive-ids.ts';
import { actingAs } from '../../domain/processes/case-engine.ts';
import type { AppEnv } from '../context.ts';
import { idParamSchema } from '../directory/schemas.ts';
import { json, jsonBody } from '../openapi.ts';
import { problemSchema, problems, validationHook } from '../problem.ts';
import { temporalEngine } from '../processes/temporal-engine.ts';
import { dealMoves, startDealRoute } from './deal-route.ts';
import { dealBoard, dealDetail, listDeals } from './deal-view.ts';
import { boardQuery, boardSchema, closeDealSchema, dealChoicesSchema, dealDetailSchema, dealListItemSchema, dealMovesSchema, dealPatchSchema, listDealsQuery, newDealSchema } from './schemas.ts';

const conflict = {
  409: {
    description: 'Stale version (`current` is the deal as it is now), or the deal is closed',
    content: { 'application/problem+json': { schema: problemSchema.extend({ current: z.unknown().optional() }) } },
  },
};

/** Re-throws a stale-version refusal with the deal as it is now, so nothing typed is lost. */
async function withCurrent<T>(run: () => Promise<T>, current: () => Promise<unknown>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof StaleVersion) throw new DomainError('conflict', err.message, err.problems, { extensions: { current: await current() } });
    throw err;
  }
}

export const dealsApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get', path: '/choices', tags: ['Deals'], summary: 'The fixed lists a deal form offers: statuses and loss reasons',
      responses: { 200: { description: 'Codes (the UI translates them)', ...json(dealChoicesSchema) }, ...problems(401, 403) },
    }),
    (c) => c.json({ statuses: [...DEAL_STATUSES], lossReasons: [...LOSS_REASONS] }, 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/board', tags: ['Deals'], summary: 'The board: every stage with its count, sum (kopecks) and first cards; open deals unless status says otherwise',
      request: { query: boardQuery },
      responses: { 200: { description: 'Columns in stage order', ...json(boardSchema) }, ...problems(400, 401, 403) },
    }),
    async (c) => {
      const { cards, ...filter } = c.req.valid('query');
      return c.json(await dealBoard(c.var.em, c.var.viewer, filter, cards), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/', tags: ['Deals'], summary: 'Deals you may see (those of clients you see), filtered, sorted, a page with the total',
      request: { query: listDealsQuery },
      responses: { 200: { description: 'A page of deals', ...json(z.object({ items: z.array(dealListItemSchema), total: z.number().int() })) }, ...problems(400, 401, 403) },
    }),
    async (c) => {
      const { sort, limit, offset, ...filter } = c.req.valid('query');
      return c.json(await listDeals(c.var.em, c.var.viewer, filter, { sort, limit, offset }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/', tags: ['Deals'], summary: 'Open a deal with a client you may change (404 for a client you may not see); starts the published Deal route for it unless startRoute is false',
      request: { ...jsonBody(newDealSchema) },
      responses: { 201: { description: 'Created', ...json(dealDetailSchema) }, ...problems(400, 401, 403, 404, 422) },
    }),
    async (c) => {
      const { em, actor, idempotencyKey } = c.var;
      const b = c.req.valid('json');
      const id = await createDeal(em, actor, {
        id: idempotencyKey === undefined ? undefined : deriveId(actor.employeeId, idempotencyKey, 'deal.create'),
        clientId: b.clientId, title: b.title, amount: b.amount, lines: b.lines ?? [], plannedCloseDate: b.plannedCloseDate ?? null,
        probability: b.probability, stageId: b.stageId, ownerId: b.ownerId, notes: b.notes ?? null,
      });
      if (b.startRoute !== false) await startDealRoute(em.fork(), c.var.deps, actor, id, idempotencyKey);
      return c.json(await dealDetail(em.fork(), actor, id), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/{id}', tags: ['Deals'], summary: 'A deal with its product lines and stage history (404 for a deal of a client you may not see)',
      request: { params: idParamSchema },
      responses: { 200: { description: 'The deal', ...json(dealDetailSchema) }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => c.json(await dealDetail(c.var.em, c.var.actor, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'get', path: '/{id}/moves', tags: ['Deals'], summary: 'Where the deal may be moved on the board: per open step of its case you may complete, the stage (or close) each outcome leads to',
      request: { params: idParamSchema },
      responses: { 200: { description: 'The moves', ...json(dealMovesSchema) }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => c.json(await dealMoves(c.var.em, c.var.actor, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'patch', path: '/{id}', tags: ['Deals'], summary: 'Change an open deal on the version you read: fields, lines, owner, stage (owner, the owner\'s managers, management, admins)',
      request: { params: idParamSchema, ...jsonBody(dealPatchSchema) },
      responses: { 200: { description: 'Changed', ...json(dealDetailSchema) }, ...problems(400, 401, 403, 404, 422), ...conflict },
    }),
    async (c) => {
      const { em, actor } = c.var;
      const { id } = c.req.valid('param');
      await withCurrent(() => updateDeal(em, actor, id, c.req.valid('json')), () => dealDetail(em.fork(), actor, id));
      return c.json(await dealDetail(em.fork(), actor, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/{id}/close', tags: ['Deals'], summary: 'Close a deal as won, or lost with a reason (the stage it failed at is recorded); a deal whose route runs is lost by hand (its case is cancelled) but won only by its route (409)',
      request: { params: idParamSchema, ...jsonBody(closeDealSchema) },
      responses: { 200: { description: 'Closed', ...json(dealDetailSchema) }, ...problems(400, 401, 403, 404), ...conflict },
    }),
    async (c) => {
      const { em, actor } = c.var;
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const workflowId = await withCurrent(() => closeDeal(em, actor, id, body), () => dealDetail(em.fork(), actor, id));
      // Lost by hand while its route ran: the route stops, its open steps leave the inboxes.
      if (workflowId) {
        const reason = `Сделка закрыта вручную как неуспешная${body.comment ? `: ${body.comment}` : ''}`.slice(0, 1000);
        await temporalEngine(c.var.deps.temporal, c.var.deps.taskQueue).cancel(workflowId, { reason, actor: actingAs(actor) }, { updateId: updateIdFor(actor.employeeId, c.var.idempotencyKey, `deal.close:${id}`) });
      }
      return c.json(await dealDetail(em.fork(), actor, id), 200);
    },
  );
