// One campaign mail dispatcher per task queue, as a durable workflow (fixed id, started by every
// worker with "use existing"): it runs the dispatchMail activity over and over. A singleton, so the
// rate limit holds for the whole installation (two dispatchers would each send at the full rate);
// an activity with heartbeats, so a killed worker's run moves to a live worker within the
// heartbeat timeout; woken by NOTIFY inside the activity, so a queued delivery goes within
// moments, not at the next timer. Continues as new every few runs to keep its history small.
import { continueAsNew, proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { DispatchMailInput, MailingActivities } from '../activities/mailing-activities.ts';

export interface MailDispatcherInput {
  /** Length of one activity run (default 10 minutes). */
  runForMs?: number | undefined;
  /** How soon a dead worker's run is taken over (default 30 s; tests shorten it). */
  heartbeatTimeoutMs?: number | undefined;
  settings?: DispatchMailInput['settings'];
  /** Runs before continuing as new. */
  runsPerWorkflow?: number | undefined;
}

export async function mailDispatcher(input: MailDispatcherInput): Promise<void> {
  const runForMs = input.runForMs ?? 600_000;
  const { dispatchMail } = proxyActivities<MailingActivities>({
    startToCloseTimeout: runForMs + 120_000,
    heartbeatTimeout: input.heartbeatTimeoutMs ?? 30_000,
    // A run that fails (PostgreSQL down) is started again; forever, as the dispatcher must keep going.
    retry: { initialInterval: '1 second', maximumInterval: '30 seconds', backoffCoefficient: 2 },
  });
  const runs = input.runsPerWorkflow ?? 50;
  for (let i = 0; i < runs && !workflowInfo().continueAsNewSuggested; i++) {
    const result = await dispatchMail({ runForMs, settings: input.settings });
    // Without SMTP nothing can be sent: look again now and then (the worker may be restarted with it).
    if (result.noSmtp) await sleep('5 minutes');
  }
  await continueAsNew<typeof mailDispatcher>(input);
}
