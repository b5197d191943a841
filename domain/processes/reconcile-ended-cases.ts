// Cases whose workflow ended outside the product - terminated by an operator or by Temporal at
// the history limit, timed out, failed or closed without the product recording it - would stay
// "running" in the case list forever, their work in people's inboxes. This sweep finds them
// through Temporal's visibility (only runs closed since the last sweep, not every running case)
// and closes each once, the way the workflow itself would: failed (or cancelled) with the reason.
// It also closes cases whose workflow never started: the API wrote the case and stopped before
// starting it, and the caller never retried with its idempotency key (a retry would have started
// it). Those are found by comparing the cases started in the sweep's window with the workflows
// visibility knows, so a sweep asks Temporal about single workflows only for the few missing.
import type { EntityManager } from '@mikro-orm/postgresql';
import { Process } from '../entities/index.ts';

export const CLOSED_STATUSES = ['Completed', 'Failed', 'Canceled', 'Terminated', 'TimedOut'] as const;
export type ClosedStatus = (typeof CLOSED_STATUSES)[number];

export interface ClosedRun {
  workflowId: string;
  status: ClosedStatus;
}

/** `other`: continued as new, paused or unknown - not an ending this sweep may act on. */
export type LatestRun =
  | { state: 'running' }
  | { state: 'closed'; status: ClosedStatus; closedAt: Date; detail?: string | undefined }
  | { state: 'other' }
  /** Temporal has no workflow of this id: it was never started (or has been deleted). */
  | { state: 'missing' };

/** What the sweep needs from Temporal (an adapter over the client lives with the activities). */
export interface WorkflowLookup {
  /** Route workflow runs closed after `since` (continued-as-new runs excluded), page by page. */
  closedSince(since: Date): AsyncIterable<ClosedRun[]>;
  /** Ids of the route workflows started in [from, to] (any status), page by page. */
  startedBetween(from: Date, to: Date): AsyncIterable<string[]>;
  /** The workflow's latest run: a reset or a new run may have taken over from a closed one. */
  latest(workflowId: string): Promise<LatestRun>;
}

/** Closes one running case (activities' closeProcess): withdraws open work, writes the timeline. */
export type CloseCase = (
  em: EntityManager,
  input: { workflowId: string; processId: string; at: string },
  status: 'failed' | 'cancelled',
  result: Record<string, unknown>,
) => Promise<unknown>;

export interface ReconcileOptions {
  em: EntityManager;
  workflows: WorkflowLookup;
  closeCase: CloseCase;
  /** Close time the previous sweep covered; undefined on the very first sweep. */
  watermark?: string | undefined;
  /** Visibility is eventually consistent: each sweep looks this far behind the last one's start. */
  overlapMs?: number;
  /** A case younger than this may still be starting its workflow; the sweep leaves it alone. */
  unstartedGraceMs?: number;
  /** Called after each page, e.g. to heartbeat. */
  onPage?: () => void;
}

export interface ReconcileResult {
  /** Pass to the next sweep. */
  watermark: string;
  closed: { processId: string; status: 'failed' | 'cancelled'; reason: string }[];
}

export const DEFAULT_OVERLAP_MS = 60_000;
export const DEFAULT_UNSTARTED_GRACE_MS = 5 * 60_000;
/** The first sweep ever looks for unstarted cases this far back only (not at every running case). */
const FIRST_UNSTARTED_LOOKBACK_MS = 24 * 3_600_000;
export const NEVER_STARTED_REASON = 'The case was recorded but its workflow never started (the server stopped while starting it, and the start was not retried)';

export async function reconcileEndedCases(opts: ReconcileOptions): Promise<ReconcileResult> {
  const startedAt = new Date();
  const since = opts.watermark ? new Date(opts.watermark) : await firstSweepSince(opts.em, startedAt);
  const closed: ReconcileResult['closed'] = [];
  for await (const page of opts.workflows.closedSince(since)) {
    const ids = [...new Set(page.map((r) => r.workflowId))];
    // One query per page: only the few still "running" here need a closer look.
    const stale = ids.length ? await opts.em.fork().find(Process, { workflowId: { $in: ids }, status: 'running' }, { fields: ['id', 'workflowId'] }) : [];
    for (const p of stale) {
      const latest = await opts.workflows.latest(p.workflowId);
      if (latest.state !== 'closed') continue;
      const { status, reason } = endingOf(latest.status, latest.detail);
      await opts.em.fork().transactional((em) => opts.closeCase(em, { workflowId: p.workflowId, processId: p.id, at: latest.closedAt.toISOString() }, status, { reason }));
      closed.push({ processId: p.id, status, reason });
    }
    opts.onPage?.();
  }
  closed.push(...(await closeUnstartedCases(opts, startedAt)));
  return { watermark: new Date(startedAt.getTime() - (opts.overlapMs ?? DEFAULT_OVERLAP_MS)).toISOString(), closed };
}

/**
 * Cases started in this sweep's window - from the previous sweep's start (less the overlap and the
 * grace) to now less the grace - that are still running here but whose workflow visibility does
 * not know; each is confirmed missing with one lookup before it is closed as failed.
 */
async function closeUnstartedCases(opts: ReconcileOptions, now: Date): Promise<ReconcileResult['closed']> {
  const grace = opts.unstartedGraceMs ?? DEFAULT_UNSTARTED_GRACE_MS;
  const to = new Date(now.getTime() - grace);
  const from = opts.watermark ? new Date(new Date(opts.watermark).getTime() - grace) : new Date(now.getTime() - FIRST_UNSTARTED_LOOKBACK_MS);
  if (from >= to) return [];
  const candidates = await opts.em.fork().find(Process, { status: 'running', startedAt: { $gte: from, $lte: to } }, { fields: ['id', 'workflowId'] });
  if (!candidates.length) return [];
  const known = new Set<string>();
  // Visibility stamps StartTime when Temporal accepts the start, a moment after the case row: look a little wider.
  for await (const page of opts.workflows.startedBetween(new Date(from.getTime() - 60_000), new Date(now.getTime()))) {
    for (const id of page) known.add(id);
    opts.onPage?.();
  }
  const closed: ReconcileResult['closed'] = [];
  for (const p of candidates) {
    if (known.has(p.workflowId)) continue;
    if ((await opts.workflows.latest(p.workflowId)).state !== 'missing') continue;
    await opts.em.fork().transactional((em) => opts.closeCase(em, { workflowId: p.workflowId, processId: p.id, at: now.toISOString() }, 'failed', { reason: NEVER_STARTED_REASON }));
    closed.push({ processId: p.id, status: 'failed', reason: NEVER_STARTED_REASON });
  }
  return closed;
}

/**
 * No watermark yet (housekeeping just started): a running case's workflow cannot have closed
 * before the case was started, so the oldest running case bounds the look-back.
 */
async function firstSweepSince(em: EntityManager, now: Date): Promise<Date> {
  const [oldest] = await em.fork().find(Process, { status: 'running' }, { fields: ['startedAt'], orderBy: { startedAt: 'asc' }, limit: 1 });
  return oldest ? new Date(oldest.startedAt.getTime() - 1_000) : new Date(now.getTime() - DEFAULT_OVERLAP_MS);
}

/** What the case list says about a workflow that ended without the product recording it. */
export function endingOf(status: ClosedStatus, detail?: string): { status: 'failed' | 'cancelled'; reason: string } {
  const why = detail ? `: ${detail}` : '';
  switch (status) {
    case 'Terminated':
      return { status: 'failed', reason: `The workflow was terminated in Temporal${why}` };
    case 'TimedOut':
      return { status: 'failed', reason: 'The workflow timed out in Temporal (its run or execution timeout passed)' };
    case 'Failed':
      return { status: 'failed', reason: `The workflow failed in Temporal${why}` };
    case 'Canceled':
      return { status: 'cancelled', reason: 'The workflow was cancelled in Temporal' };
    case 'Completed':
      return { status: 'failed', reason: 'The workflow completed in Temporal without recording how the case ended' };
  }
}
