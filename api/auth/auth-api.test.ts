// Signing in and out, as a person and as an API client would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoEmail } from '../../infra/db/demo-data.ts';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';

let s: TestStack;
beforeAll(async () => {
  s = await startTestStack();
});
afterAll(async () => s?.close());

describe('auth', () => {
  it('signs in with e-mail and password, returning a token and an HttpOnly cookie', async () => {
    const res = await s.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'Designer@Leader.example', password: DEMO_PASSWORD }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token: string; employee: { email: string; roles: string[] } };
    expect(body.employee).toMatchObject({ email: 'designer@leader.example', roles: ['designer', 'employee'] });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^crm_session=[^;]+;/);
    expect(cookie).toContain('HttpOnly');

    // The cookie alone identifies the user, as in a browser.
    const me = await s.app.request('/api/auth/me', { headers: { cookie: cookie.split(';')[0]! } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { email: string }).email).toBe('designer@leader.example');
  });

  it('refuses a wrong password and an unknown e-mail with the same answer', async () => {
    const wrong = await s.call('POST', '/api/auth/login', { body: { email: demoEmail('seller1'), password: 'nope' } });
    const unknown = await s.call('POST', '/api/auth/login', { body: { email: 'nobody@leader.example', password: 'nope' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.contentType).toContain('application/problem+json');
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it('refuses malformed input with the failing fields', async () => {
    const res = await s.call<{ problems: { path: string }[] }>('POST', '/api/auth/login', { body: { email: 'not-an-email' } });
    expect(res.status).toBe(400);
    expect(res.body.problems.map((p) => p.path).sort()).toEqual(['email', 'password']);
    const broken = await s.call('POST', '/api/auth/login', { rawBody: '{"email": ' });
    expect(broken.status).toBe(400);
    expect(broken.contentType).toContain('application/problem+json');
  });

  it('ends the session on logout', async () => {
    const token = (await s.call<{ token: string }>('POST', '/api/auth/login', { body: { email: demoEmail('seller2'), password: DEMO_PASSWORD } })).body.token;
    expect((await s.call('GET', '/api/auth/me', { token })).status).toBe(200);
    expect((await s.call('POST', '/api/auth/logout', { token })).status).toBe(204);
    const after = await s.call('GET', '/api/auth/me', { token });
    expect(after.status).toBe(401);
    expect(after.body.detail).toMatch(/expired/);
  });

  it('refuses protected calls without identity or with a forged token', async () => {
    expect((await s.call('GET', '/api/auth/me')).status).toBe(401);
    expect((await s.call('POST', '/api/auth/logout')).status).toBe(401);
    expect((await s.call('GET', '/api/routes', { token: 'forged' })).status).toBe(401);
  });
});
