// "A warning fired before a breach under time skipping" (issue 10): a task due in one working
// day with `warnBefore` four working hours, opened on a Friday afternoon before a weekend. The
// holder's manager hears of it on Monday at 14:00 Moscow time - not on Friday, not over the
// weekend, not a minute early - and the timeline says `step.at-risk` at that instant. A case whose
// step was done before then warns nobody.
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isWorkingDay } from '../../domain/calendar/calendar-math.ts';
import { buildRussianCalendar } from '../../domain/calendar/russian-calendar.ts';
import { eventually } from '../../infra/testing/eventually.ts';
import { recordHistory } from '../../infra/testing/histories.ts';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';

type Item = { id: string; stepId: string; dueAt: string | null; process: { id: string } };
type Case = {
  timeline: { type: string; stepId: string | null; at: string; data: Record<string, unknown> | null }[];
  live: { timers: { nodeId: string; label: string; at: string }[] } | null;
};
type Note = { kind: string; title: string; body: string };

const ZONE = 'Europe/Moscow';
const route = {
  language: 'route/v1',
  name: 'Quote in a day',
  start: 'quote',
  nodes: [
    {
      id: 'quote', kind: 'task', name: 'Prepare the quote', assignee: { type: 'person', email: 'seller1@leader.example' },
      due: { working: 'P1D' }, warnBefore: { working: 'PT4H' }, next: 'done',
    },
    { id: 'done', kind: 'end' },
  ],
};

/** A step in the service queue: nobody holds it, so the heads of the queue's people are told. */
const queueRoute = {
  language: 'route/v1',
  name: 'Check the unit',
  start: 'check',
  nodes: [
    { id: 'check', kind: 'task', name: 'Check the unit', assignee: { type: 'role', role: 'service', pick: 'queue' }, due: 'PT8H', warnBefore: 'PT2H', next: 'done' },
    { id: 'done', kind: 'end' },
  ],
};

let s: TestStack;
beforeAll(async () => {
  s = await startTestStack({ timeSkipping: true });
  await s.startWorker();
  for (const [key, draft] of [['quote-in-a-day', route], ['check-the-unit', queueRoute]] as const) {
    const created = await s.call<{ id: string }>('POST', '/api/routes', { as: 'designer', body: { key, draft } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const published = await s.call('POST', `/api/routes/${created.body.id}/publish`, { as: 'designer', body: { revision: 1 } });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
  }
});
afterAll(async () => s?.close());

/** The next Friday 15:00 Moscow that is a working day, with a weekend after it and a working Monday. */
function nextFridayAfternoon(fromMs: number): DateTime {
  const calendar = buildRussianCalendar({ years: [2026, 2027, 2028, 2029, 2030] });
  let day = DateTime.fromMillis(fromMs, { zone: ZONE }).startOf('day').plus({ days: 1 });
  for (;;) {
    const iso = (d: DateTime) => d.toISODate() ?? '';
    if (day.weekday === 5 && isWorkingDay(calendar, iso(day)) && !isWorkingDay(calendar, iso(day.plus({ days: 1 }))) && !isWorkingDay(calendar, iso(day.plus({ days: 2 }))) && isWorkingDay(calendar, iso(day.plus({ days: 3 }))) && isWorkingDay(calendar, iso(day.plus({ days: 4 })))) {
      return day.set({ hour: 15 });
    }
    day = day.plus({ days: 1 });
  }
}

const moscow = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toFormat('ccc yyyy-MM-dd HH:mm', { locale: 'en' });
const view = (id: string) => s.call<Case>('GET', `/api/processes/${id}`, { as: 'director' });
const notes = async (who: string) => (await s.call<{ items: Note[] }>('GET', '/api/notifications', { as: who })).body.items.filter((n) => n.kind === 'assignment.at-risk');
const skipTo = async (target: DateTime) => s.skip(`${Math.max(0, target.toMillis() - (await s.now()))}ms`);
const start = async (subject: string) => {
  const started = await s.call<{ id: string }>('POST', '/api/processes', { as: 'seller1', body: { routeKey: 'quote-in-a-day', subject } });
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  const id = started.body.id;
  const item = await eventually(
    async () => (await s.call<{ items: Item[] }>('GET', '/api/assignments/inbox', { as: 'seller1' })).body.items.find((i) => i.process.id === id && i.stepId === 'quote'),
    (i) => i !== undefined,
  );
  return { id, item: item! };
};

describe('warnBefore under time skipping', () => {
  it('tells the holder\'s manager at the working instant before the breach, and only about the step still open', async () => {
    const friday = nextFridayAfternoon(await s.now());
    await skipTo(friday);
    const late = await start('Quote for Павильон 12');
    const quick = await start('Quote for Магазин 7');

    // Due one working day later: Monday 18:00 Moscow; the warning four working hours before it.
    const monday = friday.plus({ days: 3 });
    expect(moscow(late.item.dueAt!)).toBe(`Mon ${monday.toISODate()} 18:00`);
    const timers = (await view(late.id)).body.live?.timers ?? [];
    expect(timers.map((t) => [t.label, moscow(t.at)])).toEqual([['warning', `Mon ${monday.toISODate()} 14:00`]]);

    // The second case's step is done on Friday: its warning goes with it.
    const done = await s.call('POST', `/api/assignments/${quick.item.id}/complete`, { as: 'seller1', body: {} });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect((await view(quick.id)).body.live?.timers ?? []).toEqual([]);

    // Over the weekend and through Monday morning: nobody is warned yet.
    await skipTo(monday.set({ hour: 13, minute: 59 }));
    expect(await notes('sales.head')).toEqual([]);
    expect((await view(late.id)).body.timeline.map((e) => e.type)).not.toContain('step.at-risk');

    // Monday 14:00 Moscow: the head of sales (seller1's manager) hears of the first case only.
    await skipTo(monday.set({ hour: 14, minute: 1 }));
    const heard = await eventually(() => notes('sales.head'), (n) => n.length > 0);
    const holder = await fullName('seller1');
    expect(heard.map(({ kind, title, body }) => ({ kind, title, body }))).toEqual([
      {
        kind: 'assignment.at-risk',
        title: 'At risk: Prepare the quote',
        body: `Step «Prepare the quote» of case «Quote for Павильон 12» will be overdue at ${monday.toFormat('dd.MM.yyyy')} 18:00 (Europe/Moscow) (held by ${holder}).`,
      },
    ]);
    const atRisk = (await view(late.id)).body.timeline.filter((e) => e.type === 'step.at-risk');
    expect(atRisk.map((e) => [e.stepId, moscow(e.at)])).toEqual([['quote', `Mon ${monday.toISODate()} 14:00`]]);
    expect(atRisk[0]?.data).toMatchObject({ dueAt: late.item.dueAt });
    // The holder is not told (the due time and the reminders are hers), nor the director above.
    expect(await notes('seller1')).toEqual([]);
    expect(await notes('director')).toEqual([]);
    expect((await view(quick.id)).body.timeline.map((e) => e.type)).not.toContain('step.at-risk');

    // Done after the warning: the case ends as usual.
    expect((await s.call('POST', `/api/assignments/${late.item.id}/complete`, { as: 'seller1', body: {} })).status).toBe(200);
    await recordHistory('warning-fired', s.client.workflow.getHandle(`process-${late.id}`));
  });

  it('tells the head of the queue\'s people about a step nobody has claimed, not the director above him', async () => {
    const started = await s.call<{ id: string }>('POST', '/api/processes', { as: 'seller1', body: { routeKey: 'check-the-unit', subject: 'Unit check for Магазин 7' } });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const id = started.body.id;
    const queued = await eventually(async () => (await s.call<{ items: Item[] }>('GET', '/api/assignments/queue', { as: 'engineer1' })).body.items.find((i) => i.process.id === id), (i) => i !== undefined);
    const warnAt = Date.parse(queued!.dueAt!) - 2 * 3_600_000;
    expect((await view(id)).body.live?.timers.map((t) => [t.label, Date.parse(t.at)])).toEqual([['warning', warnAt]]);
    await skipTo(DateTime.fromMillis(warnAt + 60_000));
    const heard = await eventually(() => notes('service.head'), (n) => n.length > 0);
    expect(heard.map((n) => n.body)).toEqual([expect.stringMatching(/^Step «Check the unit» of case «Unit check for Магазин 7» will be overdue at .* \(held by the service queue\)\.$/)]);
    // The director leads the head of service, not the queue's people: he is not told, nor the engineers.
    expect(await notes('director')).toEqual([]);
    expect(await notes('engineer1')).toEqual([]);
    const atRisk = (await view(id)).body.timeline.filter((e) => e.type === 'step.at-risk');
    expect(atRisk.map((e) => [e.stepId, e.data?.roleCode])).toEqual([['check', 'service']]);
    // At the instant, not before it (the test server fires a timer a few milliseconds late).
    const firedAt = Date.parse(atRisk[0]!.at);
    expect(firedAt).toBeGreaterThanOrEqual(warnAt);
    expect(firedAt).toBeLessThan(warnAt + 1_000);
  });
});

async function fullName(key: string): Promise<string> {
  const me = await s.call<{ fullName: string }>('GET', '/api/auth/me', { as: key });
  return me.body.fullName;
}
