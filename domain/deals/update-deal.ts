// A change to an open deal, made on the version the person saw (a stale one changes nothing:
// StaleVersion, answered with the current deal). Moving the stage records who moved it and when,
// and - unless the same change sets it - takes the new stage's default probability. Until the
// deal route lands, this PATCH is how the stage moves. A closed deal is not changed (409).
import type { EntityManager } from '@mikro-orm/postgresql';
import { checkActiveEmployee, mayAssignTo } from '../clients/client-access.ts';
import { StaleVersion, flushVersioned } from '../clients/stale-version.ts';
import { Deal, DealStageChange, Process } from '../entities/index.ts';
import { DomainError } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import { checkDealWrite } from './deal-access.ts';
import { resolveAmount, stageById } from './deal-fields.ts';
import type { ProductLine } from './entities.ts';

export interface UpdateDealOptions {
  version: number;
  title?: string | undefined;
  amount?: number | undefined;
  lines?: ProductLine[] | undefined;
  plannedCloseDate?: string | null | undefined;
  probability?: number | undefined;
  stageId?: string | undefined;
  ownerId?: string | undefined;
  notes?: string | null | undefined;
}

export async function updateDeal(em: EntityManager, actor: Actor, dealId: string, opts: UpdateDealOptions): Promise<void> {
  const rights = await checkDealWrite(em, actor, dealId);
  const deal = await em.findOneOrFail(Deal, dealId);
  if (deal.version !== opts.version) throw new StaleVersion('Deal', dealId, opts.version, deal.version);
  if (deal.status !== 'open') throw new DomainError('conflict', `Deal ${dealId} is closed (${deal.status}); a closed deal is not changed`);

  if (opts.ownerId !== undefined && opts.ownerId !== rights.ownerId && opts.ownerId !== actor.employeeId) {
    await checkActiveEmployee(em, opts.ownerId, 'ownerId');
    if (!(await mayAssignTo(em, actor, opts.ownerId))) throw new DomainError('forbidden', 'You may give a deal only to yourself or to your own reports', [{ path: 'ownerId', message: 'not one of your reports' }]);
  }
  const lines = opts.lines ?? deal.lines;
  const amount = opts.lines === undefined && opts.amount === undefined ? deal.amount : resolveAmount(lines, opts.amount, deal.amount);
  const now = new Date();
  const { version: _version, stageId, ownerId, ...fields } = opts;
  const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  em.assign(deal, { ...defined, lines, amount, ...(ownerId !== undefined ? { owner: ownerId } : {}), updatedBy: actor.employeeId, updatedAt: now });
  if (stageId !== undefined && stageId !== deal.stage.id) {
    // A deal whose route runs is moved by its route: completing the route's step moves it.
    const running = deal.process ? await em.count(Process, { id: deal.process.id, status: 'running' }) : 0;
    if (running) throw new DomainError('conflict', 'The deal\'s route moves its stage: complete the open step of its case instead', [{ path: 'stageId', message: 'moved by the deal\'s route' }]);
    const stage = await stageById(em, stageId, 'stageId');
    em.create(DealStageChange, { id: crypto.randomUUID(), deal, kind: 'moved', fromStage: deal.stage.id, toStage: stage, by: actor.employeeId, at: now });
    em.assign(deal, { stage, stageEnteredAt: now, probability: opts.probability ?? stage.probability });
  }
  await flushVersioned(() => em.flush(), 'Deal', dealId, opts.version);
}
