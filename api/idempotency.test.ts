// Idempotency-Key on state-changing requests: a retried request gets the first answer and
// changes nothing more; a reused key for another request, a malformed key and a key still in
// use are refused; keys belong to the user who sent them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Assignment, IdempotencyKey, Process } from '../domain/entities/index.ts';
import { eventually } from '../infra/testing/eventually.ts';
import { twoStepRoute } from '../infra/testing/sample-routes.ts';
import { startTestStack, type TestStack } from '../infra/testing/stack.ts';

let s: TestStack;
beforeAll(async () => {
  s = await startTestStack();
  await s.startWorker();
  const created = await s.call<{ id: string }>('POST', '/api/routes', { as: 'designer', body: { key: 'two-step', draft: twoStepRoute() } });
  await s.call('POST', `/api/routes/${created.body.id}/publish`, { as: 'designer', body: { revision: 1 } });
});
afterAll(async () => s?.close());

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: Record<string, unknown> & { id?: string; problems?: { path: string }[] };
}

async function send(method: string, path: string, as: string, body: unknown, key?: string): Promise<Answer> {
  const headers: Record<string, string> = { authorization: `Bearer ${await s.login(as)}`, 'content-type': 'application/json' };
  if (key !== undefined) headers['idempotency-key'] = key;
  const res = await s.app.request(path, { method, headers, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: text ? (JSON.parse(text) as Answer['body']) : {} };
}

const casesAbout = (subject: string) => s.em().count(Process, { subject });
const startBody = (subject: string) => ({ routeKey: 'two-step', subject, variables: { amount: 1 } });

describe('Idempotency-Key', () => {
  it('answers a repeated start with the first answer and starts one case', async () => {
    const key = `start-${crypto.randomUUID()}`;
    const first = await send('POST', '/api/processes', 'seller1', startBody('Replay shop'), key);
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const again = await send('POST', '/api/processes', 'seller1', startBody('Replay shop'), key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('content-type')).toBe(first.headers.get('content-type'));
    expect(again.text).toBe(first.text);
    expect(await casesAbout('Replay shop')).toBe(1);
  });

  it('refuses the same key for another body or path with 422, and changes nothing', async () => {
    const key = `reuse-${crypto.randomUUID()}`;
    expect((await send('POST', '/api/processes', 'seller1', startBody('Reuse A'), key)).status).toBe(201);
    const other = await send('POST', '/api/processes', 'seller1', startBody('Reuse B'), key);
    expect(other.status).toBe(422);
    expect(other.headers.get('content-type')).toBe('application/problem+json');
    expect(other.body.problems?.[0]?.path).toBe('header.Idempotency-Key');
    const elsewhere = await send('POST', `/api/processes/${crypto.randomUUID()}/cancel`, 'seller1', { reason: 'x' }, key);
    expect(elsewhere.status).toBe(422);
    expect(await casesAbout('Reuse B')).toBe(0);
  });

  it('refuses a malformed key with 400 naming the header', async () => {
    for (const bad of ['x'.repeat(256), '']) {
      const res = await send('POST', '/api/processes', 'seller1', startBody('Bad key'), bad);
      expect(res.status).toBe(400);
      expect(res.body.problems?.[0]?.path).toBe('header.Idempotency-Key');
    }
    expect(await casesAbout('Bad key')).toBe(0);
  });

  it("keeps each user's keys apart: another user's same key starts another case", async () => {
    const key = `shared-${crypto.randomUUID()}`;
    const mine = await send('POST', '/api/processes', 'seller1', startBody('Two owners'), key);
    const theirs = await send('POST', '/api/processes', 'seller2', startBody('Two owners'), key);
    expect(mine.status).toBe(201);
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(await casesAbout('Two owners')).toBe(2);
  });

  it('answers 409 with Retry-After while the first request with the key still runs, and re-runs one that died', async () => {
    const key = `busy-${crypto.randomUUID()}`;
    const me = await s.call<{ id: string }>('GET', '/api/auth/me', { as: 'seller1' });
    const em = s.em();
    // Another API process (on another host) is working on this key right now.
    em.create(IdempotencyKey, {
      id: crypto.randomUUID(), actor: me.body.id, key, method: 'POST', path: '/api/processes',
      requestHash: await sha256(JSON.stringify(startBody('Busy shop'))), owner: 'other-host|4242|x', createdAt: new Date(),
    });
    await em.flush();
    const busy = await send('POST', '/api/processes', 'seller1', startBody('Busy shop'), key);
    expect(busy.status).toBe(409);
    expect(busy.headers.get('retry-after')).toBe('1');
    expect(await casesAbout('Busy shop')).toBe(0);

    // Still unfinished after the stale time: its process died; the request runs again.
    await s.em().nativeUpdate(IdempotencyKey, { key }, { createdAt: new Date(Date.now() - 3_600_000) });
    const rerun = await send('POST', '/api/processes', 'seller1', startBody('Busy shop'), key);
    expect(rerun.status).toBe(201);
    expect(await casesAbout('Busy shop')).toBe(1);
  });

  it('completes a step once: the retry is a replay, not a 409', async () => {
    const started = await send('POST', '/api/processes', 'seller1', startBody('Complete twice'), `c-${crypto.randomUUID()}`);
    const assignment = (await eventually(() => s.em().findOne(Assignment, { process: started.body.id!, status: 'open' }), (a) => a !== null))!;
    const key = `complete-${crypto.randomUUID()}`;
    const first = await send('POST', `/api/assignments/${assignment.id}/complete`, 'seller1', { outcome: 'sent' }, key);
    expect(first.status).toBe(200);
    const again = await send('POST', `/api/assignments/${assignment.id}/complete`, 'seller1', { outcome: 'sent' }, key);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.text).toBe(first.text);
    // Without the key, a second completion is refused as before.
    expect((await send('POST', `/api/assignments/${assignment.id}/complete`, 'seller1', { outcome: 'sent' })).status).toBe(409);
  });

  it('documents the header on state-changing operations but not on login', async () => {
    const doc = (await (await s.app.request('/openapi.json')).json()) as { paths: Record<string, Record<string, { parameters?: { name: string }[] }>> };
    const names = (path: string, method: string) => (doc.paths[path]?.[method]?.parameters ?? []).map((p) => p.name);
    expect(names('/api/processes', 'post')).toContain('Idempotency-Key');
    expect(names('/api/processes', 'get')).not.toContain('Idempotency-Key');
    expect(names('/api/auth/login', 'post')).not.toContain('Idempotency-Key');
  });
});

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
