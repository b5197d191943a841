// What the routes API shows of a route and its versions.
import type { EntityManager } from '@mikro-orm/postgresql';
import { Route, RouteVersion } from '../../domain/entities/index.ts';
import { isoTimestamp } from '../timestamps.ts';

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

/** Every route by name, with who published its latest version and when, and who saved the draft: two statements whatever the count. */
export async function routeList(em: EntityManager) {
  const [rows, latest] = await Promise.all([
    em.find(Route, {}, { orderBy: { name: 'asc' } }),
    em.execute<{ route_id: string; published_at: Date | string; published_by_id: string }[]>(
      `select v.route_id, v.published_at, v.published_by_id
         from route r join route_version v on v.route_id = r.id and v.version = r.latest_version`,
    ),
  ]);
  const byRoute = new Map(latest.map((v) => [v.route_id, v]));
  return rows.map((r) => {
    const v = byRoute.get(r.id);
    return { ...routeSummary(r), draftUpdatedBy: r.draftUpdatedBy.id, latestPublishedAt: v ? isoTimestamp(v.published_at) : null, latestPublishedBy: v?.published_by_id ?? null };
  });
}

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
