// The baselines the product is measured against: the least a Temporal workflow needs to do
// for a 3-step case. Bundled on its own (bundleWorkflowCode) and run by the bench's own worker
// on its own task queue, on the same dev server as the product.
import { allHandlersFinished, condition, continueAsNew, executeChild, proxyActivities, proxyLocalActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { createBareActivities } from './bare-activities.ts';
import { stepUpdate } from './bare-contract.ts';

const { bareStep } = proxyActivities<ReturnType<typeof createBareActivities>>({ startToCloseTimeout: '30 seconds' });

/** Waits for `steps` updates, then ends. */
export async function bareUpdates(steps: number): Promise<number> {
  let done = 0;
  setHandler(stepUpdate, () => ++done);
  await condition(() => done >= steps);
  await condition(allHandlersFinished);
  return done;
}

/**
 * Each update records the request in workflow state; the main loop runs one trivial activity
 * for it, and the update answers only after that activity finished: "update + one activity"
 * is the bare step.
 */
export async function bareUpdateActivity(steps: number): Promise<number> {
  let requested = 0;
  let finished = 0;
  setHandler(stepUpdate, async () => {
    const mine = ++requested;
    await condition(() => finished >= mine);
    return mine;
  });
  while (finished < steps) {
    await condition(() => requested > finished);
    await bareStep();
    finished++;
  }
  await condition(allHandlersFinished);
  return finished;
}

// The bare equivalent of a foreach node: a parent keeps `limit` trivial children running until
// `n` have finished, and continues as new the way the product does - when Temporal suggests it,
// it stops starting children, lets the running ones finish, and goes on from its cursor.
const { bareStep: bareLocalStep } = proxyLocalActivities<ReturnType<typeof createBareActivities>>({ startToCloseTimeout: '30 seconds' });

/** One item: a local activity (the product's child records its one transition the same way), then ends. */
export async function bareChild(): Promise<void> {
  await bareLocalStep();
}

export async function bareForeach(n: number, limit: number, cursor = 0, runs = 1): Promise<number> {
  let started = cursor;
  let finished = cursor;
  let running = 0;
  let draining = false;
  const { workflowId } = workflowInfo();
  while (finished < n) {
    draining ||= workflowInfo().continueAsNewSuggested;
    if (draining && running === 0) await continueAsNew<typeof bareForeach>(n, limit, started, runs + 1);
    while (!draining && running < limit && started < n) {
      const i = started++;
      running++;
      void executeChild(bareChild, { workflowId: `${workflowId}-item-${i}` }).then(() => {
        running--;
        finished++;
      });
    }
    // Wakes for room to start another item, the end, a drained run, or Temporal's suggestion.
    await condition(() => (!draining && running < limit && started < n) || finished >= n || (draining && running === 0) || (!draining && workflowInfo().continueAsNewSuggested));
  }
  return runs;
}
