// Builds the worker that runs the route interpreter and its activities. Production bundles the
// workflow code at start-up; tests pass a bundle built once for the whole run.
import { fileURLToPath } from 'node:url';
import { Client } from '@temporalio/client';
import { Worker, bundleWorkflowCode, type NativeConnection, type WorkflowBundleOption } from '@temporalio/worker';
import { createActivities } from '../activities/index.ts';
import type { Registries } from '../domain/processes/apply-transition.ts';
import type { Orm } from './db/orm.ts';
import type { Mailer } from './mail/mailer.ts';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

export function bundleWorkflows(): Promise<{ code: string }> {
  return bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietBundlerLogger });
}

export interface WorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  orm: Orm;
  /** Notification e-mail; without one, mail stays queued in the outbox. */
  mailer?: Mailer;
  workflowBundle?: WorkflowBundleOption;
  /** Operations and list sources routes reach; absent, the product's own (a test brings its own). */
  registries?: Registries;
}

export async function createWorker(opts: WorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    // The worker's own connection also serves the client the housekeeping sweeps read visibility with.
    activities: createActivities({ orm: opts.orm, mailer: opts.mailer, registries: opts.registries, temporal: new Client({ connection: opts.connection, namespace: opts.namespace }) }),
    workflowBundle: opts.workflowBundle ?? (await bundleWorkflows()),
  });
}

const noop = (): void => undefined;
const quietBundlerLogger = {
  trace: noop,
  debug: noop,
  info: noop,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
  log: noop,
};
