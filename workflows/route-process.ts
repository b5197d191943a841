// The route interpreter workflow: one type that runs any published route version. It hosts the
// pure state machine (domain/processes/case-machine.ts) and gives it what only a workflow has:
// durable timers, child workflows for sub-processes, Workflow Updates whose validators refuse the
// wrong person or invalid data before anything enters history, and one activity per transition
// that records the machine's effects in one transaction. Batches are applied one at a time, in
// order, so a step is never withdrawn before it was opened, nor opened after its case closed.
// The whole state is plain data: past Temporal's suggested history size the workflow continues
// as new with it. Deterministic code only: time and ids come from the SDK.
import {
  ApplicationFailure,
  CancellationScope,
  ChildWorkflowCancellationType,
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  continueAsNew,
  executeChild,
  isCancellation,
  setHandler,
  sleep,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import { CaseMachine, Refusal, stepView } from '../domain/processes/case-machine.ts';
import type { ChildCase, Effect, PendingTimer } from '../domain/processes/case-state.ts';
import type { LeanProcessInput, ProcessInput, ProcessResult } from '../domain/processes/process-input.ts';
import { acts } from './activity-proxies.ts';
import {
  cancelProcessUpdate,
  claimAssignmentUpdate,
  completeAssignmentUpdate,
  liveStateQuery,
  outsideEventSignal,
  reassignAssignmentUpdate,
  type ClaimAssignmentRequest,
  type CompleteAssignmentRequest,
  type ReassignRequest,
} from './contract.ts';

/** Temporal wraps the real reason ("No active employee has the e-mail ...") in activity and child failures. */
function deepestMessage(err: unknown): string {
  let e: unknown = err;
  while (e instanceof Error && e.cause instanceof Error) e = e.cause;
  return e instanceof Error ? e.message : String(e);
}

/** Runs a machine call; a Refusal becomes the update failure the API maps to a status. */
function refusing<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof Refusal) throw ApplicationFailure.create({ type: err.type, message: err.message, details: [err.problems], nonRetryable: true });
    throw err;
  }
}

/** Effects worth keeping when a batch failed because a rule could not be met. */
const KEPT_ON_FAILURE = new Set<Effect['type']>(['event', 'complete', 'claim', 'withdraw', 'reassign', 'close']);

export async function routeProcess(given: LeanProcessInput): Promise<ProcessResult> {
  // A foreach item starts without its route's definition: loaded once, here.
  const input: ProcessInput = given.definition ? { ...given, definition: given.definition } : { ...given, definition: await acts.loadDefinition(given.route.versionId) };
  const m = new CaseMachine(input, { now: () => new Date(), newId: uuid4 });
  if (!input.resume) m.begin();
  // Effects the previous run handed over with its state: recorded first.
  if (input.pending) m.restoreJournal(input.pending);
  // Foreach windows held back while the previous run drained its children start again.
  if (input.resume?.foreach?.length) m.resumeItems();
  const timers = new Map<string, CancellationScope>();
  const children = new Map<string, CancellationScope>();
  let flushed = 0;

  const flush = async (): Promise<void> => {
    const { effects, seq } = m.takeJournal();
    const transition = (batch: Effect[]) => CancellationScope.nonCancellable(() => acts.applyTransition({ processId: input.processId, subject: input.subject, effects: batch }));
    if (effects.length > 0) {
      try {
        m.applyResult(await transition(effects));
      } catch (err) {
        // A rule that cannot be met (an assignment rule naming nobody, a sub-route never
        // published): the case cannot go on. Keep what people did, and end it as failed.
        // A refused call may share its batch with the end it led to: that end never happened.
        // (Only then, so batches without a call replay exactly as before.)
        const refusedCall = effects.some((e) => e.type === 'call');
        if (refusedCall) m.reopenForFailure();
        m.fail(deepestMessage(err));
        await transition([...effects.filter((e) => KEPT_ON_FAILURE.has(e.type) && !(refusedCall && e.type === 'close')), ...m.takeJournal().effects]);
      }
    }
    flushed = seq;
  };
  const flushedPast = (seq: number) => condition(() => flushed >= seq);
  /**
   * A request about a step: waits until the step has an assignee (it may still be opening) - or
   * until it is no longer open (a join or an end withdrew it meanwhile), when the machine refuses
   * the request; waiting for an assignee only would hang the request, and the case with it. Then
   * makes the change, and answers once its effects are recorded, so the inbox already shows them.
   */
  const onStep = async <T>(assignmentId: string, change: () => T): Promise<T> => {
    await condition(() => {
      const s = m.state.open.find((o) => o.assignmentId === assignmentId);
      return s === undefined || s.assigneeId !== undefined;
    });
    const answer = refusing(change);
    await flushedPast(m.lastSeq);
    return answer;
  };

  setHandler(liveStateQuery, () => m.view());
  setHandler(outsideEventSignal, (event) => m.eventReceived(event));
  setHandler(
    completeAssignmentUpdate,
    async (req) => {
      const { record, opened } = await onStep(req.assignmentId, () => m.complete(req));
      return { step: record, opened: opened.flatMap((id) => m.state.open.filter((s) => s.assignmentId === id)).map(stepView) };
    },
    { validator: (req: CompleteAssignmentRequest) => void refusing(() => m.checkComplete(req)) },
  );
  setHandler(claimAssignmentUpdate, (req) => onStep(req.assignmentId, () => m.claim(req)), {
    validator: (req: ClaimAssignmentRequest) => void refusing(() => m.checkClaim(req)),
  });
  setHandler(reassignAssignmentUpdate, (req) => onStep(req.assignmentId, () => m.reassign(req)), {
    validator: (req: ReassignRequest) => void refusing(() => m.checkReassign(req)),
  });
  setHandler(
    cancelProcessUpdate,
    async (req) => {
      refusing(() => m.cancel(req.reason, req.actor.employeeId));
      await flushedPast(m.lastSeq);
      return m.result();
    },
    { validator: (_req) => void refusing(() => m.checkRunning()) },
  );

  const startTimer = (t: PendingTimer): void => {
    const scope = new CancellationScope();
    timers.set(t.id, scope);
    scope.run(() => sleep(Date.parse(t.at) - Date.now())).then(
      () => {
        timers.delete(t.id);
        m.timerFired(t.id);
      },
      (err: unknown) => {
        timers.delete(t.id);
        if (!isCancellation(err)) throw err;
      },
    );
  };

  const startChild = (c: ChildCase): void => {
    const childInput = c.input as ProcessInput;
    // The input is recorded in history when the child starts; the state need not carry it on.
    delete c.input;
    const scope = new CancellationScope();
    children.set(c.childId, scope);
    scope
      .run(() =>
        executeChild(routeProcess, {
          workflowId: c.workflowId ?? childInput.processId,
          args: [childInput],
          taskQueue: workflowInfo().taskQueue,
          // Cancelling a branch or the case answers at once; the child ends on its own, and one
          // left running when this case closes is asked to cancel by the server.
          cancellationType: ChildWorkflowCancellationType.TRY_CANCEL,
          parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
        }),
      )
      .then(
        (result) => {
          children.delete(c.childId);
          m.childFinished(c.childId, result);
        },
        (err: unknown) => {
          children.delete(c.childId);
          if (!m.state.children.some((x) => x.childId === c.childId)) return;
          // One item of a foreach that failed counts as failed; it does not fail this case.
          if (c.foreach !== undefined) m.childFinished(c.childId, { status: isCancellation(err) ? 'cancelled' : 'failed', steps: [], reason: deepestMessage(err) });
          else m.fail(`The sub-process at "${c.nodeId}" did not finish: ${deepestMessage(err)}`);
        },
      );
  };

  /** Starts the timers and children the state has and the workflow does not, cancels the rest. */
  const outOfSync = (): boolean =>
    m.state.timers.some((t) => !timers.has(t.id)) ||
    [...timers.keys()].some((id) => !m.state.timers.some((t) => t.id === id)) ||
    m.state.children.some((c) => c.input !== undefined && !children.has(c.childId)) ||
    [...children.keys()].some((id) => !m.state.children.some((c) => c.childId === id));
  const sync = (): void => {
    const wanted = new Set(m.state.timers.map((t) => t.id));
    for (const [id, scope] of timers) if (!wanted.has(id)) { scope.cancel(); timers.delete(id); }
    // A timer already due (a rung passed while the case was being started elsewhere) fires now,
    // without a timer of its own; the others sleep until their instant.
    for (const t of m.state.timers.filter((x) => !timers.has(x.id) && Date.parse(x.at) <= Date.now())) m.timerFired(t.id);
    for (const t of m.state.timers) if (!timers.has(t.id)) startTimer(t);
    for (const [id, scope] of children) if (!m.state.children.some((c) => c.childId === id)) { scope.cancel(); children.delete(id); }
    for (const c of m.state.children) if (c.input !== undefined && !children.has(c.childId)) startChild(c);
  };

  /**
   * Past the history size Temporal suggests (or the case's own limit), with no update waiting for
   * an answer and no sub-process to await: continue as new with the whole state, and the effects
   * not yet recorded. Checked and done without yielding, so no message slips in between.
   */
  const timeToContinueAsNew = (): boolean => {
    const info = workflowInfo();
    const due = (info.continueAsNewSuggested || info.historyLength > m.limits.historyEvents) && !m.ended;
    // Children cannot be awaited across continue-as-new. A foreach (when no sub-process runs
    // beside it) stops starting children, lets the running ones drain, and resumes in the new run.
    if (due && m.state.foreach?.length && m.state.children.every((c) => c.foreach !== undefined)) m.holdItems = true;
    return due && m.state.children.length === 0 && children.size === 0 && allHandlersFinished();
  };

  try {
    for (;;) {
      sync();
      if (timeToContinueAsNew()) {
        const { effects } = m.takeJournal();
        await continueAsNew<typeof routeProcess>({ ...input, resume: m.state, pending: effects });
      }
      if (m.pendingEffects > 0) {
        await flush();
        continue;
      }
      if (m.ended) break;
      await condition(() => m.pendingEffects > 0 || m.ended !== undefined || outOfSync() || (m.holdItems && m.state.children.length === 0));
    }
  } catch (err) {
    if (!isCancellation(err)) throw err;
    // Cancelled through Temporal itself, or with the parent case: withdraw the work and say so.
    if (!m.ended) m.cancel(input.parentProcessId ? 'Cancelled with its parent case' : 'Cancelled in Temporal');
    await CancellationScope.nonCancellable(flush);
    throw err;
  }
  sync();
  await condition(allHandlersFinished);
  const result = m.result();
  if (result.status === 'failed') throw ApplicationFailure.nonRetryable(result.reason ?? 'The case failed', 'CaseFailed');
  return result;
}

