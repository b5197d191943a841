// Run by the birthday-call Temporal Schedule every morning in the company's time zone: one
// activity starts that day's birthday-call cases. The firing time is the workflow's own clock
// (deterministic: the time of its first task), so a run that is retried or replayed keeps the
// date it fired for, even after midnight.
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { BirthdayActivities, BirthdayCallsResult } from '../activities/birthday-activities.ts';

const { startBirthdayCalls } = proxyActivities<BirthdayActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '10 seconds', maximumInterval: '5 minutes', maximumAttempts: 20 },
});

export async function birthdayCalls(): Promise<BirthdayCallsResult> {
  return startBirthdayCalls({ at: new Date().toISOString(), taskQueue: workflowInfo().taskQueue });
}
