// Runs the product exactly as an operator would with external services: `node infra/start.ts`
// as a separate process, with DATABASE_URL and TEMPORAL_ADDRESS set (so it starts no embedded
// services of its own) and the demo data already written by the bench. Its output goes to a
// log file; its memory is read from /proc.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PROJECT_ROOT } from '../../temporal.config.ts';
import { freePort } from '../services/free-port.ts';
import type { Cleanup } from './cleanup.ts';

const READY_TIMEOUT_MS = 180_000;
const STOP_GRACE_MS = 20_000;

export interface ProductProcess {
  baseUrl: string;
  pid: number;
  logFile: string;
}

export async function startProduct(opts: { databaseUrl: string; temporalAddress: string; runDir: string; cleanup: Cleanup; log: (msg: string) => void }): Promise<ProductProcess> {
  const port = await freePort();
  const logFile = path.join(opts.runDir, 'product.log');
  const out = createWriteStream(logFile);
  // Only what the product reads is passed on, so a developer's own settings (SMTP_URL, a
  // TEMPORAL_TASK_QUEUE, ...) cannot change what is measured.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DATABASE_URL: opts.databaseUrl,
    TEMPORAL_ADDRESS: opts.temporalAddress,
    HOST: '127.0.0.1',
    PORT: String(port),
    SEED_DEMO_DATA: 'false',
    DATA_DIR: path.join(opts.runDir, 'product-data'),
    // To profile the product under load, e.g. BENCH_PRODUCT_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof".
    ...(process.env.BENCH_PRODUCT_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_PRODUCT_NODE_OPTIONS } : {}),
  };
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'infra', 'start.ts')], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? `code ${String(code)}`)));
  let running = true;
  void exited.then(() => (running = false));
  const killOnExit = (): void => {
    if (running) child.kill('SIGKILL');
  };
  process.on('exit', killOnExit);
  opts.cleanup.add('product process', async () => {
    if (running) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    }
    process.off('exit', killOnExit);
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitHealthy(baseUrl, exited, logFile);
  opts.log(`product (pid ${String(child.pid)}) ready at ${baseUrl}; its log: ${path.relative(PROJECT_ROOT, logFile)}`);
  return { baseUrl, pid: child.pid!, logFile };
}

async function waitHealthy(baseUrl: string, exited: Promise<string>, logFile: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let gone: string | undefined;
  void exited.then((how) => (gone = how));
  while (Date.now() < deadline) {
    if (gone) throw new Error(`the product process ended during start-up (${gone}); see ${logFile}`);
    const ok = await fetch(`${baseUrl}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the product did not answer /api/health within ${READY_TIMEOUT_MS / 1000} s; see ${logFile}`);
}

export interface Memory {
  rssMb: number;
  peakMb: number;
}

/** VmRSS (now) and VmHWM (the peak since the process started) of a process, in MiB. */
export async function readMemory(pid: number): Promise<Memory> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/** Samples VmRSS every `everyMs` until stopped; the highest sample is the peak under load. */
export function sampleMemory(pid: number, everyMs = 250): { stop(): number } {
  let max = 0;
  const timer = setInterval(() => {
    readMemory(pid).then((m) => (max = Math.max(max, m.rssMb)), () => undefined);
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return max;
    },
  };
}
