// Loads what route validation needs to know about the company: role codes, active e-mails, and
// the keys of published routes (what a sub-process node may run). `ownKey` names the route being
// checked, so that it cannot run itself as a sub-process.
import type { EntityManager } from '@mikro-orm/postgresql';
import { Employee, Role, Route } from '../../domain/entities/index.ts';
import type { RouteDirectory } from '../../domain/routes/validate-route.ts';

export async function loadRouteDirectory(em: EntityManager, ownKey?: string): Promise<RouteDirectory> {
  const [roles, people, published] = await Promise.all([
    em.find(Role, {}, { fields: ['code'] }),
    em.find(Employee, { active: true }, { fields: ['email'] }),
    em.find(Route, { latestVersion: { $gt: 0 } }, { fields: ['key'] }),
  ]);
  return {
    roles: new Set(roles.map((r) => r.code)),
    people: new Set(people.map((p) => p.email.toLowerCase())),
    publishedRoutes: new Set(published.map((r) => r.key)),
    ownKey,
  };
}
