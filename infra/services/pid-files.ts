// Pid files for what `npm start` runs (the launcher, PostgreSQL, the Temporal dev server), under
// <data dir>/run/. When a launcher is killed with -9 its children live on and hold their ports;
// the next launcher reads these files, stops whatever is still running and really is ours
// (checked against /proc/<pid>/cmdline, since pids get reused), and starts normally.
import { readFileSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface PidRecord {
  pid: number;
  /** Text that the process's command line must contain for it to count as ours. */
  match: string;
  /** How to ask it to stop (PostgreSQL: SIGINT, a fast shutdown). */
  stopSignal: NodeJS.Signals;
}

/** The launcher is stopped before the rest, so it can stop its own children in order. */
const FIRST = 'start';
const GRACE_MS = { start: 20_000, other: 10_000 };

export const runDir = (dataDir: string): string => join(dataDir, 'run');

export async function writePidFile(dataDir: string, name: string, record: PidRecord): Promise<void> {
  await mkdir(runDir(dataDir), { recursive: true });
  await writeFile(join(runDir(dataDir), `${name}.pid`), `${JSON.stringify(record)}\n`);
}

export async function removePidFile(dataDir: string, name: string): Promise<void> {
  await rm(join(runDir(dataDir), `${name}.pid`), { force: true });
}

/**
 * Stops what an earlier `npm start` left running and removes its pid files. Returns the names of
 * the processes it stopped. A pid file whose process is gone, or is now another program, is only
 * removed.
 */
export async function stopLeftovers(dataDir: string, log: (msg: string) => void): Promise<string[]> {
  const dir = runDir(dataDir);
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.pid')).sort((a, b) => Number(b === `${FIRST}.pid`) - Number(a === `${FIRST}.pid`));
  const stopped: string[] = [];
  for (const file of files) {
    const name = file.slice(0, -'.pid'.length);
    const record = parse(await readFile(join(dir, file), 'utf8').catch(() => ''));
    if (record && record.pid !== process.pid && (await isOurs(record))) {
      log(`an earlier run left ${name} running (pid ${record.pid}); stopping it`);
      await stopProcess(record, name === FIRST ? GRACE_MS.start : GRACE_MS.other, log, name);
      stopped.push(name);
    } else if (record) {
      log(`removing stale pid file ${join(dir, file)} (pid ${record.pid} is gone)`);
    }
    await rm(join(dir, file), { force: true });
  }
  return stopped;
}

function parse(text: string): PidRecord | undefined {
  try {
    const value = JSON.parse(text) as Partial<PidRecord>;
    if (typeof value.pid === 'number' && value.pid > 0 && typeof value.match === 'string' && value.match !== '') {
      return { pid: value.pid, match: value.match, stopSignal: value.stopSignal ?? 'SIGTERM' };
    }
  } catch {
    // An unreadable pid file (a crash while writing it) names nothing to stop.
  }
  return undefined;
}

async function isOurs(record: PidRecord): Promise<boolean> {
  if (!isAlive(record.pid)) return false;
  const cmdline = await readFile(`/proc/${record.pid}/cmdline`, 'utf8').catch(() => undefined);
  // Without /proc (not Linux) nothing can be confirmed, and stopping a stranger is worse than a port in use.
  return cmdline !== undefined && cmdline.split('\0').join(' ').includes(record.match);
}

async function stopProcess(record: PidRecord, graceMs: number, log: (msg: string) => void, name: string): Promise<void> {
  signal(record.pid, record.stopSignal);
  const deadline = Date.now() + graceMs;
  while (isAlive(record.pid) && Date.now() < deadline) await sleep(100);
  if (isAlive(record.pid)) {
    log(`${name} (pid ${record.pid}) did not stop within ${graceMs / 1000} s; killing it`);
    signal(record.pid, 'SIGKILL');
    while (isAlive(record.pid)) await sleep(100);
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // Gone in the meantime: nothing to stop.
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie (dead, not yet reaped by its parent) still answers signal 0 but holds nothing.
    return !isZombie(pid);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

function isZombie(pid: number): boolean {
  // Synchronous on purpose: a tiny file in procfs, read inside polling loops.
  const stat = readFileSyncSafe(`/proc/${pid}/stat`);
  return stat !== undefined && stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
}

function readFileSyncSafe(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
