// What every client meets first: the OpenAPI document and its reference page, problem+json for
// unknown paths and malformed ids, and a limit on request size.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../infra/testing/stack.ts';

let s: TestStack;
beforeAll(async () => {
  s = await startTestStack();
});
afterAll(async () => s?.close());

describe('the API surface', () => {
  it('serves an OpenAPI 3.1 document describing every resource, and a reference page', async () => {
    const doc = await s.call<{ openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }>('GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    for (const path of ['/api/auth/login', '/api/routes/{id}/publish', '/api/processes/{id}/cancel', '/api/assignments/{id}/complete', '/api/employees/{id}', '/api/roles/{code}']) {
      expect(Object.keys(doc.body.paths)).toContain(path);
    }
    const complete = doc.body.paths['/api/assignments/{id}/complete']!.post!;
    expect(Object.keys(complete.responses).sort()).toEqual(['200', '400', '401', '403', '404', '409', '422']);
    const page = await s.app.request('/docs');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/openapi.json');
    expect((await s.call('GET', '/api/health')).body).toMatchObject({ ok: true });
  });

  it('answers unknown paths with a problem', async () => {
    const res = await s.call('GET', '/api/nothing-here', { as: 'seller1' });
    expect(res.status).toBe(404);
    expect(res.contentType).toContain('application/problem+json');
  });

  it('refuses a malformed id on every id route with the parameter named', async () => {
    const calls = [
      ['GET', '/api/routes/abc'],
      ['PUT', '/api/routes/abc/draft'],
      ['POST', '/api/routes/abc/validate'],
      ['POST', '/api/routes/abc/publish'],
      ['GET', '/api/routes/abc/versions/1'],
      ['GET', '/api/processes/abc'],
      ['POST', '/api/processes/abc/cancel'],
      ['GET', '/api/assignments/abc'],
      ['POST', '/api/assignments/abc/claim'],
      ['POST', '/api/assignments/abc/complete'],
    ] as const;
    for (const [method, path] of calls) {
      const res = await s.call<{ problems: { path: string }[] }>(method, path, { as: 'designer', ...(method === 'GET' ? {} : { body: { draft: {}, revision: 1, reason: 'x' } }) });
      expect({ path, status: res.status, field: res.body.problems?.[0]?.path }).toEqual({ path, status: 400, field: 'param.id' });
    }
  });

  it('refuses a body over 1 MiB without reading it all', async () => {
    const res = await s.call('POST', '/api/routes', { as: 'designer', rawBody: JSON.stringify({ key: 'big', draft: { name: 'x'.repeat(1_100_000) } }) });
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/larger than 1 MiB/);
    expect((await s.call<{ items: { key: string }[] }>('GET', '/api/routes', { as: 'designer' })).body.items.map((r) => r.key)).not.toContain('big');
  });
});
