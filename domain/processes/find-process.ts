// Loads a case with its route version, for the use cases that act on a running case.
import type { EntityManager } from '@mikro-orm/postgresql';
import { Process } from '../entities/index.ts';
import { notFound } from '../errors.ts';

export type ProcessRow = InstanceType<typeof Process.class>;

export async function findProcess(em: EntityManager, id: string): Promise<ProcessRow> {
  const p = await em.findOne(Process, id, { populate: ['routeVersion', 'routeVersion.route'] });
  if (!p) throw notFound('Process', id);
  return p;
}
