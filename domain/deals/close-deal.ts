// Closing a deal: won (probability 100), or lost with a reason from the list, an optional comment,
// and the stage it failed at - recorded here from the deal's stage, never typed by a person, so
// the refusal analysis ("price caused 3% of refusals, at the decision stage") can trust it.
import type { EntityManager } from '@mikro-orm/postgresql';
import { StaleVersion, flushVersioned } from '../clients/stale-version.ts';
import { Deal, DealStageChange, Process } from '../entities/index.ts';
import { DomainError } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import { checkDealWrite } from './deal-access.ts';
import type { LossReason } from './entities.ts';

export interface CloseDealOptions {
  outcome: 'won' | 'lost';
  reason?: LossReason | undefined;
  comment?: string | null | undefined;
  /** When given, a stale version is refused like any other change. */
  version?: number | undefined;
}

/** Closes the deal; answers the workflow of its case when that still runs and must be stopped. */
export async function closeDeal(em: EntityManager, actor: Actor, dealId: string, opts: CloseDealOptions): Promise<string | null> {
  if (opts.outcome === 'lost' && opts.reason === undefined) throw new DomainError('invalid_input', 'A lost deal needs its reason', [{ path: 'reason', message: 'is required when the outcome is lost' }]);
  if (opts.outcome === 'won' && opts.reason !== undefined) throw new DomainError('invalid_input', 'A won deal has no loss reason', [{ path: 'reason', message: 'only for a lost deal' }]);
  await checkDealWrite(em, actor, dealId);
  const deal = await em.findOneOrFail(Deal, dealId);
  if (opts.version !== undefined && deal.version !== opts.version) throw new StaleVersion('Deal', dealId, opts.version, deal.version);
  if (deal.status !== 'open') throw new DomainError('conflict', `Deal ${dealId} is closed already (${deal.status})`);
  // A deal whose route runs is won by its route (signing hands it over to installation), so it
  // is not won by hand; losing it by hand stops the route (the caller cancels the case).
  const running = deal.process ? await em.findOne(Process, { id: deal.process.id, status: 'running' }, { fields: ['workflowId'] }) : null;
  if (running && opts.outcome === 'won') throw new DomainError('conflict', 'The deal\'s route wins it when the contract is signed: complete the open step of its case instead', [{ path: 'outcome', message: 'won by the deal\'s route' }]);
  const now = new Date();
  em.assign(deal, {
    status: opts.outcome,
    probability: opts.outcome === 'won' ? 100 : 0,
    lossReason: opts.outcome === 'lost' ? (opts.reason ?? null) : null,
    closeComment: opts.comment ?? null,
    lostAtStage: opts.outcome === 'lost' ? deal.stage.id : null,
    closedAt: now,
    closedBy: actor.employeeId,
    updatedBy: actor.employeeId,
    updatedAt: now,
  });
  em.create(DealStageChange, { id: crypto.randomUUID(), deal, kind: opts.outcome, fromStage: deal.stage.id, toStage: deal.stage.id, by: actor.employeeId, at: now });
  await flushVersioned(() => em.flush(), 'Deal', dealId, opts.version ?? deal.version);
  return running?.workflowId ?? null;
}
