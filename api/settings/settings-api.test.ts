// The company's working calendar: everyone reads it, admins change it, and every graph route
// published afterwards carries it (decree days off included).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintRoute } from '../../infra/testing/graph-routes.ts';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';

type Settings = { timeZone: string; overrides: { holidays?: string[] }; updatedBy: string | null };
type Problems = { problems: { path: string; message: string }[] };

let s: TestStack;
beforeAll(async () => {
  s = await startTestStack();
});
afterAll(async () => s?.close());

const publishComplaint = async (key: string) => {
  const created = await s.call<{ id: string }>('POST', '/api/routes', { as: 'designer', body: { key, draft: complaintRoute() } });
  const published = await s.call<{ definition: { calendar: { holidays: string[]; timeZone: string } } }>('POST', `/api/routes/${created.body.id}/publish`, { as: 'designer', body: { revision: 1 } });
  expect(published.status).toBe(201);
  return published.body.definition.calendar;
};

describe('company calendar settings', () => {
  it('starts with the demo company\'s decree days off, which published routes carry', async () => {
    const settings = await s.call<Settings>('GET', '/api/settings/calendar', { as: 'engineer1' });
    expect(settings.status).toBe(200);
    expect(settings.body).toMatchObject({ timeZone: 'Europe/Moscow', overrides: { holidays: expect.arrayContaining(['2026-12-31']) as string[] } });
    const calendar = await publishComplaint('complaint-a');
    expect(calendar.holidays).toEqual(expect.arrayContaining(['2026-01-09', '2026-05-11', '2026-12-31', '2026-06-12']));
  });

  it('lets an admin add a company day off; routes published afterwards have it, earlier versions keep theirs', async () => {
    const before = await publishComplaint('complaint-b');
    const saved = await s.call<Settings>('PUT', '/api/settings/calendar', {
      as: 'admin',
      body: { timeZone: 'Europe/Moscow', overrides: { holidays: ['2026-01-09', '2026-05-11', '2026-12-31', '2026-11-27'] } },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.updatedBy).not.toBeNull();
    expect((await publishComplaint('complaint-c')).holidays).toContain('2026-11-27');
    expect(before.holidays).not.toContain('2026-11-27');
  });

  it('refuses bad dates, zones and hours with the field, and changes nothing', async () => {
    const badDate = await s.call<Problems>('PUT', '/api/settings/calendar', { as: 'admin', body: { timeZone: 'Europe/Moscow', overrides: { holidays: ['31.12.2026'] } } });
    expect(badDate.status).toBe(400);
    expect(badDate.body.problems[0]!.path).toBe('overrides.holidays[0]');
    const badZone = await s.call<Problems>('PUT', '/api/settings/calendar', { as: 'admin', body: { timeZone: 'Mars/Olympus', overrides: {} } });
    expect(badZone.status).toBe(400);
    expect(badZone.body.problems[0]!.path).toBe('timeZone');
    const badHours = await s.call('PUT', '/api/settings/calendar', { as: 'admin', body: { timeZone: 'Europe/Moscow', hours: { mon: [{ from: '18:00', to: '09:00' }] }, overrides: {} } });
    expect(badHours.status).toBe(400);
    // A week without any hours is refused under the name the person sent, not the calendar's.
    const noHours = await s.call<Problems>('PUT', '/api/settings/calendar', { as: 'admin', body: { timeZone: 'Europe/Moscow', hours: {}, overrides: {} } });
    expect(noHours.status).toBe(400);
    expect(noHours.body.problems.map((p) => p.path)).toEqual(['hours']);
    expect((await s.call<Settings>('GET', '/api/settings/calendar', { as: 'admin' })).body.timeZone).toBe('Europe/Moscow');
  });

  it('lets only admins change it, and nobody unsigned read it', async () => {
    expect((await s.call('PUT', '/api/settings/calendar', { as: 'director', body: { timeZone: 'Europe/Moscow', overrides: {} } })).status).toBe(403);
    expect((await s.call('GET', '/api/settings/calendar')).status).toBe(401);
    expect((await s.call('PUT', '/api/settings/calendar', { body: { timeZone: 'Europe/Moscow', overrides: {} } })).status).toBe(401);
  });
});
