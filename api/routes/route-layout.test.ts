// Where the designer places nodes is saved with the draft and published with the version, but it
// is not part of the route: moving nodes and publishing again shows no change in the version diff,
// and a case of the moved version runs as before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintRoute } from '../../infra/testing/graph-routes.ts';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';

let s: TestStack;
beforeAll(async () => {
  s = await startTestStack();
});
afterAll(async () => s?.close());

describe('node positions', () => {
  it('are kept with the draft and the version, and change nothing in the diff', async () => {
    const route = complaintRoute();
    const layout = Object.fromEntries(route.nodes.map((n, i) => [n.id, { x: 40, y: i * 120 }]));
    const created = await s.call<{ id: string }>('POST', '/api/routes', { as: 'designer', body: { key: 'test-complaint', draft: { ...route, layout } } });
    expect(created.status).toBe(201);
    expect((await s.call('POST', `/api/routes/${created.body.id}/publish`, { as: 'designer', body: { revision: 1 } })).status).toBe(201);

    const moved = Object.fromEntries(Object.entries(layout).map(([id, p]) => [id, { x: p.x + 300, y: p.y }]));
    expect((await s.call('PUT', `/api/routes/${created.body.id}/draft`, { as: 'designer', body: { revision: 1, draft: { ...route, layout: moved } } })).status).toBe(200);
    expect((await s.call('POST', `/api/routes/${created.body.id}/publish`, { as: 'designer', body: { revision: 2 } })).status).toBe(201);

    const v2 = await s.call<{ definition: { layout?: Record<string, { x: number; y: number }> } }>('GET', `/api/routes/${created.body.id}/versions/2`, { as: 'designer' });
    expect(v2.body.definition.layout?.['review']).toEqual({ x: 340, y: 0 });
    const diff = await s.call<{ changes: unknown[] }>('GET', `/api/routes/${created.body.id}/diff?from=1&to=2`, { as: 'designer' });
    expect(diff.status).toBe(200);
    expect(diff.body.changes).toEqual([]);
  });

  it('must be numbers: a broken layout is named when the draft is checked', async () => {
    const created = await s.call<{ id: string }>('POST', '/api/routes', { as: 'designer', body: { key: 'broken-layout', draft: { ...complaintRoute(), layout: { review: { x: 'left', y: 0 } } } } });
    const checked = await s.call<{ ok?: boolean; problems: { path: string }[] }>('POST', `/api/routes/${created.body.id}/validate`, { as: 'designer' });
    expect(checked.body.problems.map((p) => p.path)).toContain('layout.review.x');
  });
});
