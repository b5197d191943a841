// What the routes API shows of a route and its versions.
import type { EntityManager } from '@mikro-orm/postgresql';
import { RouteVersion, type Route } from '../../domain/entities/index.ts';

type RouteRow = InstanceType<typeof Route.class>;
type VersionRow = InstanceType<typeof RouteVersion.class>;

export const routeSummary = (r: RouteRow) => ({
  id: r.id,
  key: r.key,
  name: r.name,
  latestVersion: r.latestVersion,
  draftRevision: r.draftRevision,
  draftUpdatedAt: r.draftUpdatedAt.toISOString(),
});

export const versionView = (v: VersionRow, route: RouteRow) => ({
  id: v.id,
  routeId: route.id,
  key: route.key,
  version: v.version,
  publishedAt: v.publishedAt.toISOString(),
  publishedBy: v.publishedBy.id,
  definition: v.definition,
});

export async function routeDetail(em: EntityManager, route: RouteRow) {
  const versions = await em.find(RouteVersion, { route: route.id }, { orderBy: { version: 'desc' } });
  return {
    ...routeSummary(route),
    draft: route.draft,
    draftUpdatedBy: route.draftUpdatedBy.id,
    versions: versions.map((v) => ({ id: v.id, version: v.version, publishedAt: v.publishedAt.toISOString(), publishedBy: v.publishedBy.id })),
  };
}
