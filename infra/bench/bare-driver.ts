// Drives the bare baselines with the Temporal client directly: start a workflow, then three
// updates each carrying an update id, timing the start and every update round trip.
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { fileURLToPath } from 'node:url';
import type { Cleanup } from './cleanup.ts';
import { createBareActivities } from './bare-activities.ts';
import { stepUpdate } from './bare-contract.ts';
import type { bareUpdateActivity, bareUpdates } from './bare-workflows.ts';
import type { PgPool } from './pg.ts';
import { now, runConcurrently, type RunOutcome } from './stats.ts';

export const BARE_TASK_QUEUE = 'bench-bare';
export const STEPS = 3;
export type BareKind = 'bareUpdates' | 'bareUpdateActivity';

export interface BareRun extends RunOutcome {
  startMs: number[];
  stepMs: number[];
  workflowIds: string[];
}

export interface Bare {
  client: Client;
  run(kind: BareKind, n: number, concurrency: number, tag: string): Promise<BareRun>;
}

export async function startBare(opts: { temporalAddress: string; pool: PgPool; cleanup: Cleanup }): Promise<Bare> {
  const signal = opts.cleanup.signal;
  const workflowBundle = await bundleWorkflowCode({ workflowsPath: fileURLToPath(new URL('./bare-workflows.ts', import.meta.url)), logger: quiet });
  const workerConnection = await NativeConnection.connect({ address: opts.temporalAddress });
  const worker = await Worker.create({
    connection: workerConnection, namespace: 'default', taskQueue: BARE_TASK_QUEUE, workflowBundle, activities: createBareActivities(opts.pool),
  });
  const running = worker.run();
  const connection = await Connection.connect({ address: opts.temporalAddress });
  opts.cleanup.add('bare worker', async () => {
    await connection.close();
    worker.shutdown();
    await running.catch(() => undefined);
    await workerConnection.close();
  });
  const client = new Client({ connection, namespace: 'default' });

  async function run(kind: BareKind, n: number, concurrency: number, tag: string): Promise<BareRun> {
    const startMs: number[] = [];
    const stepMs: number[] = [];
    const workflowIds: string[] = [];
    const outcome = await runConcurrently(n, concurrency, async (i) => {
      const workflowId = `bench-${kind}-${tag}-${i}`;
      let t = now();
      const handle = await client.workflow.start<typeof bareUpdates | typeof bareUpdateActivity>(kind, { taskQueue: BARE_TASK_QUEUE, workflowId, args: [STEPS] });
      startMs.push(now() - t);
      for (let step = 1; step <= STEPS; step++) {
        t = now();
        await handle.executeUpdate(stepUpdate, { args: [step], updateId: `${workflowId}-step-${step}` });
        stepMs.push(now() - t);
      }
      workflowIds.push(workflowId);
    }, signal);
    return { ...outcome, startMs, stepMs, workflowIds };
  }
  return { client, run };
}

const noop = (): void => undefined;
const quiet = { trace: noop, debug: noop, info: noop, log: noop, warn: (m: string) => console.warn(m), error: (m: string) => console.error(m) };
