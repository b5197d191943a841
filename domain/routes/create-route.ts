// Creating a route: a unique key and a first draft, kept exactly as typed (valid or not).
import type { EntityManager } from '@mikro-orm/postgresql';
import { Route } from '../entities/index.ts';
import { DomainError } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import { draftName } from './draft-name.ts';
import type { RouteRow } from './find-route.ts';

export interface CreateRouteOptions {
  key: string;
  draft: Record<string, unknown>;
}

export async function createRoute(em: EntityManager, actor: Actor, opts: CreateRouteOptions): Promise<RouteRow> {
  const { key, draft } = opts;
  if (await em.count(Route, { key })) {
    throw new DomainError('conflict', `A route with the key "${key}" already exists`, [{ path: 'key', message: 'is taken' }]);
  }
  const route = em.create(Route, {
    id: crypto.randomUUID(),
    key,
    name: draftName(draft, key),
    draft,
    draftRevision: 1,
    draftUpdatedAt: new Date(),
    draftUpdatedBy: actor.employeeId,
    latestVersion: 0,
  });
  await em.flush();
  return route;
}
