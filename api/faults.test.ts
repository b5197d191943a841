// With Temporal or PostgreSQL out of reach the API answers 503 problem+json with Retry-After
// within 2 s and changes nothing; /api/health stays alive and /api/ready names what is down.
// "Out of reach" is a closed port on this machine: apps built over a Temporal client or an ORM
// pointed there, beside the test stack's working ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app.ts';
import { Process } from '../domain/entities/index.ts';
import { openDatabase, type Orm } from '../infra/db/orm.ts';
import { freePort } from '../infra/services/free-port.ts';
import { twoStepRoute } from '../infra/testing/sample-routes.ts';
import { startTestStack, type TestStack } from '../infra/testing/stack.ts';
import { lazyClient } from '../infra/temporal-connection.ts';

let s: TestStack;
let deadOrm: Orm;
let noTemporal: ReturnType<typeof createApp>;
let noDatabase: ReturnType<typeof createApp>;
const deadTemporal = lazyClient({ namespace: 'default', rpcTimeoutMs: 1500, tls: undefined, apiKey: undefined }, `127.0.0.1:${await freePort()}`);

beforeAll(async () => {
  s = await startTestStack();
  await s.startWorker();
  const created = await s.call<{ id: string }>('POST', '/api/routes', { as: 'designer', body: { key: 'two-step', draft: twoStepRoute() } });
  await s.call('POST', `/api/routes/${created.body.id}/publish`, { as: 'designer', body: { revision: 1 } });
  deadOrm = await openDatabase(`postgres://postgres:postgres@127.0.0.1:${await freePort()}/crm`, { connectTimeoutMs: 1000 });
  noTemporal = createApp({ orm: s.orm, temporal: deadTemporal, taskQueue: s.taskQueue, sessionTtlHours: 1 });
  noDatabase = createApp({ orm: deadOrm, temporal: s.client, taskQueue: s.taskQueue, sessionTtlHours: 1 });
});
afterAll(async () => {
  // The client's retry interceptor keeps retrying a refused call in the background after the
  // API gave up on it (TEMPORAL_RPC_TIMEOUT_MS); closing the channel under a pending retry makes
  // that retry throw outside any test. Let the retries run out first.
  await new Promise((r) => setTimeout(r, 4_000));
  await deadTemporal.connection.close();
  await deadOrm?.close();
  await s?.close();
});

async function timed(app: ReturnType<typeof createApp>, method: string, path: string, opts: { token?: string; body?: unknown; key?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.key) headers['idempotency-key'] = opts.key;
  const began = Date.now();
  const res = await app.request(path, { method, headers, ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }) });
  const body = (await res.json()) as Record<string, unknown>;
  return { status: res.status, ms: Date.now() - began, retryAfter: res.headers.get('retry-after'), contentType: res.headers.get('content-type'), body };
}

function expectUnavailable(res: Awaited<ReturnType<typeof timed>>, what: RegExp) {
  expect(res.status).toBe(503);
  expect(res.contentType).toBe('application/problem+json');
  expect(Number(res.retryAfter)).toBeGreaterThan(0);
  expect(String(res.body.detail)).toMatch(what);
  expect(res.ms).toBeLessThan(2_000);
}

describe('Temporal out of reach', () => {
  it('answers a start with 503 + Retry-After within 2 s and leaves no case behind; the same key works once it is back', async () => {
    const token = await s.login('seller1');
    const body = { routeKey: 'two-step', subject: 'While Temporal is down', variables: { amount: 1 } };
    const key = `down-${crypto.randomUUID()}`;
    expectUnavailable(await timed(noTemporal, 'POST', '/api/processes', { token, body, key }), /Temporal/);
    expectUnavailable(await timed(noTemporal, 'POST', '/api/processes', { token, body }), /Temporal/);
    expect(await s.em().count(Process, { subject: body.subject })).toBe(0);
    // The failed attempt did not keep the key: the retry, with Temporal back, really starts the case.
    const retried = await timed(s.app, 'POST', '/api/processes', { token, body, key });
    expect(retried.status).toBe(201);
    expect(await s.em().count(Process, { subject: body.subject })).toBe(1);
  });

  it('answers a cancel with 503 and the case keeps running', async () => {
    const token = await s.login('seller1');
    const started = await timed(s.app, 'POST', '/api/processes', { token, body: { routeKey: 'two-step', subject: 'Cancel while down', variables: { amount: 1 } } });
    const id = String(started.body.id);
    expectUnavailable(await timed(noTemporal, 'POST', `/api/processes/${id}/cancel`, { token, body: { reason: 'no longer needed' } }), /Temporal/);
    expect((await s.em().findOneOrFail(Process, id)).status).toBe('running');
  });

  it('stays alive on /api/health and says on /api/ready that Temporal is down', async () => {
    expect((await timed(noTemporal, 'GET', '/api/health')).status).toBe(200);
    const ready = await timed(noTemporal, 'GET', '/api/ready');
    expect(ready.status).toBe(503);
    expect(ready.retryAfter).toBeTruthy();
    expect(ready.body).toMatchObject({ database: 'ok', temporal: 'unavailable' });
    expect(ready.ms).toBeLessThan(2_000);
  });
});

describe('PostgreSQL out of reach', () => {
  it('answers sign-in and reads with 503 + Retry-After within 2 s', async () => {
    expectUnavailable(await timed(noDatabase, 'POST', '/api/auth/login', { body: { email: 'seller1@leader.example', password: 'leader-demo' } }), /database/);
    expectUnavailable(await timed(noDatabase, 'GET', '/api/processes', { token: await s.login('seller1') }), /database/);
    expectUnavailable(await timed(noDatabase, 'POST', '/api/processes', { token: await s.login('seller1'), body: { routeKey: 'two-step', subject: 'x' }, key: 'k1' }), /database/);
  });

  it('stays alive on /api/health and says on /api/ready that the database is down', async () => {
    expect((await timed(noDatabase, 'GET', '/api/health')).status).toBe(200);
    const ready = await timed(noDatabase, 'GET', '/api/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ database: 'unavailable', temporal: 'ok' });
  });
});

describe('everything up', () => {
  it('is ready', async () => {
    const ready = await timed(s.app, 'GET', '/api/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ database: 'ok', temporal: 'ok' });
  });
});
