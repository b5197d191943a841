// The birthday-call schedule as its users notice it: every morning at 9:00 in the company's time
// zone, the owner of each client whose contact person has a birthday that day finds one task in
// their inbox to call and congratulate - one, however often the schedule or its activity runs -
// and nobody gets a task for a birthday on another day. Runs on the real dev server (Schedules
// are not in the time-skipping server) and PostgreSQL, with the shipped `birthday-call` route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthdaysOn, localDate } from '../domain/clients/birthdays.ts';
import { ensureBirthdaySchedule } from '../infra/birthday-schedule.ts';
import { startTestStack, type TestStack } from '../infra/testing/stack.ts';
import type { birthdayCalls } from './birthday-calls.ts';

type Inbox = { items: { id: string; stepName: string; process: { id: string; subject: string } }[] };
type CaseView = { variables: Record<string, unknown>; route: { key: string } };

describe('which birthdays a date celebrates (pure)', () => {
  it('reads the date in the company time zone: 22:30 UTC on 24 November is already the 25th in Moscow', () => {
    expect(localDate(new Date('2026-11-24T22:30:00Z'), 'Europe/Moscow')).toBe('2026-11-25');
    expect(localDate(new Date('2026-11-24T20:30:00Z'), 'Europe/Moscow')).toBe('2026-11-24');
  });
  it('keeps 29 February on the 28th in a common year, and on the 29th in a leap year', () => {
    expect(birthdaysOn('2027-02-28')).toEqual([{ month: 2, day: 28 }, { month: 2, day: 29 }]);
    expect(birthdaysOn('2028-02-28')).toEqual([{ month: 2, day: 28 }]);
    expect(birthdaysOn('2028-02-29')).toEqual([{ month: 2, day: 29 }]);
  });
});

describe('the birthday-call schedule', () => {
  let s: TestStack;
  // "Today" as the company counts it; the test creates contacts born today and tomorrow.
  const today = localDate(new Date(), 'Europe/Moscow');
  const [, month, day] = today.split('-').map(Number) as [number, number, number];
  const tomorrow = localDate(new Date(Date.now() + 86_400_000), 'Europe/Moscow');
  const [, tMonth, tDay] = tomorrow.split('-').map(Number) as [number, number, number];
  const clientName = `ООО «Именинник» ${crypto.randomUUID().slice(0, 6)}`;

  beforeAll(async () => {
    s = await startTestStack();
    await s.startWorker();
    const created = await s.call<{ id: string }>('POST', '/api/clients', {
      as: 'seller1',
      body: {
        name: clientName,
        kind: 'legal',
        contacts: [
          { fullName: 'Анна Сегодняшняя', phones: ['+7 912 000-11-22'], birthday: { day, month, year: 1980 } },
          { fullName: 'Борис Завтрашний', phones: ['+7 912 000-33-44'], birthday: { day: tDay, month: tMonth, year: null } },
        ],
      },
    });
    expect(created.status).toBe(201);
  });
  afterAll(async () => {
    await s?.close();
  });

  const myBirthdayTasks = async () => {
    const inbox = await s.call<Inbox>('GET', '/api/assignments/inbox?limit=100', { as: 'seller1' });
    return inbox.body.items.filter((i) => i.process.subject.includes(clientName));
  };

  it('is set for 9:00 in the company time zone', async () => {
    const handle = await ensureBirthdaySchedule(s.client, { taskQueue: s.taskQueue, timeZone: 'Europe/Moscow', hour: 9 });
    const described = await handle.describe();
    expect(described.spec.timezone).toBe('Europe/Moscow');
    const next = described.info.nextActionTimes.slice(0, 3);
    expect(next.length).toBeGreaterThan(0);
    // 9:00 in Moscow (UTC+3, no daylight saving) is 6:00 UTC, every day.
    for (const t of next) expect([t.getUTCHours(), t.getUTCMinutes()]).toEqual([6, 0]);
    // Ensured again with another hour (settings changed), it follows.
    await ensureBirthdaySchedule(s.client, { taskQueue: s.taskQueue, timeZone: 'Asia/Yekaterinburg', hour: 8 });
    const moved = await handle.describe();
    expect(moved.spec.timezone).toBe('Asia/Yekaterinburg');
    for (const t of moved.info.nextActionTimes.slice(0, 2)) expect(t.getUTCHours()).toBe(3);
    await handle.delete();
  });

  it('gives the owner one call task for a birthday today, none for tomorrow, however often it runs', async () => {
    // Three runs of the morning at once (a re-triggered schedule, a retried activity), then one more.
    const run = (n: number) => s.client.workflow.execute<typeof birthdayCalls>('birthdayCalls', { taskQueue: s.taskQueue, workflowId: `birthday-test-${n}-${crypto.randomUUID()}`, args: [] });
    const results = await Promise.all([run(1), run(2), run(3)]);
    expect(results.every((r) => r.date === today)).toBe(true);
    const tasks = await myBirthdayTasks();
    expect(tasks.map((t) => t.stepName)).toEqual(['Поздравить с днём рождения']);
    expect(tasks[0]!.process.subject).toContain('Анна Сегодняшняя');
    const again = await run(4);
    expect(again.started).toBe(0);
    expect(again.alreadyStarted).toBeGreaterThanOrEqual(1);
    expect(await myBirthdayTasks()).toHaveLength(1);

    const view = await s.call<CaseView>('GET', `/api/processes/${tasks[0]!.process.id}`, { as: 'seller1' });
    expect(view.body.route.key).toBe('birthday-call');
    expect(view.body.variables).toMatchObject({ owner: 'seller1@leader.example', client: clientName, contact: 'Анна Сегодняшняя', phone: '+7 912 000-11-22', birthday: today });
  });
});
