// The demo company's running cases, as its people see them on day one: sellers, the lawyer, the
// quality officer and the director each have tasks in their inbox, some late and escalated; the
// case list shows running and finished cases of every shipped route but the hand-off (signing a
// deal starts that); and a second run - the marker written, or a run cut short - adds nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoCases } from '../demo-cases.ts';
import { eventually } from '../testing/eventually.ts';
import { startTestStack, type TestStack } from '../testing/stack.ts';

let s: TestStack;
type Page = { items: { stepId: string; dueAt: string | null; priority: string }[]; nextCursor: string | null };
type Cases = { items: { route: { key: string }; status: string }[]; total: number };

const counts = async () => {
  const [row] = await s.em().execute<{ processes: string; assignments: string; deals: string }[]>(
    'select (select count(*) from process) as processes, (select count(*) from assignment) as assignments, (select count(*) from deal) as deals',
  );
  return row!;
};

beforeAll(async () => {
  s = await startTestStack();
  await s.startWorker();
}, 60_000);
afterAll(() => s?.close());

describe('demo cases', () => {
  it('fill the inboxes and the case list, once', async () => {
    const dealsBefore = Number((await counts()).deals);
    const first = await startDemoCases({ orm: s.orm, temporal: s.client, taskQueue: s.taskQueue, stepWaitMs: 10_000 });
    expect(first.ran).toBe(true);
    expect(first.started).toBeGreaterThanOrEqual(20);
    expect(first.completed).toBeGreaterThanOrEqual(20);

    // Every seller has work; the late demonstrations go up to the head of sales (their escalation
    // timers, already past, fire as soon as the workflows run).
    for (const who of ['seller1', 'seller2', 'lawyer', 'quality']) {
      const inbox = await s.call<Page>('GET', '/api/assignments/inbox?status=open&limit=100', { as: who });
      expect(inbox.status).toBe(200);
      expect(inbox.body.items.length, who).toBeGreaterThan(0);
    }
    // The demonstrations a fortnight old are overdue and escalated: the manager was told, and after
    // two more working days the head of sales holds them (which of the two, depends on the weekday).
    const lateDemos = await eventually(async () => {
      const held = await Promise.all(['seller1', 'sales.head'].map((who) => s.call<Page>('GET', '/api/assignments/inbox?status=overdue&limit=100', { as: who })));
      return held.flatMap((r) => r.body.items).filter((a) => a.stepId === 'demo').length;
    }, (n) => n >= 1, 30_000);
    expect(lateDemos).toBeGreaterThanOrEqual(1);
    const [escalated] = await s.em().execute<{ n: string }[]>("select count(*) as n from step_event where type = 'step.escalated'");
    expect(Number(escalated!.n)).toBeGreaterThan(0);
    const quality = await s.call<Page>('GET', '/api/assignments/inbox?status=open&limit=100', { as: 'quality' });
    expect(quality.body.items.some((a) => a.priority === 'urgent')).toBe(true);

    // The case list: the deal, complaint and payment-reminder routes running and finished.
    const all = await s.call<Cases>('GET', '/api/processes?limit=200', { as: 'director' });
    expect(all.status).toBe(200);
    const of = (key: string, status: string) => all.body.items.filter((c) => c.route.key === key && c.status === status).length;
    expect(of('deal', 'running')).toBeGreaterThanOrEqual(8);
    expect(of('deal', 'completed')).toBe(1); // lost at the demonstration
    expect(of('complaint', 'running')).toBeGreaterThan(0);
    expect(of('complaint', 'completed')).toBeGreaterThan(0);
    expect(of('payment-reminder', 'running')).toBeGreaterThan(0);
    // The two signed deals hand over to installation: an order made from each, with its hand-off running.
    expect(of('installation-handoff', 'running')).toBe(2);
    const orders = await s.em().getConnection().execute<{ n: string }[]>("select count(*) as n from installation_order o join deal d on d.id = o.deal_id where d.status = 'won' and o.status = 'new'");
    expect(Number(orders[0]!.n)).toBeGreaterThanOrEqual(2);
    // Twelve deals opened with their route: three sellers, four each.
    expect(Number((await counts()).deals) - dealsBefore).toBe(12);

    // Again: the marker stops it; and a run cut short (no marker yet) finishes without duplicates.
    const before = await counts();
    expect((await startDemoCases({ orm: s.orm, temporal: s.client, taskQueue: s.taskQueue })).ran).toBe(false);
    const again = await startDemoCases({ orm: s.orm, temporal: s.client, taskQueue: s.taskQueue, ignoreMarker: true, stepWaitMs: 2_000 });
    expect(again.completed).toBe(0);
    expect(await counts()).toEqual(before);
  }, 240_000);
});
