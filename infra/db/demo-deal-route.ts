// The reference company's Deal route (domain/routes/examples/deal.route.json), published as
// version 1 of the route key `deal` when the demo company is written. It is validated against
// the company just written - a route that does not validate stops the seed with its problems,
// rather than leave a company whose deals start no case.
import { readFileSync } from 'node:fs';
import type { EntityManager } from '@mikro-orm/postgresql';
import { companyCalendar } from '../../domain/calendar/calendar-settings.ts';
import { Route, RouteVersion } from '../../domain/entities/index.ts';
import { validateRoute, type RouteDirectory } from '../../domain/routes/validate-route.ts';

export const DEAL_ROUTE_KEY = 'deal';

export const dealRouteDraft = (): unknown => JSON.parse(readFileSync(new URL('../../domain/routes/examples/deal.route.json', import.meta.url), 'utf8'));

export async function writeDealRoute(em: EntityManager, directory: RouteDirectory, designerId: string, now: Date): Promise<void> {
  const draft = dealRouteDraft();
  const check = validateRoute(draft, { ...directory, ownKey: DEAL_ROUTE_KEY });
  if (!check.ok) throw new Error(`The shipped Deal route is invalid:\n${check.problems.map((p) => `  ${p.path}${p.nodeId ? ` (${p.nodeId})` : ''}: ${p.message}`).join('\n')}`);
  const route = em.create(Route, {
    id: crypto.randomUUID(), key: DEAL_ROUTE_KEY, name: check.definition.name, draft, draftRevision: 1, draftUpdatedAt: now, draftUpdatedBy: designerId, latestVersion: 1,
  });
  // As publishing does: the version carries the company's working calendar for its deadlines.
  const definition = check.definition.language === 'route/v1' && !check.definition.calendar ? { ...check.definition, calendar: await companyCalendar(em, now) } : check.definition;
  em.create(RouteVersion, { id: crypto.randomUUID(), route, version: 1, definition, publishedAt: now, publishedBy: designerId });
  await em.flush();
}
