// What changed between two published versions of a route (by default the latest and the one
// before it), for the designer's history view.
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '../errors.ts';
import { diffRoutes } from './diff-versions.ts';
import { findRoute } from './find-route.ts';
import { getVersion } from './get-version.ts';

/** Differences between two published versions; by default the latest and the one before it. */
export async function diffRouteVersions(em: EntityManager, routeId: string, from?: number, to?: number) {
  const route = await findRoute(em, routeId);
  const toVersion = to ?? route.latestVersion;
  const fromVersion = from ?? toVersion - 1;
  if (fromVersion < 1) throw new DomainError('not_found', `Route ${route.key} has no version before ${toVersion} to compare with`);
  const [a, b] = await Promise.all([getVersion(em, routeId, fromVersion), getVersion(em, routeId, toVersion)]);
  return { from: fromVersion, to: toVersion, changes: diffRoutes(a.row.definition, b.row.definition) };
}
