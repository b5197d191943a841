// The routes the product ships (this folder) are valid v1 routes against the demo company, in the
// order they are published (a route's sub-processes first), so a fresh install publishes them all.
import { describe, expect, it } from 'vitest';
import { EMPLOYEES, ROLES, demoEmail } from '../../../infra/db/demo-data.ts';
import { SHIPPED_ROUTE_KEYS, shippedRoute } from '../../../infra/db/shipped-routes.ts';
import { validateRoute } from '../validate-route.ts';

const read = shippedRoute;

describe('the shipped routes', () => {
  it.each(SHIPPED_ROUTE_KEYS.map((key, i) => [key, i] as const))('%s validates with the routes published before it', (key, i) => {
    const result = validateRoute(read(key), {
      roles: new Set<string>(ROLES.map((r) => r.code)),
      people: new Set(EMPLOYEES.map((e) => demoEmail(e.key))),
      publishedRoutes: new Set<string>(SHIPPED_ROUTE_KEYS.slice(0, i)),
      ownKey: key,
    });
    expect(result.ok ? [] : result.problems).toEqual([]);
    expect(result.ok && result.definition.language).toBe('route/v1');
  });

  it('name no person of the demo company: they are written for any company', () => {
    for (const key of SHIPPED_ROUTE_KEYS) expect(JSON.stringify(read(key))).not.toMatch(/@leader\.example/);
  });
});
