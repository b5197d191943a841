// The background sweeps, as one durable workflow per task queue (id from temporal.config.ts):
// every interval it closes cases whose workflow ended outside the product, retries mail that
// could not be sent, removes expired sessions and re-sends payment events a lost signal left
// owed. It survives worker restarts, runs once however many workers start it, and
// continues as new every few rounds so its history stays small. The close-time watermark of the
// ended-cases sweep is its state, carried across continue-as-new.
import { continueAsNew, log, patched, proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { HousekeepingActivities } from '../activities/housekeeping-activities.ts';

export interface HousekeepingInput {
  /** Pause between two rounds. */
  intervalMs: number;
  /** Rounds before continuing as new (sooner when Temporal suggests it). */
  roundsPerRun?: number | undefined;
  /** Close time the ended-cases sweep has covered; absent on the first round ever. */
  watermark?: string | undefined;
  /** How far each sweep looks behind the previous one (visibility lags); tests shorten it. */
  overlapMs?: number | undefined;
  /** How old a case without a workflow must be before the sweep closes it; tests shorten it. */
  unstartedGraceMs?: number | undefined;
  /** How long after the settling payment a reminder still running is sent its event again; tests shorten it. */
  paymentGraceMs?: number | undefined;
}

// A sweep that keeps failing (PostgreSQL down) is simply tried again next round.
const retry = { initialInterval: '1 second', maximumInterval: '10 seconds', maximumAttempts: 3 };
// The ended-cases sweep pages through visibility and heartbeats per page (its first round may be long).
const cases = proxyActivities<HousekeepingActivities>({ startToCloseTimeout: '10 minutes', heartbeatTimeout: '1 minute', retry });
// Mail stops taking new messages after its budget; the last send may still take its SMTP timeouts.
const mail = proxyActivities<HousekeepingActivities>({ startToCloseTimeout: '3 minutes', retry });
// Batched deletes: a round removes at most 20,000 sessions; what is left waits for the next one.
const sessions = proxyActivities<HousekeepingActivities>({ startToCloseTimeout: '2 minutes', retry });

export async function housekeeping(input: HousekeepingInput): Promise<void> {
  const rounds = input.roundsPerRun ?? 100;
  const { taskQueue } = workflowInfo();
  let watermark = input.watermark;
  for (let round = 1; ; round++) {
    // Rounds recorded before the session sweep existed must replay without its activity.
    const purge = patched('purge-expired-sessions') ? sessions.purgeExpiredSessions({}) : Promise.resolve({ removed: 0 });
    // Likewise for the payment events a lost signal left owed.
    const payments = patched('redeliver-payments') ? sessions.redeliverPayments({ graceMs: input.paymentGraceMs }) : Promise.resolve({ sent: 0 });
    const [ended, retried, purged, paid] = await Promise.allSettled([
      cases.reconcileEndedCases({ taskQueue, watermark, overlapMs: input.overlapMs, unstartedGraceMs: input.unstartedGraceMs }),
      mail.retryMail({ budgetMs: Math.max(5_000, Math.min(60_000, input.intervalMs)) }),
      purge,
      payments,
    ]);
    if (ended.status === 'fulfilled') watermark = ended.value.watermark;
    else log.warn('The ended-cases sweep failed; the next round tries again from the same watermark', { error: String(ended.reason) });
    if (retried.status === 'rejected') log.warn('The mail retry sweep failed; the next round tries again', { error: String(retried.reason) });
    if (purged.status === 'rejected') log.warn('The expired-sessions sweep failed; the next round tries again', { error: String(purged.reason) });
    if (paid.status === 'rejected') log.warn('The payment events sweep failed; the next round tries again', { error: String(paid.reason) });
    await sleep(input.intervalMs);
    if (round >= rounds || workflowInfo().continueAsNewSuggested) break;
  }
  await continueAsNew<typeof housekeeping>({ ...input, watermark });
}
