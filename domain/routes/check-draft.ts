// Checking a draft against the route language and the company (roles, people, published routes,
// sub-process cycles) without publishing it.
import type { EntityManager } from '@mikro-orm/postgresql';
import { loadRouteDirectory } from './load-route-directory.ts';
import { validateRoute } from './validate-route.ts';

export async function checkDraft(em: EntityManager, draft: unknown, ownKey: string) {
  const result = validateRoute(draft, await loadRouteDirectory(em, ownKey));
  return result.ok ? { valid: true, problems: [] } : { valid: false, problems: result.problems };
}
