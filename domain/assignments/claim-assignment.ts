// Taking an assignment from a role's queue: only members of the role may, and only while nobody
// has it.
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '../errors.ts';
import { updateIdFor } from '../idempotency/derive-ids.ts';
import type { Actor } from '../identity/roles.ts';
import { actingAs, type CaseEngine } from '../processes/case-engine.ts';
import { workflowIdFor } from '../processes/process-input.ts';
import { findOpenAssignment, readAssignmentFacts } from './find-open-assignment.ts';

export interface ClaimAssignmentDeps {
  em: EntityManager;
  engine: Pick<CaseEngine, 'claim'>;
}

export interface ClaimAssignmentOptions {
  assignmentId: string;
  idempotencyKey?: string | undefined;
}

export async function claimAssignment(deps: ClaimAssignmentDeps, actor: Actor, opts: ClaimAssignmentOptions): Promise<void> {
  const id = opts.assignmentId;
  const a = await findOpenAssignment(readAssignmentFacts(deps.em), id);
  if (!a.role) throw new DomainError('conflict', 'This assignment is for a named person, not a queue; there is nothing to claim');
  if (a.assigneeId) {
    throw a.assigneeId === actor.employeeId
      ? new DomainError('conflict', 'You have already claimed this assignment')
      : new DomainError('forbidden', 'Someone else has already claimed this assignment');
  }
  if (!actor.roles.includes(a.role)) throw new DomainError('forbidden', `Only members of the role ${a.role} may claim this assignment`);
  const updateId = updateIdFor(actor.employeeId, opts.idempotencyKey, `assignment.claim:${id}`);
  await deps.engine.claim(workflowIdFor(a.process.id), { assignmentId: id, actor: actingAs(actor) }, { updateId });
}
