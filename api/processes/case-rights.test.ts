// What the case view tells its viewer they may do (`can`) and the admins' link to the Temporal
// Web UI: each right agrees with what the action's endpoint then accepts or refuses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail } from '../../infra/db/demo-data.ts';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';

type View = {
  status: string;
  can: { cancel: boolean; reassign: boolean; sendEvent: string[] };
  temporalUrl: string | null;
  workingMs: Record<string, number>;
  assignments: { id: string; status: string; openedAt: string; completedAt: string | null }[];
};

// seller1 starts; the offer is seller2's. "paid" comes from the case's participants (the
// default), "nudge" only from managers.
const route = {
  language: 'route/v1',
  name: 'Rights',
  events: {
    paid: { label: 'Paid', payload: { amount: { type: 'number', required: true } } },
    nudge: { label: 'Nudge', senders: { participants: false, roles: ['manager'] } },
  },
  start: 'offer',
  nodes: [
    { id: 'offer', kind: 'task', name: 'Offer', assignee: { type: 'person', email: demoEmail('seller2') }, due: 'P2D', next: 'wait-pay' },
    { id: 'wait-pay', kind: 'wait', event: 'paid', timeout: 'P3D', next: 'done' },
    { id: 'done', kind: 'end', result: 'success' },
  ],
};

let s: TestStack;
let id: string;
const UI = 'https://temporal.example.com/';

beforeAll(async () => {
  s = await startTestStack({ temporalUiUrl: UI });
  await s.startWorker();
  const created = await s.call<{ id: string }>('POST', '/api/routes', { as: 'designer', body: { key: 'rights', draft: route } });
  const published = await s.call('POST', `/api/routes/${created.body.id}/publish`, { as: 'designer', body: { revision: 1 } });
  expect(published.status, JSON.stringify(published.body)).toBe(201);
  const started = await s.call<{ id: string }>('POST', '/api/processes', { as: 'seller1', body: { routeKey: 'rights', subject: 'Rights case' } });
  expect(started.status).toBe(201);
  id = started.body.id;
});
afterAll(async () => s?.close());

const view = (who: string) => s.call<View>('GET', `/api/processes/${id}`, { as: who });

describe('what the case view lets its viewer do', () => {
  it('offers each person the actions the API accepts from them', async () => {
    const starter = await view('seller1');
    expect(starter.body.can).toEqual({ cancel: true, reassign: false, sendEvent: ['paid'] });
    const holder = await view('seller2');
    expect(holder.body.can).toEqual({ cancel: false, reassign: false, sendEvent: ['paid'] });
    const manager = await view('sales.head');
    expect(manager.body.can).toEqual({ cancel: true, reassign: true, sendEvent: ['nudge'] });
    const admin = await view('admin');
    expect(admin.body.can).toEqual({ cancel: true, reassign: true, sendEvent: [] });

    // The endpoints agree: the manager may nudge but not report a payment; the holder may not reassign.
    expect((await s.call('POST', `/api/processes/${id}/events`, { as: 'sales.head', body: { name: 'paid', payload: { amount: 5 } } })).status).toBe(403);
    expect((await s.call('POST', `/api/processes/${id}/events`, { as: 'sales.head', body: { name: 'nudge' } })).status).toBe(202);
    const open = holder.body.assignments.find((a) => a.status === 'open')!;
    const seller3 = await s.call<{ id: string }>('GET', '/api/auth/me', { as: 'seller3' });
    expect((await s.call('POST', `/api/assignments/${open.id}/reassign`, { as: 'seller2', body: { employeeId: seller3.body.id, reason: 'Holiday' } })).status).toBe(403);
  });

  it('links only admins to the case in the Temporal Web UI', async () => {
    const admin = await view('admin');
    expect(admin.body.temporalUrl).toMatch(/^https:\/\/temporal\.example\.com\/namespaces\/default\/workflows\/[^/]+$/);
    expect(admin.body.temporalUrl).toContain(id);
    for (const who of ['sales.head', 'seller1', 'director']) expect((await view(who)).body.temporalUrl).toBeNull();
  });

  it('refuses a malformed id and a person not involved, without telling them any rights', async () => {
    const bad = await s.call('GET', '/api/processes/not-a-uuid', { as: 'sales.head' });
    expect(bad.status).toBe(400);
    const stranger = await s.call<Record<string, unknown>>('GET', `/api/processes/${id}`, { as: 'seller3' });
    expect(stranger.status).toBe(403);
    expect(stranger.body.can).toBeUndefined();
  });

  it("gives each completed step's working time on the version's calendar", async () => {
    const before = await view('seller2');
    const offer = before.body.assignments.find((a) => a.status === 'open')!;
    expect((await s.call('POST', `/api/assignments/${offer.id}/complete`, { as: 'seller2', body: {} })).status).toBe(200);
    const after = await s.call<View>('GET', `/api/processes/${id}`, { as: 'sales.head' });
    const done = after.body.assignments.find((a) => a.id === offer.id)!;
    // Working time never exceeds the calendar time (it is 0 at night or on a day off).
    expect(after.body.workingMs[offer.id]).toBeGreaterThanOrEqual(0);
    expect(after.body.workingMs[offer.id]).toBeLessThanOrEqual(Date.parse(done.completedAt!) - Date.parse(done.openedAt));
  });

  it("gives a list-of-steps (v0) case's working time on the company's calendar", async () => {
    const started = await s.call<{ id: string }>('POST', '/api/processes', { as: 'seller1', body: { routeKey: 'installation-handoff', subject: 'Pavilion 12', variables: { contract_no: 'Д-118', install_by: '2026-12-10' } } });
    const queue = await s.call<{ items: { id: string; process: { id: string } }[] }>('GET', '/api/assignments/queue', { as: 'assistant' });
    const step = queue.body.items.find((i) => i.process.id === started.body.id)!;
    expect((await s.call('POST', `/api/assignments/${step.id}/claim`, { as: 'assistant' })).status).toBe(200);
    expect((await s.call('POST', `/api/assignments/${step.id}/complete`, { as: 'assistant', body: { form: { documents_link: 'https://docs.example/118' } } })).status).toBe(200);
    const v = await s.call<View>('GET', `/api/processes/${started.body.id}`, { as: 'sales.head' });
    expect(v.status).toBe(200);
    expect(v.body.workingMs[step.id]).toBeGreaterThanOrEqual(0);
  });

  it('offers nothing once the case has ended', async () => {
    const cancelled = await s.call<View>('POST', `/api/processes/${id}/cancel`, { as: 'sales.head', body: { reason: 'The client withdrew' } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body.can).toEqual({ cancel: false, reassign: false, sendEvent: [] });
  });
});
