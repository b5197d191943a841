// A worker process for kill tests (infra/testing/worker-process.ts), started ahead and held before
// it polls: starting one takes seconds on a busy machine, so a replacement is ready the moment the
// worker before it is SIGKILLed, and `go()` lets it poll. Every child goes into `spawned`, so the
// test's afterAll can stop whatever is left.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import type { TestStack } from './stack.ts';

const WORKER_SCRIPT = fileURLToPath(new URL('./worker-process.ts', import.meta.url));

export interface HeldWorker {
  child: ChildProcess;
  /** Lets it poll; resolves once it does. */
  go(): Promise<void>;
}

/** Resolves once the worker is ready to poll; `env` adds settings (SMTP_URL for the mail dispatcher). */
export function spawnHeldWorker(s: TestStack, spawned: Set<ChildProcess>, env: Record<string, string> = {}): Promise<HeldWorker> {
  const child = spawn(process.execPath, [WORKER_SCRIPT], {
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      DATABASE_URL: s.orm.config.get('clientUrl'),
      TASK_QUEUE: s.taskQueue,
      WORKFLOW_BUNDLE_PATH: inject('workflowBundlePath'),
      WAIT_FOR_GO: '1',
      ...env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  spawned.add(child);
  let output = '';
  child.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  const said = (word: string) =>
    new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (d: Buffer) => d.toString().includes(word) && resolve());
      child.once('exit', (code, signal) => reject(new Error(`worker process exited (${code ?? signal}) before "${word}":\n${output}`)));
    });
  const running = said('running');
  running.catch(() => undefined);
  return said('ready').then(() => ({
    child,
    go: () => {
      child.stdin?.write('go\n');
      return running;
    },
  }));
}

/** Sends the signal and waits for the exit; an exited child is left alone. */
export function killChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const between = (lo: number, hi: number) => lo + Math.floor(Math.random() * (hi - lo));
