// The birthday-call schedule: a Temporal Schedule that starts the `birthdayCalls` workflow every
// morning at 9:00 (BIRTHDAY_CALL_HOUR) in the company's time zone, so the tasks are in
// the owners' inboxes when the working day begins. Every worker ensures it at start-up: created
// when missing, and its time and zone brought up to date when the company's settings changed since.
// Missed mornings (the whole system down over night) are caught up for a day, not more: a
// birthday call three days late helps nobody, and the activity is idempotent per contact and date.
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client, type ScheduleHandle } from '@temporalio/client';
import type { birthdayCalls } from '../workflows/birthday-calls.ts';

/** The hour, in the company's time zone, the birthday-call cases are started at. */
export const BIRTHDAY_CALL_HOUR = 9;

export const birthdayScheduleId = (taskQueue: string): string => `birthday-calls-${taskQueue}`;

export interface BirthdayScheduleOptions {
  taskQueue: string;
  timeZone: string;
  hour: number;
}

export async function ensureBirthdaySchedule(client: Client, opts: BirthdayScheduleOptions): Promise<ScheduleHandle> {
  const scheduleId = birthdayScheduleId(opts.taskQueue);
  const spec = { calendars: [{ hour: opts.hour, minute: 0 }], timezone: opts.timeZone };
  try {
    return await client.schedule.create<typeof birthdayCalls>({
      scheduleId,
      spec,
      action: { type: 'startWorkflow', workflowType: 'birthdayCalls', taskQueue: opts.taskQueue, args: [], workflowId: scheduleId },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
    });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
  const handle = client.schedule.getHandle(scheduleId);
  const current = await handle.describe();
  const calendar = current.spec.calendars?.[0];
  const hour = calendar?.hour?.[0];
  const upToDate = current.spec.timezone === opts.timeZone && current.spec.calendars?.length === 1 && hour?.start === opts.hour && (hour.end ?? hour.start) === opts.hour;
  if (!upToDate) await handle.update((previous) => ({ ...previous, spec }));
  return handle;
}
