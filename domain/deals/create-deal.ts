// A person opens a deal with a client they may change: the owner defaults to the client's owner
// (another must be the client's owner, the person themselves or one of their reports), the stage
// to the pipeline's first, the probability to the stage's default. The history starts with it.
import type { EntityManager } from '@mikro-orm/postgresql';
import { checkActiveEmployee, checkClientWrite, mayAssignTo } from '../clients/client-access.ts';
import { Deal, DealStageChange } from '../entities/index.ts';
import { DomainError } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import { firstStage, resolveAmount, stageById } from './deal-fields.ts';
import type { ProductLine } from './entities.ts';

export interface CreateDealOptions {
  /** The new deal's id (derived from an Idempotency-Key); a fresh one when absent. */
  id?: string | undefined;
  clientId: string;
  title: string;
  amount?: number | undefined;
  lines: ProductLine[];
  plannedCloseDate: string | null;
  probability?: number | undefined;
  stageId?: string | undefined;
  ownerId?: string | undefined;
  notes: string | null;
}

export async function createDeal(em: EntityManager, actor: Actor, opts: CreateDealOptions): Promise<string> {
  if (opts.id && (await em.count(Deal, { id: opts.id }))) return opts.id; // a retried request that already created it
  const client = await checkClientWrite(em, actor, opts.clientId);
  const amount = resolveAmount(opts.lines, opts.amount, 0);
  const ownerId = opts.ownerId ?? client.ownerId;
  if (ownerId !== client.ownerId && ownerId !== actor.employeeId) {
    await checkActiveEmployee(em, ownerId, 'ownerId');
    if (!(await mayAssignTo(em, actor, ownerId))) throw new DomainError('forbidden', 'The deal\'s owner must be the client\'s owner, yourself or one of your reports', [{ path: 'ownerId', message: 'not one of your reports' }]);
  }
  const stage = opts.stageId === undefined ? await firstStage(em) : await stageById(em, opts.stageId, 'stageId');
  const now = new Date();
  const deal = em.create(Deal, {
    id: opts.id ?? crypto.randomUUID(),
    client: opts.clientId,
    title: opts.title,
    amount,
    lines: opts.lines,
    plannedCloseDate: opts.plannedCloseDate,
    probability: opts.probability ?? stage.probability,
    owner: ownerId,
    stage,
    stageEnteredAt: now,
    status: 'open',
    lossReason: null,
    closeComment: null,
    lostAtStage: null,
    closedAt: null,
    closedBy: null,
    process: null,
    notes: opts.notes,
    createdBy: actor.employeeId,
    createdAt: now,
    updatedBy: actor.employeeId,
    updatedAt: now,
  });
  em.create(DealStageChange, { id: crypto.randomUUID(), deal, kind: 'created', fromStage: null, toStage: stage, by: actor.employeeId, at: now });
  await em.flush();
  return deal.id;
}
