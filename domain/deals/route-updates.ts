// How a route changes its deal (`update-record` on a route whose subject is "deal"): the stage
// by its code (an unknown code is refused, which fails the case with the reason), the amount in
// kopecks, the probability, the planned close date, and closing it won or lost with the reason -
// a lost deal records the stage it failed at, as a person's close does. Every stage move and close
// writes the stage history "by the route, case N" (the history row names the case, not a person),
// and every change is audited as done by the case. Applying the same values twice changes nothing
// the second time: only fields that differ from the deal are written.
import { AuditEntry, Deal, DealStage, DealStageChange } from '../entities/index.ts';
import { DomainError, notFound } from '../errors.ts';
import type { RouteUpdatable } from '../records/route-updates.ts';
import { linesTotal } from './deal-fields.ts';
import { LOSS_REASONS, type LossReason } from './entities.ts';
import { DEAL_ROUTE_FIELDS } from './route-fields.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const refuse = (field: string, message: string): DomainError => new DomainError('unprocessable', `The route cannot set the deal's ${field}: ${message}`, [{ path: field, message }]);

function text(values: Record<string, unknown>, field: string): string | undefined {
  const v = values[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || !v.trim()) throw refuse(field, `expected text, got ${JSON.stringify(v)}`);
  return v.trim();
}

function whole(values: Record<string, unknown>, field: string, min: number, max: number): number | undefined {
  const v = values[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw refuse(field, `expected a whole number from ${min} to ${max}, got ${JSON.stringify(v)}`);
  return v;
}

export const dealRouteUpdates: RouteUpdatable = {
  type: 'deal',
  fields: DEAL_ROUTE_FIELDS.fields,
  async apply(em, id, values, caseId) {
    for (const field of Object.keys(values)) if (!Object.hasOwn(DEAL_ROUTE_FIELDS.fields, field)) throw refuse(field, 'a route may not set it');
    const stageCode = text(values, 'stage');
    const amount = whole(values, 'amount', 0, 1e15);
    const probability = whole(values, 'probability', 0, 100);
    const plannedClose = text(values, 'planned_close');
    if (plannedClose !== undefined && (!ISO_DATE.test(plannedClose) || Number.isNaN(Date.parse(plannedClose)))) throw refuse('planned_close', `expected a date YYYY-MM-DD, got "${plannedClose}"`);
    const status = text(values, 'status');
    if (status !== undefined && status !== 'won' && status !== 'lost') throw refuse('status', `expected "won" or "lost", got "${status}"`);
    const lostReason = text(values, 'lost_reason');

    const deal = await em.findOne(Deal, id, { populate: ['stage'] });
    if (!deal) throw notFound('Deal', id);
    const stage = stageCode === undefined ? undefined : await em.findOne(DealStage, { code: stageCode });
    if (stageCode !== undefined && !stage) throw refuse('stage', `no pipeline stage has the code "${stageCode}"`);

    const now = new Date();
    const changed: Record<string, unknown> = {};
    const moves = stage !== undefined && stage !== null && stage.id !== deal.stage.id;
    const closes = status !== undefined && status !== deal.status;
    if (deal.status !== 'open' && (moves || closes || (amount !== undefined && amount !== deal.amount))) {
      throw new DomainError('conflict', `Deal ${id} is closed already (${deal.status}); the route cannot change it`, [{ path: status !== undefined ? 'status' : 'stage', message: 'the deal is closed' }]);
    }
    if (moves) {
      em.create(DealStageChange, { id: crypto.randomUUID(), deal, kind: 'moved', fromStage: deal.stage.id, toStage: stage, by: null, process: caseId, at: now });
      em.assign(deal, { stage, stageEnteredAt: now, probability: probability ?? stage.probability });
      changed.stage = stage.code;
    }
    if (amount !== undefined && amount !== deal.amount) {
      // With product lines the amount is their sum; a different one would make them disagree.
      if (deal.lines.length && linesTotal(deal.lines) !== amount) throw refuse('amount', `the deal's product lines add up to ${linesTotal(deal.lines)} kopecks; change the lines instead`);
      deal.amount = amount;
      changed.amount = amount;
    }
    if (probability !== undefined && probability !== deal.probability && !closes) {
      deal.probability = probability;
      changed.probability = probability;
    }
    if (plannedClose !== undefined && plannedClose !== deal.plannedCloseDate) {
      deal.plannedCloseDate = plannedClose;
      changed.planned_close = plannedClose;
    }
    if (lostReason !== undefined && lostReason !== deal.closeComment && (status === 'lost' || deal.status === 'lost')) {
      deal.closeComment = lostReason.slice(0, 2000);
      changed.lost_reason = lostReason;
    }
    if (closes) {
      const reason: LossReason = (LOSS_REASONS as readonly string[]).includes(lostReason ?? '') ? (lostReason as LossReason) : 'other';
      em.assign(deal, {
        status,
        probability: status === 'won' ? 100 : 0,
        lossReason: status === 'lost' ? reason : null,
        lostAtStage: status === 'lost' ? deal.stage.id : null,
        closedAt: now,
        closedBy: null,
      });
      em.create(DealStageChange, { id: crypto.randomUUID(), deal, kind: status, fromStage: deal.stage.id, toStage: deal.stage.id, by: null, process: caseId, at: now });
      changed.status = status;
    }
    if (Object.keys(changed).length === 0) return;
    deal.updatedAt = now;
    await em.flush();
    await em.insert(AuditEntry, {
      id: crypto.randomUUID(), at: now, actor: null, actorKind: 'case', actorLabel: `case ${caseId}`, action: 'deal.route-update',
      targetType: 'deal', targetId: id, details: { caseId, ...changed }, ip: null, userAgent: null, status: 200,
    });
  },
};
