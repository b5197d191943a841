// The route interpreter: one workflow type that runs any published route version, v0 (a list of
// steps, converted to a linear graph) or v1 (a graph). Tasks become assignment rows and wait for
// Workflow Updates whose validators refuse the wrong person or invalid data before anything
// enters history; decisions, parallel branches, waits, actions and sub-processes are walked by
// graph-walker.ts. Deterministic code only: time, ids and randomness come from the SDK.
import {
  CancellationScope,
  allHandlersFinished,
  condition,
  isCancellation,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { RouteGraph } from '../domain/routes/graph-schema.ts';
import { toGraph } from '../domain/routes/to-graph.ts';
import { acts } from './activity-proxies.ts';
import { cancelProcessUpdate, liveStateQuery, outsideEventSignal, type ProcessInput, type ProcessResult } from './contract.ts';
import { GraphWalker, type Ending } from './graph-walker.ts';
import { ProcessState } from './process-state.ts';
import { refuse, registerAssignmentHandlers } from './assignment-handlers.ts';
import { UPDATE_REFUSALS } from './contract.ts';

const nowIso = (): string => new Date().toISOString();

/** Temporal wraps the real reason ("No active employee has the e-mail ...") in activity and child failures. */
function deepestMessage(err: unknown): string {
  let e: unknown = err;
  while (e instanceof Error && e.cause instanceof Error) e = e.cause;
  return e instanceof Error ? e.message : String(e);
}

export async function routeProcess(input: ProcessInput): Promise<ProcessResult> {
  const graph: RouteGraph = input.definition.language === 'route/v1' ? input.definition : toGraph(input.definition);
  const base = { workflowId: workflowInfo().workflowId, processId: input.processId };
  const state = new ProcessState(input.variables);
  const main = new CancellationScope();
  let ending: Ending | undefined;
  let cancelRequest: { reason: string; actorId: string } | undefined;

  setHandler(liveStateQuery, () => state.view());
  setHandler(outsideEventSignal, (event) => {
    state.events.push(event);
  });
  registerAssignmentHandlers(state, base);
  setHandler(
    cancelProcessUpdate,
    async (req) => {
      cancelRequest = { reason: req.reason, actorId: req.actor.employeeId };
      main.cancel();
      await condition(() => state.status === 'cancelled');
      return { status: 'cancelled', steps: state.done, reason: req.reason };
    },
    {
      validator: (_req) => {
        if (state.status !== 'running' || cancelRequest || ending) throw refuse(UPDATE_REFUSALS.notRunning, 'This case is no longer running');
      },
    },
  );

  const walker = new GraphWalker({
    graph,
    input,
    base,
    state,
    caseEnding: () => ending !== undefined || cancelRequest !== undefined || main.consideredCancelled,
    end: (e) => {
      ending = e;
      main.cancel();
    },
  });

  try {
    await main.run(async () => {
      await acts.processStarted({ ...base, at: nowIso(), startedBy: input.startedBy });
      await walker.walk(graph.start);
      // Follow-up tasks created on the way keep the case open until they are done.
      await condition(() => state.open.size === 0);
    });
  } catch (err) {
    if (!isCancellation(err)) {
      // The case cannot go on (an assignment rule names nobody, a child case failed): say so in
      // the case list and withdraw its work instead of leaving it "running" forever.
      const reason = deepestMessage(err);
      await CancellationScope.nonCancellable(() => acts.failProcess({ ...base, at: nowIso(), reason }));
      state.open.clear();
      throw err;
    }
    if (!ending) {
      const reason = cancelRequest?.reason ?? (input.parentProcessId ? 'Cancelled with its parent case' : 'Cancelled in Temporal');
      await CancellationScope.nonCancellable(() => acts.cancelProcess({ ...base, at: nowIso(), reason, actorId: cancelRequest?.actorId }));
      state.open.clear();
      state.status = 'cancelled';
      await condition(allHandlersFinished);
      // A cancel asked for through Temporal itself ends the execution as cancelled; one asked for
      // through the product is a normal ending with a reason.
      if (!cancelRequest) throw err;
      return { status: 'cancelled', steps: state.done, reason };
    }
  }
  const result: ProcessResult = {
    status: 'completed',
    steps: state.done,
    outcome: ending?.result ?? 'success',
    ...(ending ? { endNode: ending.nodeId } : {}),
    ...(ending?.reason ? { reason: ending.reason } : {}),
    variables: state.variables,
  };
  await CancellationScope.nonCancellable(() => acts.finishProcess({ ...base, at: nowIso(), result }));
  state.open.clear();
  state.status = 'completed';
  await condition(allHandlersFinished);
  return result;
}
