// The housekeeping workflow's activities: close cases whose workflow ended outside the product,
// send mail whose earlier tries failed once its backoff has passed, and remove expired sessions. Thin: the rules live in
// domain/processes/reconcile-ended-cases.ts and infra/mail/mailer.ts; here is only the Temporal
// visibility adapter the sweep reads.
import { Context, ApplicationFailure } from '@temporalio/activity';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
// @temporalio/proto is CommonJS: plain Node (npm start) offers no named exports from it, only the default.
import proto from '@temporalio/proto';
import type { temporal } from '@temporalio/proto';
import { CLOSED_STATUSES, reconcileEndedCases, type ClosedRun, type ClosedStatus, type LatestRun, type WorkflowLookup } from '../domain/processes/reconcile-ended-cases.ts';
import type { Orm } from '../infra/db/orm.ts';
import { createMailer, deliverQueued, type Mailer } from '../infra/mail/mailer.ts';
import { ROUTE_WORKFLOW_TYPE } from '../temporal.config.ts';
import { closeProcess } from '../domain/processes/apply-transition.ts';
import { purgeExpiredSessions } from '../domain/identity/purge-expired-sessions.ts';
import { owedPaymentEvents } from '../domain/invoices/payment-events.ts';
import { outsideEventSignal } from '../workflows/contract.ts';

export interface HousekeepingDeps {
  orm: Orm;
  mailer?: Mailer | undefined;
  /** Reads Temporal's visibility; without it the ended-cases sweep cannot run. */
  temporal?: Client | undefined;
}

export interface ReconcileInput {
  taskQueue: string;
  watermark?: string | undefined;
  overlapMs?: number | undefined;
  unstartedGraceMs?: number | undefined;
}

export function createHousekeepingActivities({ orm, mailer = createMailer(), temporal }: HousekeepingDeps) {
  return {
    /** Closes running cases whose workflow closed in Temporal; returns the next watermark. Idempotent. */
    async reconcileEndedCases(input: ReconcileInput): Promise<{ watermark: string; closed: number }> {
      if (!temporal) throw ApplicationFailure.nonRetryable('This worker has no Temporal client for the ended-cases sweep', 'Misconfigured');
      const result = await reconcileEndedCases({
        em: orm.em.fork(),
        workflows: temporalLookup(temporal, input.taskQueue),
        closeCase: closeProcess,
        watermark: input.watermark,
        ...(input.overlapMs === undefined ? {} : { overlapMs: input.overlapMs }),
        ...(input.unstartedGraceMs === undefined ? {} : { unstartedGraceMs: input.unstartedGraceMs }),
        onPage: () => Context.current().heartbeat(),
      });
      for (const c of result.closed) Context.current().log.info('Closed a case whose workflow ended outside the product', c);
      return { watermark: result.watermark, closed: result.closed.length };
    },

    /** Sends mail whose next try is due (backoff passed, or never tried); safe to run concurrently. */
    async retryMail(input: { budgetMs?: number; limit?: number } = {}): Promise<{ sent: number; failed: number }> {
      return deliverQueued(orm.em.fork(), mailer, { budgetMs: input.budgetMs ?? 30_000, limit: input.limit ?? 200 });
    },

    /**
     * Sends `payment_received` again to payment reminders still running a while after their
     * invoice was paid in full (the API's own send was lost). Keyed, so a case takes it once.
     */
    async redeliverPayments(input: { graceMs?: number } = {}): Promise<{ sent: number }> {
      if (!temporal) throw ApplicationFailure.nonRetryable('This worker has no Temporal client to send events', 'Misconfigured');
      const owed = await owedPaymentEvents(orm.em.fork(), { recordedBefore: new Date(Date.now() - (input.graceMs ?? 60_000)) });
      let sent = 0;
      for (const o of owed) {
        try {
          await temporal.workflow.getHandle(o.workflowId).signal(outsideEventSignal, o.event);
          sent++;
        } catch (err) {
          // Ended meanwhile: nothing is owed any more.
          if (!(err instanceof WorkflowNotFoundError)) throw err;
        }
      }
      if (sent) Context.current().log.info('Sent payment_received again to payment reminders of paid invoices', { sent });
      return { sent };
    },

    /** Deletes sessions past their expiry, in batches; idempotent (a retry finds fewer). */
    async purgeExpiredSessions(input: { batchSize?: number; maxBatches?: number } = {}): Promise<{ removed: number }> {
      return { removed: await purgeExpiredSessions(orm.em.fork(), { now: new Date(), ...input }) };
    },
  };
}

export type HousekeepingActivities = ReturnType<typeof createHousekeepingActivities>;

const PAGE = 500;
const { WorkflowExecutionStatus } = proto.temporal.api.enums.v1;

/** Visibility over the route workflows of one task queue, and the close event of a run. */
export function temporalLookup(client: Client, taskQueue: string): WorkflowLookup {
  const quote = (s: string): string => `'${s.replaceAll("'", "\\'")}'`;
  return {
    async *closedSince(since: Date): AsyncIterable<ClosedRun[]> {
      const query = [
        `WorkflowType = ${quote(ROUTE_WORKFLOW_TYPE)}`,
        `TaskQueue = ${quote(taskQueue)}`,
        `ExecutionStatus IN (${CLOSED_STATUSES.map(quote).join(', ')})`,
        `CloseTime > ${quote(since.toISOString())}`,
      ].join(' AND ');
      let page: ClosedRun[] = [];
      for await (const wf of client.workflow.list({ query, pageSize: PAGE })) {
        const status = closedStatus(wf.status.code);
        if (status) page.push({ workflowId: wf.workflowId, status });
        if (page.length >= PAGE) {
          yield page;
          page = [];
        }
      }
      if (page.length) yield page;
    },

    async *startedBetween(from: Date, to: Date): AsyncIterable<string[]> {
      const query = [
        `WorkflowType = ${quote(ROUTE_WORKFLOW_TYPE)}`,
        `TaskQueue = ${quote(taskQueue)}`,
        `StartTime BETWEEN ${quote(from.toISOString())} AND ${quote(to.toISOString())}`,
      ].join(' AND ');
      let page: string[] = [];
      for await (const wf of client.workflow.list({ query, pageSize: PAGE })) {
        page.push(wf.workflowId);
        if (page.length >= PAGE) {
          yield page;
          page = [];
        }
      }
      if (page.length) yield page;
    },

    async latest(workflowId: string): Promise<LatestRun> {
      let d;
      try {
        d = await client.workflow.getHandle(workflowId).describe();
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return { state: 'missing' };
        throw err;
      }
      if (d.status.code === WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) return { state: 'running' };
      const status = closedStatus(d.status.code);
      if (!status) return { state: 'other' };
      return { state: 'closed', status, closedAt: d.closeTime ?? new Date(), detail: await closeDetail(client, workflowId, d.runId) };
    },
  };
}

function closedStatus(code: temporal.api.enums.v1.WorkflowExecutionStatus): ClosedStatus | undefined {
  switch (code) {
    case WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED:
      return 'Completed';
    case WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED:
      return 'Failed';
    case WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED:
      return 'Canceled';
    case WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED:
      return 'Terminated';
    case WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TIMED_OUT:
      return 'TimedOut';
    default:
      return undefined;
  }
}

/** The termination reason or failure message, read from the run's close event alone (not its whole history). */
async function closeDetail(client: Client, workflowId: string, runId: string): Promise<string | undefined> {
  const res = await client.workflowService.getWorkflowExecutionHistory({
    namespace: client.options.namespace,
    execution: { workflowId, runId },
    historyEventFilterType: proto.temporal.api.enums.v1.HistoryEventFilterType.HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT,
    waitNewEvent: false,
    skipArchival: true,
  });
  const event = res.history?.events?.at(-1);
  const terminated = event?.workflowExecutionTerminatedEventAttributes;
  if (terminated) return terminated.reason || undefined;
  let failure = event?.workflowExecutionFailedEventAttributes?.failure;
  while (failure?.cause) failure = failure.cause;
  return failure?.message || undefined;
}
