// The survey schedules, ensured by every worker at start-up like the birthday calls': the phone
// round fires at 10:00 company time on each of the first ten days of the month and starts the
// round only on the first working day (a Schedule's calendar cannot say "first working day"; the
// activity reads the company calendar, and the round's case id is derived from the month); the
// complaint sweep fires every 5 minutes. Missed firings are caught up within a day.
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client, type ScheduleHandle } from '@temporalio/client';
import type { surveyComplaints, surveyPhoneRound } from '../workflows/survey-rounds.ts';

export const SURVEY_ROUND_HOUR = 10;
export const surveyPhoneScheduleId = (taskQueue: string): string => `survey-phone-${taskQueue}`;
export const surveyComplaintsScheduleId = (taskQueue: string): string => `survey-complaints-${taskQueue}`;

export interface SurveyScheduleOptions {
  taskQueue: string;
  timeZone: string;
  hour: number;
}

async function ensure(client: Client, scheduleId: string, create: () => Promise<ScheduleHandle>): Promise<ScheduleHandle> {
  try {
    return await create();
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    return client.schedule.getHandle(scheduleId);
  }
}

export async function ensureSurveySchedules(client: Client, opts: SurveyScheduleOptions): Promise<{ phone: ScheduleHandle; complaints: ScheduleHandle }> {
  const phoneId = surveyPhoneScheduleId(opts.taskQueue);
  const spec = { calendars: [{ dayOfMonth: { start: 1, end: 10 }, hour: opts.hour, minute: 0 }], timezone: opts.timeZone };
  const phone = await ensure(client, phoneId, () => client.schedule.create<typeof surveyPhoneRound>({
    scheduleId: phoneId, spec,
    action: { type: 'startWorkflow', workflowType: 'surveyPhoneRound', taskQueue: opts.taskQueue, args: [], workflowId: phoneId },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
  }));
  const current = await phone.describe();
  const hour = current.spec.calendars?.[0]?.hour?.[0];
  if (current.spec.timezone !== opts.timeZone || hour?.start !== opts.hour) await phone.update((previous) => ({ ...previous, spec }));
  const complaintsId = surveyComplaintsScheduleId(opts.taskQueue);
  const complaints = await ensure(client, complaintsId, () => client.schedule.create<typeof surveyComplaints>({
    scheduleId: complaintsId, spec: { intervals: [{ every: '5 minutes' }] },
    action: { type: 'startWorkflow', workflowType: 'surveyComplaints', taskQueue: opts.taskQueue, args: [], workflowId: complaintsId },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
  }));
  return { phone, complaints };
}
