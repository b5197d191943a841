// Run by the survey schedules (infra/survey-schedule.ts): the monthly phone round's start, and the
// sweep that starts the complaint route of low phone-survey scores. The firing time is the
// workflow's own clock, so a retried or replayed run keeps the day it fired for.
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { PhoneRoundResult, SurveyActivities } from '../activities/survey-activities.ts';

const { startPhoneSurveyRound, startSurveyComplaints } = proxyActivities<SurveyActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '10 seconds', maximumInterval: '5 minutes', maximumAttempts: 20 },
});

export async function surveyPhoneRound(): Promise<PhoneRoundResult> {
  return startPhoneSurveyRound({ at: new Date().toISOString(), taskQueue: workflowInfo().taskQueue });
}

export async function surveyComplaints(): Promise<number> {
  return startSurveyComplaints({ taskQueue: workflowInfo().taskQueue });
}
