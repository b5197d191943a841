// What a person enters on a deal, and the rule zod cannot see: with product lines, the amount is
// their sum (quantity x price, kopecks), so the board's sums and the lines never disagree.
import type { EntityManager } from '@mikro-orm/postgresql';
import { DealStage } from '../entities/index.ts';
import { DomainError } from '../errors.ts';
import type { ProductLine } from './entities.ts';

export const linesTotal = (lines: readonly ProductLine[]): number => lines.reduce((s, l) => s + l.quantity * l.price, 0);

/** The deal's amount: the lines' sum when there are lines (a different amount sent is refused), else the amount sent. */
export function resolveAmount(lines: readonly ProductLine[], amount: number | undefined, fallback: number): number {
  if (!lines.length) return amount ?? fallback;
  const total = linesTotal(lines);
  if (amount !== undefined && amount !== total) {
    throw new DomainError('invalid_input', `The amount ${amount} is not the sum of the product lines (${total} kopecks)`, [{ path: 'amount', message: `must equal the sum of the lines, ${total}` }]);
  }
  if (!Number.isSafeInteger(total)) throw new DomainError('invalid_input', 'The product lines add up to more than can be stored', [{ path: 'lines', message: 'the sum is too large' }]);
  return total;
}

/** The stage by id, or unprocessable naming the field. */
export async function stageById(em: EntityManager, stageId: string, path: string) {
  const stage = await em.findOne(DealStage, stageId);
  if (!stage) throw new DomainError('unprocessable', `Pipeline stage ${stageId} does not exist`, [{ path, message: 'no such stage' }]);
  return stage;
}

/** The first stage of the pipeline, where a new deal starts unless told otherwise. */
export async function firstStage(em: EntityManager) {
  const [stage] = await em.find(DealStage, {}, { orderBy: { position: 'asc', code: 'asc' }, limit: 1 });
  if (!stage) throw new DomainError('unprocessable', 'The pipeline has no stages; an admin must add one first', [{ path: 'stageId', message: 'no stages configured' }]);
  return stage;
}
