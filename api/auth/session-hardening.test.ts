// Sessions as a careful operator expects them: signing out everywhere ends every token at once
// (also in the API process that remembered them), expired sessions are removed by housekeeping,
// the cookie is HttpOnly, SameSite=Lax and - with COOKIE_SECURE - Secure, and a change sent with
// the cookie from another site (a forged form post) is refused and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Employee, Process, Session } from '../../domain/entities/index.ts';
import { DEMO_PASSWORD, demoEmail } from '../../infra/db/demo-data.ts';
import { eventually } from '../../infra/testing/eventually.ts';
import { twoStepRoute } from '../../infra/testing/sample-routes.ts';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';

let s: TestStack;
let secure: TestStack;
beforeAll(async () => {
  [s, secure] = await Promise.all([startTestStack(), startTestStack({ secureCookies: true, publicOrigin: 'https://crm.example.com' })]);
  await s.startWorker();
  const created = await s.call<{ id: string; draftRevision: number }>('POST', '/api/routes', { as: 'designer', body: { key: 'hardening', draft: twoStepRoute('Hardening') } });
  await s.call('POST', `/api/routes/${created.body.id}/publish`, { as: 'designer', body: { revision: created.body.draftRevision } });
});
afterAll(async () => {
  await s?.close();
  await secure?.close();
});

async function signIn(stack: TestStack, key: string): Promise<{ token: string; setCookie: string }> {
  const res = await stack.app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: demoEmail(key), password: DEMO_PASSWORD }),
  });
  expect(res.status).toBe(200);
  return { token: ((await res.json()) as { token: string }).token, setCookie: res.headers.get('set-cookie') ?? '' };
}

const me = (token: string) => s.call('GET', '/api/auth/me', { token });

describe('sign out everywhere', () => {
  it('ends every session of the person, at once, and no one else\'s', async () => {
    const [phone, laptop, other] = [await signIn(s, 'seller2'), await signIn(s, 'seller2'), await signIn(s, 'seller3')];
    // Remembered by this API process before the sign-out.
    for (const t of [phone, laptop, other]) expect((await me(t.token)).status).toBe(200);
    expect((await s.call('POST', '/api/auth/logout-all', { token: phone.token })).status).toBe(204);
    expect((await me(phone.token)).status).toBe(401);
    expect((await me(laptop.token)).status).toBe(401);
    expect((await me(other.token)).status).toBe(200);
  });

  it('needs a signed-in person, and with the cookie alone a same-origin request', async () => {
    expect((await s.call('POST', '/api/auth/logout-all')).status).toBe(401);
    expect((await s.call('POST', '/api/auth/logout-all', { token: 'forged' })).status).toBe(401);
    const { token, setCookie } = await signIn(s, 'seller1');
    const cross = await s.app.request('/api/auth/logout-all', { method: 'POST', headers: { cookie: setCookie.split(';')[0]!, origin: 'https://evil.example' } });
    expect(cross.status).toBe(403);
    expect((await me(token)).status).toBe(200);
  });
});

describe('expired sessions', () => {
  it('are removed by the housekeeping workflow; live ones stay', async () => {
    const em = s.em();
    const employee = await em.findOneOrFail(Employee, { email: demoEmail('marketer') });
    const past = new Date(Date.now() - 3_600_000);
    for (let i = 0; i < 30; i++) em.create(Session, { tokenHash: `expired-${i}`, employee, createdAt: past, expiresAt: past });
    em.create(Session, { tokenHash: 'live-one', employee, createdAt: new Date(), expiresAt: new Date(Date.now() + 3_600_000) });
    await em.flush();

    await s.startHousekeeping({ intervalMs: 500, overlapMs: 5_000 });
    const left = await eventually(() => s.em().count(Session, { tokenHash: { $like: 'expired-%' } }), (n) => n === 0, 15_000);
    expect(left).toBe(0);
    expect(await s.em().count(Session, { tokenHash: 'live-one' })).toBe(1);
  });
});

describe('the session cookie', () => {
  it('is HttpOnly and SameSite=Lax, and Secure only when COOKIE_SECURE is set', async () => {
    const plain = (await signIn(s, 'quality')).setCookie;
    expect(plain).toMatch(/HttpOnly/);
    expect(plain).toMatch(/SameSite=Lax/);
    expect(plain).not.toMatch(/Secure/);
    const https = (await signIn(secure, 'quality')).setCookie;
    expect(https).toMatch(/HttpOnly/);
    expect(https).toMatch(/SameSite=Lax/);
    expect(https).toMatch(/Secure/);
  });
});

describe('the Origin check', () => {
  const start = { routeKey: 'hardening', subject: 'Forged?', variables: { amount: 10 } };
  const cases = () => s.em().count(Process, { subject: 'Forged?' });

  async function post(headers: Record<string, string>): Promise<number> {
    const res = await s.app.request('/api/processes', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(start) });
    return res.status;
  }

  it('refuses a cross-site change made with the cookie, and one with no Origin or Referer; it changes nothing', async () => {
    const cookie = (await signIn(s, 'seller1')).setCookie.split(';')[0]!;
    const forged = await s.app.request('/api/processes', { method: 'POST', headers: { 'content-type': 'application/json', cookie, origin: 'https://evil.example' }, body: JSON.stringify(start) });
    expect(forged.status).toBe(403);
    expect(forged.headers.get('content-type')).toContain('application/problem+json');
    expect(await post({ cookie, referer: 'https://evil.example/form.html' })).toBe(403);
    expect(await post({ cookie })).toBe(403);
    expect(await post({ cookie, origin: 'null' })).toBe(403);
    expect(await cases()).toBe(0);
  });

  it('accepts the same change from the product\'s own origin (Origin, or Referer when Origin is absent)', async () => {
    const cookie = (await signIn(s, 'seller1')).setCookie.split(';')[0]!;
    // app.request() addresses http://localhost, the request's own origin.
    expect(await post({ cookie, origin: 'http://localhost' })).toBe(201);
    expect(await post({ cookie, referer: 'http://localhost/cases/new' })).toBe(201);
    expect(await cases()).toBe(2);
    // Reading with the cookie is not a change and needs no Origin.
    expect((await s.app.request('/api/auth/me', { headers: { cookie } })).status).toBe(200);
  });

  it('does not concern bearer tokens: another Origin does not matter to an API client', async () => {
    const token = await s.login('seller1');
    expect(await post({ authorization: `Bearer ${token}`, origin: 'https://integration.example' })).toBe(201);
    expect(await cases()).toBe(3);
  });

  it('takes PUBLIC_ORIGIN as the product\'s own origin when set (behind a proxy the request URL is not the public one)', async () => {
    const { token, setCookie } = await signIn(secure, 'seller1');
    const cookie = setCookie.split(';')[0]!;
    const signOut = (origin: string) => secure.app.request('/api/auth/logout', { method: 'POST', headers: { cookie, origin } });
    expect((await signOut('http://localhost')).status).toBe(403);
    expect((await secure.call('GET', '/api/auth/me', { token })).status).toBe(200);
    expect((await signOut('https://crm.example.com')).status).toBe(204);
    expect((await secure.call('GET', '/api/auth/me', { token })).status).toBe(401);
  });
});
