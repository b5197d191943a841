// Integration keys: an admin creates one for the accounting program, which then reports a payment
// to a case of the route that lets it - and can do nothing else. And who else may send an event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail } from '../../infra/db/demo-data.ts';
import { eventually } from '../../infra/testing/eventually.ts';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';

let s: TestStack;

const invoiceRoute = (key: string) => ({
  language: 'route/v1',
  name: `Invoice ${key}`,
  events: {
    payment_received: { label: 'Payment received', payload: { amount: { type: 'number', required: true } }, senders: { integrations: true, roles: ['management'] } },
    note: { label: 'A note from someone involved' },
  },
  start: 'issue',
  nodes: [
    { id: 'issue', kind: 'task', name: 'Issue the invoice', assignee: { type: 'person', email: demoEmail('seller1') }, due: 'P1D', next: 'await-payment' },
    { id: 'await-payment', kind: 'wait', event: 'payment_received', next: 'paid' },
    { id: 'paid', kind: 'end', result: 'success' },
  ],
});

type Key = { id: string; name: string; prefix: string; secret?: string; lastUsedAt: string | null; revokedAt: string | null };
type Case = { id: string; status: string; timeline: { type: string; actorId: string | null; data: Record<string, unknown> | null }[] };

async function publish(key: string): Promise<void> {
  const created = await s.call<{ id: string }>('POST', '/api/routes', { as: 'designer', body: { key, draft: invoiceRoute(key) } });
  expect((await s.call('POST', `/api/routes/${created.body.id}/publish`, { as: 'designer', body: { revision: 1 } })).status).toBe(201);
}

/** A case of the route, waiting for its payment. */
async function awaitingPayment(routeKey: string): Promise<string> {
  const started = await s.call<{ id: string; openSteps: { assignmentId: string }[] }>('POST', '/api/processes', { as: 'seller1', body: { routeKey, subject: `Invoice ${crypto.randomUUID()}` } });
  expect(started.status).toBe(201);
  expect((await s.call('POST', `/api/assignments/${started.body.openSteps[0]!.assignmentId}/complete`, { as: 'seller1', body: {} })).status).toBe(200);
  return started.body.id;
}

const asKey = (secret: string, method: string, path: string, body?: unknown) => s.call<Case & { items: { id: string }[]; total: number }>(method, path, { token: secret, body });

let accounting: Key & { secret: string };
beforeAll(async () => {
  s = await startTestStack();
  await s.startWorker();
  await publish('invoice');
  await publish('other');
  const created = await s.call<Key & { secret: string }>('POST', '/api/integration-keys', { as: 'admin', body: { name: 'Accounting (1C)', scopes: { events: ['invoice/payment_received'], cases: ['invoice'] } } });
  expect(created.status).toBe(201);
  accounting = created.body;
});
afterAll(async () => s?.close());

describe('integration keys', () => {
  it('shows the secret once, keeps only its hash, and lists keys without it', async () => {
    expect(accounting.secret).toMatch(/^crmk_[A-Za-z0-9_-]{40,}$/);
    expect(accounting.secret.startsWith(accounting.prefix)).toBe(true);
    const list = await s.call<{ items: Key[] }>('GET', '/api/integration-keys', { as: 'admin' });
    expect(list.status).toBe(200);
    expect(list.body.items.map((k) => k.name)).toEqual(['Accounting (1C)']);
    expect(JSON.stringify(list.body)).not.toContain(accounting.secret);
    const stored = await s.em().getConnection().execute<{ secret_hash: string }[]>('select secret_hash from integration_key');
    expect(stored[0]!.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0]!.secret_hash).not.toContain(accounting.secret);
  });

  it('refuses bad input, a taken name, and anyone but an admin - creating nothing', async () => {
    const bad = await s.call<{ problems: { path: string }[] }>('POST', '/api/integration-keys', { as: 'admin', body: { name: '', scopes: { events: ['not a scope'], cases: ['Bad Key'] } } });
    expect(bad.status).toBe(400);
    expect(bad.body.problems.map((p) => p.path).sort()).toEqual(['name', 'scopes.cases[0]', 'scopes.events[0]']);
    expect((await s.call('POST', '/api/integration-keys', { as: 'admin', body: { name: 'Accounting (1C)', scopes: {} } })).status).toBe(409);
    for (const who of ['seller1', 'director', 'designer']) {
      expect((await s.call('POST', '/api/integration-keys', { as: who, body: { name: `By ${who}`, scopes: {} } })).status).toBe(403);
      expect((await s.call('GET', '/api/integration-keys', { as: who })).status).toBe(403);
    }
    expect((await s.call('POST', '/api/integration-keys', { body: { name: 'Nobody', scopes: {} } })).status).toBe(401);
    // A key cannot make keys either.
    expect((await asKey(accounting.secret, 'POST', '/api/integration-keys', { name: 'Child', scopes: {} })).status).toBe(403);
    const list = await s.call<{ items: Key[] }>('GET', '/api/integration-keys', { as: 'admin' });
    expect(list.body.items).toHaveLength(1);
  });

  it('lets the key report a payment to a case of its route; the timeline names it as the sender', async () => {
    const id = await awaitingPayment('invoice');
    const sent = await asKey(accounting.secret, 'POST', `/api/processes/${id}/events`, { name: 'payment_received', payload: { amount: 125000 } });
    expect(sent.status).toBe(202);
    const done = await eventually(() => s.call<Case>('GET', `/api/processes/${id}`, { as: 'seller1' }), (r) => r.body.status === 'completed');
    const received = done.body.timeline.find((e) => e.type === 'event.received')!;
    expect(received.actorId).toBeNull();
    expect(received.data).toMatchObject({ name: 'payment_received', payload: { amount: 125000 }, sentBy: { kind: 'integration', id: accounting.id, label: 'Accounting (1C)' } });
    const keys = await s.call<{ items: Key[] }>('GET', '/api/integration-keys', { as: 'admin' });
    expect(keys.body.items[0]!.lastUsedAt).not.toBeNull();
  });

  it('reads the cases of the routes it names, and nothing else', async () => {
    const mine = await awaitingPayment('invoice');
    const other = await awaitingPayment('other');
    const list = await asKey(accounting.secret, 'GET', '/api/processes?limit=100');
    expect(list.status).toBe(200);
    expect(list.body.items.map((c) => c.id)).toContain(mine);
    expect(list.body.items.map((c) => c.id)).not.toContain(other);
    expect((await asKey(accounting.secret, 'GET', `/api/processes/${mine}`)).status).toBe(200);
    expect((await asKey(accounting.secret, 'GET', `/api/processes/${other}`)).status).toBe(403);
    for (const [method, path] of [['GET', '/api/assignments/inbox'], ['GET', '/api/routes'], ['POST', `/api/processes/${mine}/cancel`], ['GET', '/api/auth/me']] as const) {
      expect((await asKey(accounting.secret, method, path, method === 'POST' ? { reason: 'x' } : undefined)).status).toBe(403);
    }
  });

  it('refuses events outside its scopes, or that the route keeps for people, and changes nothing', async () => {
    const other = await awaitingPayment('other');
    expect((await asKey(accounting.secret, 'POST', `/api/processes/${other}/events`, { name: 'payment_received', payload: { amount: 1 } })).status).toBe(403);
    const id = await awaitingPayment('invoice');
    const note = await asKey(accounting.secret, 'POST', `/api/processes/${id}/events`, { name: 'note' });
    expect(note.status).toBe(403);
    expect((note.body as unknown as { detail: string }).detail).toMatch(/other systems/);
    const still = await s.call<Case>('GET', `/api/processes/${id}`, { as: 'seller1' });
    expect(still.body.status).toBe('running');
    expect(still.body.timeline.some((e) => e.type === 'event.received')).toBe(false);
  });

  it('is refused everywhere once revoked; only admins revoke', async () => {
    const spare = await s.call<Key & { secret: string }>('POST', '/api/integration-keys', { as: 'admin', body: { name: 'Spare', scopes: { cases: ['*'] } } });
    expect((await asKey(spare.body.secret, 'GET', '/api/processes')).status).toBe(200);
    expect((await s.call('POST', `/api/integration-keys/${spare.body.id}/revoke`, { as: 'seller1' })).status).toBe(403);
    expect((await s.call('POST', `/api/integration-keys/${crypto.randomUUID()}/revoke`, { as: 'admin' })).status).toBe(404);
    expect((await s.call('POST', '/api/integration-keys/not-a-uuid/revoke', { as: 'admin' })).status).toBe(400);
    const revoked = await s.call<Key>('POST', `/api/integration-keys/${spare.body.id}/revoke`, { as: 'admin' });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    expect((await asKey(spare.body.secret, 'GET', '/api/processes')).status).toBe(401);
    expect((await asKey('crmk_made-up', 'GET', '/api/processes')).status).toBe(401);
  });
});

describe('who may send an event', () => {
  it('by default the case\'s participants; the roles an event lists; nobody else', async () => {
    const id = await awaitingPayment('invoice');
    // "note" has no senders: participants only. seller3 is a colleague, not involved.
    expect((await s.call('POST', `/api/processes/${id}/events`, { as: 'seller3', body: { name: 'note' } })).status).toBe(403);
    expect((await s.call('POST', `/api/processes/${id}/events`, { as: 'sales.head', body: { name: 'note' } })).status).toBe(403);
    expect((await s.call('POST', `/api/processes/${id}/events`, { as: 'seller1', body: { name: 'note' } })).status).toBe(202);
    // payment_received also admits the management role, who is not a participant.
    expect((await s.call('POST', `/api/processes/${id}/events`, { as: 'seller3', body: { name: 'payment_received', payload: { amount: 1 } } })).status).toBe(403);
    expect((await s.call('POST', `/api/processes/${id}/events`, { as: 'director', body: { name: 'payment_received', payload: { amount: 7 } } })).status).toBe(202);
    const done = await eventually(() => s.call<Case>('GET', `/api/processes/${id}`, { as: 'seller1' }), (r) => r.body.status === 'completed');
    const received = done.body.timeline.find((e) => e.type === 'event.received')!;
    expect(received.data).toMatchObject({ payload: { amount: 7 }, sentBy: { kind: 'employee', label: demoEmail('director') } });
  });

  it('refuses a route whose event names a role that does not exist, naming the field', async () => {
    const draft = invoiceRoute('bad-senders');
    (draft.events.payment_received.senders as { roles: string[] }).roles = ['no-such-role'];
    const created = await s.call<{ id: string }>('POST', '/api/routes', { as: 'designer', body: { key: 'bad-senders', draft } });
    const published = await s.call<{ problems: { path: string; message: string }[] }>('POST', `/api/routes/${created.body.id}/publish`, { as: 'designer', body: { revision: 1 } });
    expect(published.status).toBe(422);
    expect(published.body.problems).toContainEqual(expect.objectContaining({ path: 'events.payment_received.senders.roles[0]' }));
  });
});
