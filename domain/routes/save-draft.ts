// Saving a route's draft: whatever the designer typed is kept, but only over the revision they
// loaded, so a stale editor cannot overwrite a newer draft.
import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { Route } from '../entities/index.ts';
import { DomainError, notFound } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import { draftName } from './draft-name.ts';
import type { RouteRow } from './find-route.ts';

export interface SaveDraftOptions {
  routeId: string;
  draft: Record<string, unknown>;
  /** The revision the editor loaded. */
  revision: number;
}

export async function saveDraft(em: EntityManager, actor: Actor, opts: SaveDraftOptions): Promise<RouteRow> {
  const { routeId: id, draft, revision } = opts;
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
