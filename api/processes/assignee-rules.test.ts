// Who gets the work on a graph route: the person named in a variable, the case's starter, the
// manager of whoever did an earlier step, and round-robin over a role (turn by turn, across
// cases); plus a reminder before the due time and a raise-priority escalation after it, under
// Temporal's time skipping.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail } from '../../infra/db/demo-data.ts';
import { eventually } from '../../infra/testing/eventually.ts';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';

type Item = { id: string; stepId: string; status: string; priority: string; overdue: boolean; assigneeId: string | null; role: string | null; process: { id: string } };
type Case = {
  status: string;
  result: { outcome?: string; reason?: string } | null;
  timeline: { type: string; stepId: string | null; data: Record<string, unknown> | null }[];
  live: { openSteps: { assignmentId?: unknown }[] } | null;
  assignments: { stepId: string; status: string }[];
};

const handoverRoute = () => ({
  language: 'route/v1',
  name: 'Handover',
  variables: { owner: { type: 'text', required: true } },
  start: 'prepare',
  nodes: [
    { id: 'prepare', kind: 'task', name: 'Prepare the documents', assignee: { type: 'variable', variable: 'owner' }, next: 'confirm' },
    { id: 'confirm', kind: 'task', name: 'Confirm the request', assignee: { type: 'starter' }, next: 'approve' },
    { id: 'approve', kind: 'task', name: 'Approve the handover', assignee: { type: 'manager-of', step: 'prepare' }, next: 'visit' },
    {
      id: 'visit',
      kind: 'task',
      name: 'Visit the site',
      assignee: { type: 'role', role: 'service', pick: 'round-robin' },
      outcomes: [
        { id: 'again', label: 'Another visit is needed' },
        { id: 'done', label: 'Done' },
      ],
      next: 'more',
    },
    { id: 'more', kind: 'decision', branches: [{ when: { '==': [{ var: 'outcomes.visit' }, 'again'] }, next: 'visit' }], otherwise: 'finished' },
    { id: 'finished', kind: 'end' },
  ],
});

const callbackRoute = () => ({
  language: 'route/v1',
  name: 'Call back',
  start: 'call',
  nodes: [
    {
      id: 'call',
      kind: 'task',
      name: 'Call the client back',
      assignee: { type: 'person', email: demoEmail('seller2') },
      due: 'P1D',
      remindBefore: ['PT2H'],
      escalations: [{ after: 'PT1H', action: { type: 'raise-priority' } }],
    },
  ],
});

const visitRoute = () => ({
  language: 'route/v1',
  name: 'Site visit',
  start: 'visit',
  nodes: [{ id: 'visit', kind: 'task', name: 'Visit the site', assignee: { type: 'role', role: 'service', pick: 'round-robin' } }],
});

const SERVICE = ['service.head', 'engineer1', 'engineer2'];
const EVERYONE = ['director', 'sales.head', 'seller1', 'seller2', 'seller3', 'quality', ...SERVICE];

let s: TestStack;
beforeAll(async () => {
  s = await startTestStack({ timeSkipping: true });
  await s.startWorker();
  for (const [key, draft] of [['handover', handoverRoute()], ['callback', callbackRoute()], ['visit', visitRoute()]] as const) {
    const created = await s.call<{ id: string }>('POST', '/api/routes', { as: 'designer', body: { key, draft } });
    const published = await s.call('POST', `/api/routes/${created.body.id}/publish`, { as: 'designer', body: { revision: 1 } });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
  }
});
afterAll(async () => s?.close());

const view = (id: string) => s.call<Case>('GET', `/api/processes/${id}`, { as: 'director' });
const inbox = async (who: string, processId: string) =>
  (await s.call<{ items: Item[] }>('GET', '/api/assignments/inbox', { as: who })).body.items.filter((i) => i.process.id === processId);
const notes = async (who: string, processId: string) =>
  (await s.call<{ items: { title: string; processId: string | null }[] }>('GET', '/api/notifications', { as: who })).body.items.filter((n) => n.processId === processId).map((n) => n.title);
const start = async (as: string, routeKey: string, subject: string, variables: Record<string, string> = {}) => {
  const res = await s.call<{ id: string }>('POST', '/api/processes', { as, body: { routeKey, subject, variables } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
};

/** Waits until `stepId` is open, and returns who has it in their inbox (exactly one person). */
async function holderOf(processId: string, stepId: string): Promise<{ who: string; item: Item }> {
  const found = await eventually(
    async () => (await Promise.all(EVERYONE.map(async (who) => ({ who, item: (await inbox(who, processId)).find((i) => i.stepId === stepId && i.status === 'open') })))).filter((h) => h.item),
    (holders) => holders.length > 0,
  );
  expect(found.map((h) => h.who), `${stepId} is in more than one inbox`).toHaveLength(1);
  const { who, item } = found[0]!;
  return { who, item: item! };
}

async function complete(processId: string, stepId: string, outcome?: string): Promise<string> {
  const { who, item } = await holderOf(processId, stepId);
  const res = await s.call('POST', `/api/assignments/${item.id}/complete`, { as: who, body: outcome ? { outcome } : {} });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return who;
}

describe('assignment rules', () => {
  it('gives each step to the owner, the starter, the owner\'s manager and the service engineers in turn', async () => {
    // The quality manager starts the case for seller1's deal: the owner is seller1.
    const id = await start('quality', 'handover', 'Handover: Pavilion 12', { owner: demoEmail('seller1') });
    expect(await complete(id, 'prepare')).toBe('seller1');
    expect(await complete(id, 'confirm')).toBe('quality');
    // The manager of whoever prepared (seller1): the head of sales, not the starter's manager.
    expect(await complete(id, 'approve')).toBe('sales.head');

    // Round-robin: whoever had service work longest ago (never, at first: by name), one at a time.
    const visits: string[] = [];
    for (const outcome of ['again', 'again', 'again', 'done']) visits.push(await complete(id, 'visit', outcome));
    expect(visits).toEqual(['engineer2', 'engineer1', 'service.head', 'engineer2']);
    expect((await eventually(() => view(id), (r) => r.body.status === 'completed')).body.result).toMatchObject({ outcome: 'success' });

    // The turn carries over to the next case: engineer1 has waited longest now.
    const next = await start('seller1', 'handover', 'Handover: Магазин 7', { owner: demoEmail('seller2') });
    expect(await complete(next, 'prepare')).toBe('seller2');
    expect(await complete(next, 'confirm')).toBe('seller1');
    expect(await complete(next, 'approve')).toBe('sales.head');
    expect((await holderOf(next, 'visit')).who).toBe('engineer1');
  });

  it('shares cases opened at the same moment among the engineers, one each', async () => {
    const ids = await Promise.all(['Kiosk 1', 'Kiosk 2', 'Kiosk 3'].map((subject) => start('seller1', 'visit', `Visit: ${subject}`)));
    const holders = await Promise.all(ids.map(async (id) => (await holderOf(id, 'visit')).who));
    expect(holders.sort()).toEqual([...SERVICE].sort());
  });

  it('refuses to start a case whose first step names nobody, and starts nothing', async () => {
    const before = (await s.call<{ total: number }>('GET', '/api/processes', { as: 'director' })).body.total;
    const res = await s.call<{ detail: string }>('POST', '/api/processes', { as: 'seller1', body: { routeKey: 'handover', subject: 'Handover: nobody', variables: { owner: 'nobody@leader.example' } } });
    expect(res.status).toBe(422);
    expect(res.body.detail).toBe('No active employee has the e-mail nobody@leader.example');
    expect((await s.call<{ total: number }>('GET', '/api/processes', { as: 'director' })).body.total).toBe(before);
  });

  it('ends a case whose later rule names nobody as failed, with the reason, and keeps the work done', async () => {
    // The director has no manager, so "the manager of whoever prepared" names nobody.
    const id = await start('seller1', 'handover', 'Handover: no manager', { owner: demoEmail('director') });
    expect(await complete(id, 'prepare')).toBe('director');
    expect(await complete(id, 'confirm')).toBe('seller1');
    const ended = await eventually(() => view(id), (r) => r.body.status !== 'running', 5_000);
    expect(ended.body.status).toBe('failed');
    expect(ended.body.result?.reason).toBe('Whoever completed prepare has no manager');
    expect(ended.body.assignments.map((a) => [a.stepId, a.status])).toEqual([
      ['prepare', 'completed'],
      ['confirm', 'completed'],
    ]);
  });
});

describe('a reminder and a raised priority', () => {
  it('reminds two hours before the due time and makes the work urgent an hour after it', async () => {
    const id = await start('seller1', 'callback', 'Call back: cold room');
    const { who, item } = await holderOf(id, 'call');
    expect(who).toBe('seller2');
    expect(item).toMatchObject({ priority: 'normal', overdue: false });
    expect(await notes('seller2', id)).toEqual(['New task: Call the client back']);

    await s.skip('23 hours');
    await eventually(() => notes('seller2', id), (n) => n.includes('Reminder: Call the client back'));
    expect((await inbox('seller2', id))[0]).toMatchObject({ priority: 'normal' });

    await s.skip('2 hours');
    const urgent = await eventually(() => inbox('seller2', id), (items) => items[0]?.priority === 'urgent');
    // (`overdue` is not checked: the API compares with the real clock, which time skipping does not move.)
    expect(urgent[0]).toMatchObject({ id: item.id, status: 'open' });
    const escalated = (await view(id)).body.timeline.filter((e) => e.type === 'step.escalated');
    expect(escalated.map((e) => e.data?.action)).toEqual([{ type: 'raise-priority', to: 'urgent' }]);
    // Raising the priority tells nobody, and the work stays where it was.
    expect(await notes('seller2', id)).toEqual(['Reminder: Call the client back', 'New task: Call the client back']);

    expect((await s.call('POST', `/api/assignments/${item.id}/complete`, { as: 'seller2', body: {} })).status).toBe(200);
    await eventually(() => view(id), (r) => r.body.status === 'completed');
  });
});
