// The baselines the product is measured against: the least a Temporal workflow needs to do
// for a 3-step case. Bundled on its own (bundleWorkflowCode) and run by the bench's own worker
// on its own task queue, on the same dev server as the product.
import { allHandlersFinished, condition, proxyActivities, setHandler } from '@temporalio/workflow';
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
