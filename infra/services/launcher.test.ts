// `npm start` as a person runs it, in a scratch data directory on free ports: after kill -9 of the
// launcher, the next start stops what the last one left (pid files) and comes up on the same
// ports; SIGTERM to the npm process alone stops everything it started. Slow (three full starts).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../temporal.config.ts';
import { freePort } from './free-port.ts';
import { isAlive, runDir } from './pid-files.ts';
import { locateTemporalCli } from './temporal-cli.ts';

const READY_MS = 180_000;
const children = new Set<ChildProcess>();
let dataDir = '';
afterAll(async () => {
  for (const child of children) child.kill('SIGTERM');
  await Promise.all([...children].map((c) => new Promise((r) => c.once('exit', r))));
  // Whatever is still recorded (a failed test) must not outlive the run.
  for (const pid of Object.values(await pidsIn(dataDir))) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function pidsIn(dir: string): Promise<Record<string, number>> {
  if (!dir) return {};
  const files = await readdir(runDir(dir)).catch(() => [] as string[]);
  const entries = await Promise.all(files.map(async (f) => [f.replace(/\.pid$/, ''), (JSON.parse(await readFile(join(runDir(dir), f), 'utf8')) as { pid: number }).pid] as const));
  return Object.fromEntries(entries);
}

interface Launched {
  child: ChildProcess;
  output: () => string;
  exited: Promise<unknown>;
}

/** Runs the command and resolves when it prints "Ready"; fails with its output if it exits first. */
async function launch(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Launched> {
  const child = spawn(command, args, { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let output = '';
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => {
    children.delete(child);
    resolve(signal ?? code);
  }));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready within ${READY_MS} ms:\n${output}`)), READY_MS);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (/\[crm\] Ready in/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`exited (${String(how)}) before it was ready:\n${output}`));
    });
  });
  return { child, output: () => output, exited };
}

async function apiAnswers(port: number): Promise<boolean> {
  return fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false);
}

describe('npm start', () => {
  it('after kill -9 takes over what the last run left, and stops everything on SIGTERM to npm', { timeout: 600_000 }, async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'crm-launcher-'));
    const [port, pgPort, temporalPort, uiPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      EMBEDDED_PG_PORT: String(pgPort),
      TEMPORAL_DEV_PORT: String(temporalPort),
      TEMPORAL_UI_PORT: String(uiPort),
      SEED_DEMO_DATA: 'false',
      TEMPORAL_CLI: await locateTemporalCli({ projectRoot: PROJECT_ROOT }),
      DATABASE_URL: '',
      TEMPORAL_ADDRESS: '',
    };
    // Not under npm here: the orphan watchdog is npm's business, and this run is killed outright.
    delete env.npm_lifecycle_event;

    // 1. The launcher, killed -9: PostgreSQL and Temporal live on, holding their ports.
    const first = await launch(process.execPath, ['infra/start.ts'], env);
    const left = await pidsIn(dataDir);
    expect(Object.keys(left).sort()).toEqual(['postgres', 'start', 'temporal']);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(isAlive(left.postgres!)).toBe(true);
    expect(isAlive(left.temporal!)).toBe(true);

    // 2. The next start stops them and comes up on the same ports.
    const second = await launch(process.execPath, ['infra/start.ts'], env);
    expect(second.output()).toMatch(/earlier run left (postgres|temporal) running/);
    expect(isAlive(left.postgres!)).toBe(false);
    expect(isAlive(left.temporal!)).toBe(false);
    expect(await apiAnswers(port)).toBe(true);
    expect(second.output()).toContain(`127.0.0.1:${temporalPort}`);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(await pidsIn(dataDir)).toEqual({});

    // 3. `npm start`, then SIGTERM to the npm process only: everything it started stops.
    const npm = await launch('npm', ['start'], env);
    const running = await pidsIn(dataDir);
    expect(Object.keys(running).sort()).toEqual(['postgres', 'start', 'temporal']);
    npm.child.kill('SIGTERM');
    await expect.poll(() => Object.values(running).filter(isAlive), { timeout: 30_000, interval: 250 }).toEqual([]);
    expect(await apiAnswers(port)).toBe(false);
  });
});
