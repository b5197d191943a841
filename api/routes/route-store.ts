// Route use cases against the database: create, save a draft, publish a version, and the views
// the API returns. A published version is written once and never updated.
import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { Route, RouteVersion } from '../../domain/entities/index.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import { diffRoutes } from '../../domain/routes/diff-versions.ts';
import { validateRoute } from '../../domain/routes/validate-route.ts';
import { companyCalendar } from '../settings/calendar-settings.ts';
import { loadRouteDirectory } from './route-directory.ts';

type RouteRow = InstanceType<typeof Route.class>;
type VersionRow = InstanceType<typeof RouteVersion.class>;

const draftName = (draft: Record<string, unknown>, fallback: string): string =>
  typeof draft.name === 'string' && draft.name.trim() ? draft.name.trim().slice(0, 200) : fallback;

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

export async function getRoute(em: EntityManager, id: string): Promise<RouteRow> {
  const route = await em.findOne(Route, id);
  if (!route) throw notFound('Route', id);
  return route;
}

export async function routeDetail(em: EntityManager, route: RouteRow) {
  const versions = await em.find(RouteVersion, { route: route.id }, { orderBy: { version: 'desc' } });
  return {
    ...routeSummary(route),
    draft: route.draft,
    draftUpdatedBy: route.draftUpdatedBy.id,
    versions: versions.map((v) => ({ id: v.id, version: v.version, publishedAt: v.publishedAt.toISOString(), publishedBy: v.publishedBy.id })),
  };
}

export async function createRoute(em: EntityManager, actor: Actor, key: string, draft: Record<string, unknown>): Promise<RouteRow> {
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

export async function saveDraft(em: EntityManager, actor: Actor, id: string, draft: Record<string, unknown>, revision: number): Promise<RouteRow> {
  return em.transactional(async (tx) => {
    const route = await tx.findOne(Route, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!route) throw notFound('Route', id);
    if (route.draftRevision !== revision) {
      throw new DomainError('conflict', `The draft was saved by someone else since revision ${revision} (now ${route.draftRevision}); reload it and apply your changes again`, [
        { path: 'revision', message: `is ${revision}, the saved draft is at ${route.draftRevision}` },
      ]);
    }
    Object.assign(route, { draft, name: draftName(draft, route.key), draftRevision: revision + 1, draftUpdatedAt: new Date(), draftUpdatedBy: actor.employeeId });
    return route;
  });
}

export async function checkDraft(em: EntityManager, draft: unknown, ownKey: string) {
  const result = validateRoute(draft, await loadRouteDirectory(em, ownKey));
  return result.ok ? { valid: true, problems: [] } : { valid: false, problems: result.problems };
}

export async function publishRoute(em: EntityManager, actor: Actor, id: string, revision: number) {
  return em.transactional(async (tx) => {
    const route = await tx.findOne(Route, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!route) throw notFound('Route', id);
    if (route.draftRevision !== revision) {
      throw new DomainError('conflict', `The draft changed since revision ${revision} (now ${route.draftRevision}); check it again before publishing`, [
        { path: 'revision', message: `is ${revision}, the saved draft is at ${route.draftRevision}` },
      ]);
    }
    // Publications take turns, so two routes published at the same moment cannot each close half
    // of a sub-process cycle unseen by the other: the second one reads the first one's version.
    await tx.execute('select pg_advisory_xact_lock(hashtext(?))', ['route-publish']);
    const result = validateRoute(route.draft, await loadRouteDirectory(tx, route.key));
    if (!result.ok) throw new DomainError('unprocessable', `The route has ${result.problems.length} problem(s); it was not published`, result.problems);
    route.latestVersion += 1;
    const version = tx.create(RouteVersion, {
      id: crypto.randomUUID(),
      route: route.id,
      version: route.latestVersion,
      definition: await withCalendar(tx, result.definition, new Date()),
      publishedAt: new Date(),
      publishedBy: actor.employeeId,
    });
    await tx.flush();
    return versionView(version, route);
  });
}

/**
 * A graph route's published version carries its working calendar, so the deadlines a running
 * case computes never change under it. Without one in the draft, it is the company's calendar
 * (the Russian production calendar with the company's settings) for the years around publication.
 */
async function withCalendar<T extends { language?: string; calendar?: unknown }>(em: EntityManager, definition: T, now: Date): Promise<T> {
  if (definition.language !== 'route/v1' || definition.calendar) return definition;
  return { ...definition, calendar: await companyCalendar(em, now) };
}

export async function getVersion(em: EntityManager, routeId: string, version?: number) {
  const route = await getRoute(em, routeId);
  const wanted = version ?? route.latestVersion;
  const row = wanted > 0 ? await em.findOne(RouteVersion, { route: route.id, version: wanted }) : null;
  if (!row) throw new DomainError('not_found', version ? `Route ${route.key} has no version ${version}` : `Route ${route.key} has never been published`);
  return { route, row };
}

/** Differences between two published versions; by default the latest and the one before it. */
export async function diffVersions(em: EntityManager, routeId: string, from?: number, to?: number) {
  const route = await getRoute(em, routeId);
  const toVersion = to ?? route.latestVersion;
  const fromVersion = from ?? toVersion - 1;
  if (fromVersion < 1) throw new DomainError('not_found', `Route ${route.key} has no version before ${toVersion} to compare with`);
  const [a, b] = await Promise.all([getVersion(em, routeId, fromVersion), getVersion(em, routeId, toVersion)]);
  return { from: fromVersion, to: toVersion, changes: diffRoutes(a.row.definition, b.row.definition) };
}
