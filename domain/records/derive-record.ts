// A sub-process may be about another kind of record than its parent case: the deal's route hands
// over to the installation hand-off, which is about an installation order. The child route says
// what it is about (`subject`); when the parent's record is of another kind, the record is made
// from the parent's one by the maker registered here (once: makers find what they made before),
// audited as done by the child case. Without a maker the hand-over cannot happen, and the parent
// case ends with the reason.
import type { EntityManager } from '@mikro-orm/postgresql';
import { AuditEntry } from '../entities/index.ts';
import { DomainError } from '../errors.ts';
import type { CaseRecord } from '../processes/case-state.ts';
import { installationOrderForDeal } from '../service/order-from-deal.ts';

/** Makes the record, or finds the one made before (then `made` is false). */
type Maker = (em: EntityManager, fromId: string, variables: Record<string, unknown>, caseId: string) => Promise<{ id: string; made: boolean }>;

/** to -> from -> maker. */
const MAKERS: Readonly<Record<string, Readonly<Record<string, Maker>>>> = {
  installation: { deal: installationOrderForDeal },
};

/** The kinds of record a record of kind `to` can be made from, for the route validator and the docs. */
export const madeFrom = (to: string): string[] => Object.keys(MAKERS[to] ?? {});

/** The record a sub-process case is about. */
export async function recordForChild(em: EntityManager, childSubject: string | undefined, parent: CaseRecord | undefined, variables: Record<string, unknown>, childCaseId: string): Promise<CaseRecord | undefined> {
  if (childSubject === undefined || parent?.type === childSubject) return parent;
  const make = parent ? MAKERS[childSubject]?.[parent.type] : undefined;
  if (!parent || !make) {
    const from = madeFrom(childSubject);
    throw new DomainError('unprocessable', `The sub-process is about a ${childSubject}, and ${parent ? `a ${childSubject} cannot be made from a ${parent.type}` : 'this case is about no record to make one from'}${from.length ? ` (it can be made from: ${from.join(', ')})` : ''}`, [{ path: 'subject', message: 'no record for the sub-process' }]);
  }
  const { id, made } = await make(em, parent.id, variables, childCaseId);
  if (made) await em.insert(AuditEntry, {
    id: crypto.randomUUID(), at: new Date(), actor: childCaseId, actorKind: 'case', actorLabel: `case ${childCaseId}`, action: `${childSubject}.create`,
    targetType: childSubject, targetId: id, details: { caseId: childCaseId, from: parent }, ip: null, userAgent: null, status: 201,
  });
  return { type: childSubject, id };
}
