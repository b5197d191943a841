// Publishing a route's draft: checked once more under a lock, then written as an immutable
// version that carries its working calendar. Answers with the route and the new version.
import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { companyCalendar } from '../calendar/calendar-settings.ts';
import { Route, RouteVersion } from '../entities/index.ts';
import { DomainError, notFound } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import { loadRouteDirectory } from './load-route-directory.ts';
import { validateRoute } from './validate-route.ts';

export interface PublishRouteOptions {
  routeId: string;
  /** The draft revision that was checked: a draft changed since is refused. */
  revision: number;
}

export async function publishRoute(em: EntityManager, actor: Actor, opts: PublishRouteOptions) {
  const { routeId: id, revision } = opts;
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
    return { route, version };
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
