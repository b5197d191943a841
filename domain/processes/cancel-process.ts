// Cancelling a case: its starter, or whoever supervises it (case-access.ts: admins, the
// management role, the managers of its people) may; the workflow's cancel update then withdraws
// its open steps and ends it (and its sub-processes follow).
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '../errors.ts';
import { updateIdFor } from '../idempotency/derive-ids.ts';
import type { Actor } from '../identity/roles.ts';
import { supervisesCase } from './case-access.ts';
import { actingAs, type CaseEngine } from './case-engine.ts';
import { findProcess } from './find-process.ts';
import type { ProcessResult } from './process-input.ts';

export interface CancelProcessDeps {
  em: EntityManager;
  engine: Pick<CaseEngine, 'cancel'>;
}

export interface CancelProcessOptions {
  processId: string;
  reason: string;
  /** With a key, a retried cancel sends the same update id and changes nothing more. */
  idempotencyKey?: string | undefined;
}

export async function cancelProcess(deps: CancelProcessDeps, actor: Actor, opts: CancelProcessOptions): Promise<ProcessResult> {
  const p = await findProcess(deps.em, opts.processId);
  if (p.startedBy.id !== actor.employeeId && !(await supervisesCase(deps.em, actor, opts.processId))) {
    throw new DomainError('forbidden', 'Only the person who started this case, a manager of its people, management or an admin may cancel it');
  }
  if (p.status !== 'running') throw new DomainError('conflict', `This case is already ${p.status}`);
  const updateId = updateIdFor(actor.employeeId, opts.idempotencyKey, `process.cancel:${opts.processId}`);
  return deps.engine.cancel(p.workflowId, { reason: opts.reason, actor: actingAs(actor) }, { updateId });
}
