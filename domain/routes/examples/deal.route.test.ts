// The reference company's Deal route (examples/deal.route.json) is a valid v1 route against the
// demo company: its roles and people, with the installation hand-off route published.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EMPLOYEES, ROLES, SAMPLE_ROUTE, demoEmail } from '../../../infra/db/demo-data.ts';
import { validateRoute } from '../validate-route.ts';

const deal: unknown = JSON.parse(readFileSync(new URL('./deal.route.json', import.meta.url), 'utf8'));
const demoDirectory = {
  roles: new Set<string>(ROLES.map((r) => r.code)),
  people: new Set(EMPLOYEES.map((e) => demoEmail(e.key))),
  publishedRoutes: new Set([SAMPLE_ROUTE.key]),
  ownKey: 'deal',
};

describe('the Deal example route', () => {
  it('passes validation with the demo directory', () => {
    const result = validateRoute(deal, demoDirectory);
    expect(result.ok ? [] : result.problems).toEqual([]);
    expect(result.ok && result.definition.language).toBe('route/v1');
  });

  it('needs the installation hand-off route to be published', () => {
    const result = validateRoute(deal, { ...demoDirectory, publishedRoutes: new Set<string>() });
    expect(result.ok ? [] : result.problems).toEqual([
      { path: expect.stringMatching(/^nodes\[\d+\]\.route$/) as string, nodeId: 'handoff', message: 'no published route has the key "installation-handoff"; publish it first' },
    ]);
  });
});
