// Loads what the use cases that act on a running case check: who started it, its status and
// workflow. Never the route's draft.
import type { EntityManager } from '@mikro-orm/postgresql';
import { Process } from '../entities/index.ts';
import { notFound } from '../errors.ts';

export async function findProcess(em: EntityManager, id: string) {
  const p = await em.findOne(Process, id, { fields: ['startedBy', 'status', 'workflowId'] });
  if (!p) throw notFound('Process', id);
  return p;
}
