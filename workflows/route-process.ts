// The route interpreter: one workflow type that runs any published route version. Each task step
// becomes an assignment row (an idempotent activity) and waits for a Workflow Update that
// completes it; the update's validator refuses the wrong person or invalid data before anything
// enters history. Deterministic code only: time, ids and randomness come from the SDK.
import {
  ApplicationFailure,
  CancellationScope,
  allHandlersFinished,
  condition,
  isCancellation,
  proxyActivities,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities/index.ts';
import { durationMs } from '../domain/routes/duration.ts';
import type { TaskStep } from '../domain/routes/route-schema.ts';
import { checkCompletion } from '../domain/routes/step-input.ts';
import {
  UPDATE_REFUSALS,
  cancelProcessUpdate,
  claimAssignmentUpdate,
  completeAssignmentUpdate,
  liveStateQuery,
  type ActingEmployee,
  type ClaimAssignmentRequest,
  type CompleteAssignmentRequest,
  type LiveState,
  type OpenStep,
  type ProcessInput,
  type ProcessResult,
  type StepRecord,
} from './contract.ts';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const refuse = (type: string, message: string, details: unknown[] = []): ApplicationFailure =>
  ApplicationFailure.create({ type, message, details, nonRetryable: true });

const nowIso = (): string => new Date().toISOString();

export async function routeProcess(input: ProcessInput): Promise<ProcessResult> {
  const base = { workflowId: workflowInfo().workflowId, processId: input.processId };
  const open = new Map<string, OpenStep & { step: TaskStep }>();
  /** Assignments whose completion has been accepted but whose write is still under way. */
  const closing = new Set<string>();
  const done: StepRecord[] = [];
  let status: LiveState['status'] = 'running';
  let cancelRequest: { reason: string; actorId: string } | undefined;

  setHandler(liveStateQuery, () => ({
    status,
    openSteps: [...open.values()].map(({ step: _step, ...rest }) => rest),
    completedSteps: done,
    variables: input.variables,
  }));

  const openAssignment = (assignmentId: string) => {
    const s = open.get(assignmentId);
    if (s && !closing.has(assignmentId)) return s;
    if (closing.has(assignmentId) || done.some((d) => d.assignmentId === assignmentId)) {
      throw refuse(UPDATE_REFUSALS.conflict, 'This assignment has already been completed');
    }
    throw refuse(UPDATE_REFUSALS.notFound, `Assignment ${assignmentId} is not open in this case`);
  };

  const mayComplete = (s: OpenStep, actor: ActingEmployee): boolean =>
    s.assigneeId !== null ? s.assigneeId === actor.employeeId : s.roleCode !== null && actor.roles.includes(s.roleCode);

  setHandler(
    completeAssignmentUpdate,
    async (req) => {
      const s = openAssignment(req.assignmentId);
      closing.add(req.assignmentId);
      const at = nowIso();
      await acts.completeAssignment({
        ...base,
        assignmentId: s.assignmentId,
        stepId: s.stepId,
        employeeId: req.actor.employeeId,
        outcome: req.outcome,
        form: req.form,
        at,
      });
      const record: StepRecord = { stepId: s.stepId, assignmentId: s.assignmentId, outcome: req.outcome, completedBy: req.actor.employeeId, completedAt: at };
      done.push(record);
      open.delete(s.assignmentId);
      closing.delete(s.assignmentId);
      return record;
    },
    {
      validator: (req: CompleteAssignmentRequest) => {
        const s = openAssignment(req.assignmentId);
        if (!mayComplete(s, req.actor)) {
          throw refuse(UPDATE_REFUSALS.forbidden, s.assigneeId ? 'This assignment belongs to someone else' : `Only members of the role ${s.roleCode} may complete this assignment`);
        }
        const problems = checkCompletion(s.step, req);
        if (problems.length) throw refuse(UPDATE_REFUSALS.invalid, 'The step cannot be completed with this data', [problems]);
      },
    },
  );

  setHandler(
    claimAssignmentUpdate,
    async (req) => {
      const s = openAssignment(req.assignmentId);
      // Taken before the first await, so a second claim arriving meanwhile is refused.
      s.assigneeId = req.actor.employeeId;
      await acts.claimAssignment({ ...base, assignmentId: s.assignmentId, stepId: s.stepId, employeeId: req.actor.employeeId, at: nowIso() });
      const { step: _step, ...view } = s;
      return view;
    },
    {
      validator: (req: ClaimAssignmentRequest) => {
        const s = openAssignment(req.assignmentId);
        if (s.assigneeId !== null) {
          throw refuse(s.assigneeId === req.actor.employeeId ? UPDATE_REFUSALS.conflict : UPDATE_REFUSALS.forbidden, s.roleCode ? 'This assignment has already been claimed' : 'This assignment is not in a queue');
        }
        if (!s.roleCode || !req.actor.roles.includes(s.roleCode)) {
          throw refuse(UPDATE_REFUSALS.forbidden, `Only members of the role ${s.roleCode ?? '?'} may claim this assignment`);
        }
      },
    },
  );

  const main = new CancellationScope();
  setHandler(
    cancelProcessUpdate,
    async (req) => {
      cancelRequest = { reason: req.reason, actorId: req.actor.employeeId };
      main.cancel();
      await condition(() => status === 'cancelled');
      return { status: 'cancelled', steps: done, reason: req.reason };
    },
    {
      validator: (_req) => {
        if (status !== 'running' || cancelRequest) throw refuse(UPDATE_REFUSALS.notRunning, 'This case is no longer running');
      },
    },
  );

  try {
    await main.run(async () => {
      await acts.processStarted({ ...base, at: nowIso(), startedBy: input.startedBy });
      for (const step of input.definition.steps) {
        const assignmentId = uuid4();
        const openedAt = new Date();
        const opened = await acts.openAssignment({
          ...base,
          assignmentId,
          step,
          assignee: step.assignee,
          openedAt: openedAt.toISOString(),
          dueAt: new Date(openedAt.getTime() + durationMs(step.due)).toISOString(),
        });
        open.set(assignmentId, { ...opened, step });
        await condition(() => !open.has(assignmentId));
      }
    });
  } catch (err) {
    if (!isCancellation(err)) throw err;
    const reason = cancelRequest?.reason ?? 'Cancelled in Temporal';
    await CancellationScope.nonCancellable(() => acts.cancelProcess({ ...base, at: nowIso(), reason, actorId: cancelRequest?.actorId }));
    open.clear();
    status = 'cancelled';
    await condition(allHandlersFinished);
    // A cancel asked for through Temporal itself ends the execution as cancelled; one asked for
    // through the product is a normal ending with a reason.
    if (!cancelRequest) throw err;
    return { status: 'cancelled', steps: done, reason };
  }
  const result: ProcessResult = { status: 'completed', steps: done };
  await acts.finishProcess({ ...base, at: nowIso(), result });
  status = 'completed';
  await condition(allHandlersFinished);
  return result;
}
