// Loads what route validation needs to know about the company: role codes, active e-mails, the
// keys of published routes (what a sub-process node may run), and which routes each latest
// version runs as sub-processes (so a new version cannot close a cycle of them). `ownKey` names
// the route being checked, so that it cannot run itself as a sub-process.
import type { EntityManager } from '@mikro-orm/postgresql';
import { Employee, Role, Route } from '../entities/index.ts';
import type { SubprocessCalls } from './find-subprocess-cycle.ts';
import type { RouteDirectory } from './validate-route.ts';

export async function loadRouteDirectory(em: EntityManager, ownKey?: string): Promise<RouteDirectory> {
  const [roles, people, published, subprocessCalls, subjects] = await Promise.all([
    em.find(Role, {}, { fields: ['code'] }),
    em.find(Employee, { active: true }, { fields: ['email'] }),
    em.find(Route, { latestVersion: { $gt: 0 } }, { fields: ['key'] }),
    loadSubprocessCalls(em),
    loadRouteSubjects(em),
  ]);
  return {
    roles: new Set(roles.map((r) => r.code)),
    people: new Set(people.map((p) => p.email.toLowerCase())),
    publishedRoutes: new Set(published.map((r) => r.key)),
    ownKey,
    subprocessCalls,
    routeSubjects: subjects,
  };
}

/** What each published route's cases are about (its latest version's `subject`), for a foreach over records. */
async function loadRouteSubjects(em: EntityManager): Promise<Map<string, string | null>> {
  const rows = await em.execute<{ key: string; subject: string | null }[]>(
    `select r.key, v.definition ->> 'subject' as subject
       from route r join route_version v on v.route_id = r.id and v.version = r.latest_version`,
  );
  return new Map(rows.map((r) => [r.key, r.subject]));
}

/**
 * For each route, the routes its latest published version runs as sub-processes. Read in
 * PostgreSQL from the stored definitions, so only the pairs of keys travel, not every route's
 * whole JSON (v0 definitions have no `nodes` and yield none).
 */
async function loadSubprocessCalls(em: EntityManager): Promise<SubprocessCalls> {
  const rows = await em.execute<{ key: string; called: string }[]>(
    `select distinct r.key, n.node ->> 'route' as called
       from route r
       join route_version v on v.route_id = r.id and v.version = r.latest_version
       cross join lateral jsonb_array_elements(
         case when jsonb_typeof(v.definition -> 'nodes') = 'array' then v.definition -> 'nodes' else '[]'::jsonb end
       ) as n(node)
      where n.node ->> 'kind' in ('subprocess', 'foreach') and n.node ->> 'route' is not null`,
  );
  const calls = new Map<string, Set<string>>();
  for (const { key, called } of rows) calls.set(key, (calls.get(key) ?? new Set()).add(called));
  return calls;
}
