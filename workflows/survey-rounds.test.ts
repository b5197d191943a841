// The survey schedules as their users notice them: the phone round is set for 10:00 company time
// on the first days of the month (it starts only on the first working one), the complaint sweep
// every 5 minutes, both ensured by every worker; a low score from a phone call - stored inside the
// engine's transaction, where no Temporal client is - gets its complaint route from the sweep,
// once however often it runs. Real dev server (Schedules) and PostgreSQL.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QuestionnaireVersion } from '../domain/surveys/entities.ts';
import { storeAnswers } from '../domain/surveys/store-answers.ts';
import { ensureSurveySchedules } from '../infra/survey-schedule.ts';
import { startTestStack, type TestStack } from '../infra/testing/stack.ts';
import type { surveyComplaints, surveyPhoneRound } from './survey-rounds.ts';

describe('the survey schedules', () => {
  let s: TestStack;
  beforeAll(async () => {
    s = await startTestStack();
    await s.startWorker();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('fire the phone round at 10:00 company time on the first ten days of a month, and sweep complaints every 5 minutes', async () => {
    const { phone, complaints } = await ensureSurveySchedules(s.client, { taskQueue: s.taskQueue, timeZone: 'Europe/Moscow', hour: 10 });
    const next = (await phone.describe()).info.nextActionTimes;
    expect(next.length).toBeGreaterThan(0);
    for (const t of next) {
      expect([t.getUTCHours(), t.getUTCMinutes()]).toEqual([7, 0]);
      expect(Number(new Intl.DateTimeFormat('en', { day: 'numeric', timeZone: 'Europe/Moscow' }).format(t))).toBeLessThanOrEqual(10);
    }
    const sweep = await complaints.describe();
    expect(sweep.spec.intervals?.[0]?.every).toBe(5 * 60_000);
    // Ensured again (a second worker): the same schedules.
    const again = await ensureSurveySchedules(s.client, { taskQueue: s.taskQueue, timeZone: 'Europe/Moscow', hour: 10 });
    expect(again.phone.scheduleId).toBe(phone.scheduleId);
    await phone.delete();
    await complaints.delete();
  });

  it('the phone round starts no case without the survey-phone route', async () => {
    const result = await s.client.workflow.execute<typeof surveyPhoneRound>('surveyPhoneRound', { taskQueue: s.taskQueue, workflowId: `survey-phone-test-${crypto.randomUUID()}`, args: [] });
    expect(result.started).toBe(false);
  });

  it('starts the complaint route of a low phone score once, however often the sweep runs', async () => {
    const db = s.em().getKysely();
    const { rows: [q] } = await sql<{ id: string }>`select id from questionnaire where key = 'satisfaction'`.execute(db);
    const version = await s.em().findOneOrFail(QuestionnaireVersion, { questionnaire: q!.id, version: 1 });
    const { rows: [client] } = await sql<{ id: string }>`select id from client order by name limit 1`.execute(db);
    const stored = await s.em().transactional((em) => storeAnswers(em, {
      key: `phone-${crypto.randomUUID()}`, versionId: version.id, questions: version.questions, clientId: client!.id, channel: 'phone', answeredAt: new Date(),
      values: { equipment: 2, installation: 4, recommend: 5 },
    }));
    expect(stored.complaintId).not.toBeNull();
    const sweep = (n: number) => s.client.workflow.execute<typeof surveyComplaints>('surveyComplaints', { taskQueue: s.taskQueue, workflowId: `survey-sweep-${n}-${crypto.randomUUID()}`, args: [] });
    expect(await sweep(1)).toBeGreaterThanOrEqual(1);
    await Promise.all([sweep(2), sweep(3)]);
    const { rows } = await sql<{ status: string }>`select status from process where record_type = 'complaint' and record_id = ${stored.complaintId}::uuid`.execute(db);
    expect(rows.map((r) => r.status)).toEqual(['running']);
  });
});
