// One published version of a route; by default its latest.
import type { EntityManager } from '@mikro-orm/postgresql';
import { RouteVersion } from '../entities/index.ts';
import { DomainError } from '../errors.ts';
import { findRoute } from './find-route.ts';

export async function getVersion(em: EntityManager, routeId: string, version?: number) {
  const route = await findRoute(em, routeId);
  const wanted = version ?? route.latestVersion;
  const row = wanted > 0 ? await em.findOne(RouteVersion, { route: route.id, version: wanted }) : null;
  if (!row) throw new DomainError('not_found', version ? `Route ${route.key} has no version ${version}` : `Route ${route.key} has never been published`);
  return { route, row };
}
