// Loads a route by id; an unknown id is not found.
import type { EntityManager } from '@mikro-orm/postgresql';
import { Route } from '../entities/index.ts';
import { notFound } from '../errors.ts';

export type RouteRow = InstanceType<typeof Route.class>;

export async function findRoute(em: EntityManager, id: string): Promise<RouteRow> {
  const route = await em.findOne(Route, id);
  if (!route) throw notFound('Route', id);
  return route;
}
