// The parts of starting a case that make a retried start safe (Idempotency-Key): the case row is
// inserted unless it already exists, and a workflow that an earlier attempt already started
// counts as started.
import type { EntityManager, RequiredEntityData } from '@mikro-orm/postgresql';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { Process } from '../../domain/entities/index.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/identity/roles.ts';

type ProcessRow = InstanceType<typeof Process.class>;

/** Inserts the case row, or finds the one an earlier attempt with the same id wrote. */
export async function insertProcessOnce(em: EntityManager, actor: Actor, data: RequiredEntityData<ProcessRow> & { id: string }): Promise<ProcessRow> {
  await em.createQueryBuilder(Process).insert(data).onConflict('id').ignore().execute();
  const row = await em.findOneOrFail(Process, data.id);
  // A derived id never collides across actors; this guards against a forged or reused one.
  if (row.startedBy.id !== actor.employeeId) throw new DomainError('conflict', 'A different case already uses this id');
  return row;
}

/** With an Idempotency-Key, "already started" means an earlier attempt of this request started it. */
export function alreadyStarted(err: unknown, idempotencyKey: string | undefined): boolean {
  return idempotencyKey !== undefined && err instanceof WorkflowExecutionAlreadyStartedError;
}
