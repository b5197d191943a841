// Designing routes: drafts are kept as typed, validation lists every problem, publishing freezes
// a version; only designers and admins may change routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twoStepRoute } from '../../infra/testing/sample-routes.ts';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';

type Detail = { id: string; key: string; name: string; draft: Record<string, unknown>; draftRevision: number; latestVersion: number; versions: { version: number }[] };
type Problems = { problems: { path: string; message: string; nodeId?: string }[] };

let s: TestStack;
beforeAll(async () => {
  s = await startTestStack();
});
afterAll(async () => s?.close());

const create = (key: string, draft: unknown, as = 'designer') => s.call<Detail>('POST', '/api/routes', { as, body: { key, draft } });

describe('routes', () => {
  it('keeps an invalid draft exactly as typed and lists its problems', async () => {
    const draft = { name: 'Complaint', steps: [{ id: 'answer', kind: 'task', name: 'Answer', assignee: { type: 'role', role: 'qualty' }, due: 'P3D' }] };
    const created = await create('test-complaint', draft);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ key: 'test-complaint', name: 'Complaint', draft, draftRevision: 1, latestVersion: 0 });

    const check = await s.call<{ valid: boolean } & Problems>('POST', `/api/routes/${created.body.id}/validate`, { as: 'designer' });
    expect(check.body).toEqual({ valid: false, problems: [{ path: 'steps[0].assignee.role', nodeId: 'answer', message: 'no role "qualty" exists' }] });

    const refused = await s.call<Problems>('POST', `/api/routes/${created.body.id}/publish`, { as: 'designer', body: { revision: 1 } });
    expect(refused.status).toBe(422);
    expect(refused.body.problems[0]).toMatchObject({ nodeId: 'answer', path: 'steps[0].assignee.role' });
    const after = await s.call<Detail>('GET', `/api/routes/${created.body.id}`, { as: 'designer' });
    expect(after.body).toMatchObject({ latestVersion: 0, versions: [], draft });
  });

  it('publishes immutable versions; editing the draft does not touch them', async () => {
    const created = await create('test-deal', twoStepRoute('Deal v1'));
    const v1 = await s.call<{ version: number; definition: { name: string } }>('POST', `/api/routes/${created.body.id}/publish`, { as: 'designer', body: { revision: 1 } });
    expect(v1.status).toBe(201);
    expect(v1.body).toMatchObject({ version: 1, definition: { name: 'Deal v1' } });

    const saved = await s.call<Detail>('PUT', `/api/routes/${created.body.id}/draft`, { as: 'designer', body: { draft: twoStepRoute('Deal v2'), revision: 1 } });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ draftRevision: 2, name: 'Deal v2' });
    const v2 = await s.call<{ version: number }>('POST', `/api/routes/${created.body.id}/publish`, { as: 'admin', body: { revision: 2 } });
    expect(v2.body.version).toBe(2);

    const first = await s.call<{ definition: { name: string } }>('GET', `/api/routes/${created.body.id}/versions/1`, { as: 'seller1' });
    expect(first.body.definition.name).toBe('Deal v1');
    const list = await s.call<{ items: { key: string; latestVersion: number; latestPublishedAt: string | null; latestPublishedBy: string | null; draftUpdatedBy: string }[] }>('GET', '/api/routes', { as: 'seller1' });
    const listed = list.body.items.find((r) => r.key === 'test-deal');
    // The list says who published the latest version (the admin published v2) and when, and who saved the draft.
    const admin = (await s.call<{ id: string }[] | { items: { id: string; email: string }[] }>('GET', '/api/employees?role=admin', { as: 'designer' })).body;
    const adminId = ('items' in admin ? admin.items : admin)[0]!.id;
    expect(listed).toMatchObject({ latestVersion: 2, latestPublishedBy: adminId });
    expect(Date.parse(listed!.latestPublishedAt!)).toBeGreaterThan(Date.now() - 60_000);
    expect(list.body.items.find((r) => r.latestVersion === 0)?.latestPublishedAt ?? null).toBeNull();
    expect((await s.call('GET', `/api/routes/${created.body.id}/versions/3`, { as: 'seller1' })).status).toBe(404);

    const diff = await s.call<{ from: number; to: number; changes: { kind: string; path: string }[] }>('GET', `/api/routes/${created.body.id}/diff`, { as: 'seller1' });
    expect(diff.status).toBe(200);
    expect(diff.body).toMatchObject({ from: 1, to: 2, changes: [{ kind: 'changed', path: 'name' }] });
    expect((await s.call('GET', `/api/routes/${created.body.id}/diff?from=1&to=1`, { as: 'seller1' })).body).toMatchObject({ changes: [] });
    expect((await s.call('GET', `/api/routes/${created.body.id}/diff?from=1&to=9`, { as: 'seller1' })).status).toBe(404);
    expect((await s.call('GET', `/api/routes/${created.body.id}/diff?from=zero`, { as: 'seller1' })).status).toBe(400);
    expect((await s.call('GET', `/api/routes/${created.body.id}/diff`)).status).toBe(401);
  });

  it('refuses a save or publish from a stale revision, keeping the newer draft', async () => {
    const created = await create('survey', twoStepRoute('Survey'));
    await s.call('PUT', `/api/routes/${created.body.id}/draft`, { as: 'designer', body: { draft: twoStepRoute('Survey by A'), revision: 1 } });
    const stale = await s.call<Problems>('PUT', `/api/routes/${created.body.id}/draft`, { as: 'admin', body: { draft: twoStepRoute('Survey by B'), revision: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.body.problems[0]!.path).toBe('revision');
    expect((await s.call('POST', `/api/routes/${created.body.id}/publish`, { as: 'designer', body: { revision: 1 } })).status).toBe(409);
    expect((await s.call<Detail>('GET', `/api/routes/${created.body.id}`, { as: 'designer' })).body.name).toBe('Survey by A');
  });

  it('refuses a version that would close a cycle of sub-processes, and publishes nothing', async () => {
    const graph = (name: string, nodes: Record<string, unknown>[]) => ({ language: 'route/v1', name, start: nodes[0]!.id, nodes });
    const work = { id: 'work', kind: 'task', name: 'Do the work', assignee: { type: 'role', role: 'sales' } };
    const publish = (id: string, revision: number) => s.call<Problems & { version: number }>('POST', `/api/routes/${id}/publish`, { as: 'designer', body: { revision } });
    const a = await create('cycle-a', graph('A', [work]));
    expect((await publish(a.body.id, 1)).status).toBe(201);
    const b = await create('cycle-b', graph('B', [{ id: 'run-a', kind: 'subprocess', route: 'cycle-a', next: 'work' }, work]));
    expect((await publish(b.body.id, 1)).status).toBe(201);

    const aCallsB = graph('A v2', [{ ...work, next: 'run-b' }, { id: 'run-b', kind: 'subprocess', route: 'cycle-b' }]);
    expect((await s.call('PUT', `/api/routes/${a.body.id}/draft`, { as: 'designer', body: { draft: aCallsB, revision: 1 } })).status).toBe(200);
    const cycle = {
      path: 'nodes[1].route', nodeId: 'run-b',
      message: 'subprocess "cycle-b" calls back into "cycle-a": cycle-a -> cycle-b -> cycle-a, so every case would start child cases without end',
    };
    expect((await s.call<{ valid: boolean } & Problems>('POST', `/api/routes/${a.body.id}/validate`, { as: 'designer' })).body).toEqual({ valid: false, problems: [cycle] });
    const refused = await publish(a.body.id, 2);
    expect(refused.status).toBe(422);
    expect(refused.body.problems).toEqual([cycle]);
    expect((await s.call<Detail>('GET', `/api/routes/${a.body.id}`, { as: 'designer' })).body).toMatchObject({ latestVersion: 1, versions: [{ version: 1 }], draft: aCallsB });
  });

  it('refuses bad input with the failing fields', async () => {
    const badKey = await s.call<Problems>('POST', '/api/routes', { as: 'designer', body: { key: 'Has Spaces', draft: {} } });
    expect(badKey.status).toBe(400);
    expect(badKey.body.problems[0]!.path).toBe('key');
    const notObject = await s.call<Problems>('POST', '/api/routes', { as: 'designer', body: { key: 'x', draft: [1, 2] } });
    expect(notObject.status).toBe(400);
    expect(notObject.body.problems[0]!.path).toBe('draft');
    const dup = await create('dup', {});
    expect(dup.status).toBe(201);
    expect((await create('dup', {})).status).toBe(409);
    expect((await s.call('GET', `/api/routes/${crypto.randomUUID()}`, { as: 'designer' })).status).toBe(404);
    expect((await s.call('POST', `/api/routes/${dup.body.id}/publish`, { as: 'designer', body: {} })).status).toBe(400);
  });

  it('lets only designers and admins change routes, and nobody unsigned read them', async () => {
    const created = await create('rights', twoStepRoute());
    const id = created.body.id;
    expect((await create('by-seller', twoStepRoute(), 'seller1')).status).toBe(403);
    expect((await s.call('PUT', `/api/routes/${id}/draft`, { as: 'director', body: { draft: {}, revision: 1 } })).status).toBe(403);
    expect((await s.call('POST', `/api/routes/${id}/validate`, { as: 'engineer1' })).status).toBe(403);
    expect((await s.call('POST', `/api/routes/${id}/publish`, { as: 'seller1', body: { revision: 1 } })).status).toBe(403);
    expect((await s.call<Detail>('GET', `/api/routes/${id}`, { as: 'designer' })).body).toMatchObject({ draftRevision: 1, latestVersion: 0 });
    for (const [method, path] of [['GET', '/api/routes'], ['GET', `/api/routes/${id}`], ['POST', `/api/routes/${id}/publish`], ['GET', `/api/routes/${id}/versions/1`]] as const) {
      expect((await s.call(method, path)).status).toBe(401);
    }
  });
});
