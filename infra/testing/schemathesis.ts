// Finds or installs the pinned schemathesis (the OpenAPI fuzzer the conformance test runs) in a
// Python virtual environment under the project's .tools/, like the Temporal CLI next to it, so a
// fresh checkout needs only python3 with its venv module. The venv is built in place under the
// shared install lock and marked complete only at the end: a half-built one is rebuilt.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { run, withInstallLock } from '../services/temporal-cli.ts';

export const SCHEMATHESIS_VERSION = '4.32.5';

const INSTALL_TIMEOUT_MS = 15 * 60_000;

// Started through the venv's python rather than bin/schemathesis: that script's first line holds
// the absolute path the venv was made under, which breaks when .tools/ is reached by another path
// (a worktree's symlink to the main checkout's .tools/).
const LAUNCH = ['-c', 'import sys; from schemathesis.cli import schemathesis; sys.argv[0] = "schemathesis"; sys.exit(schemathesis())'];

/** The venv's python that runs the pinned schemathesis, installing it into .tools/ on first use. */
export async function locateSchemathesis(projectRoot: string, log: (msg: string) => void = () => undefined): Promise<string> {
  const toolsDir = join(resolve(projectRoot), '.tools');
  const venv = join(toolsDir, `schemathesis-${SCHEMATHESIS_VERSION}`);
  const python = join(venv, 'bin', 'python');
  const marker = join(venv, '.installed');
  const ready = async () => {
    if ((await readFile(marker, 'utf8').catch(() => '')).trim() !== SCHEMATHESIS_VERSION) return false;
    // The python the venv links to may be gone (upgraded, removed): then rebuild it.
    return run(python, [...LAUNCH, '--version'], { env: process.env, timeoutMs: 60_000 }).then(({ stdout }) => stdout.includes(SCHEMATHESIS_VERSION), () => false);
  };
  if (await ready()) return python;
  return withInstallLock(toolsDir, log, async () => {
    if (await ready()) return python;
    log(`installing schemathesis ${SCHEMATHESIS_VERSION} into ${venv} ...`);
    await rm(venv, { recursive: true, force: true });
    try {
      await run('python3', ['-m', 'venv', venv], { env: process.env, timeoutMs: INSTALL_TIMEOUT_MS });
    } catch (err) {
      throw new Error(`python3 -m venv failed (${message(err)}). On Debian/Ubuntu install python3-venv (apt-get install python3-venv).`);
    }
    await run(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-input', `schemathesis==${SCHEMATHESIS_VERSION}`], {
      env: process.env,
      timeoutMs: INSTALL_TIMEOUT_MS,
    });
    await writeFile(marker, `${SCHEMATHESIS_VERSION}\n`);
    if (!(await ready())) throw new Error(`schemathesis ${SCHEMATHESIS_VERSION} was installed into ${venv} but does not run`);
    log(`installed schemathesis ${SCHEMATHESIS_VERSION} into ${venv}`);
    return python;
  });
}

export interface SchemathesisResult {
  exitCode: number | null;
  output: string;
  seconds: number;
}

/** Runs schemathesis (given locateSchemathesis' python) with these arguments; kills it after timeoutMs. */
export async function runSchemathesis(python: string, args: string[], timeoutMs: number): Promise<SchemathesisResult> {
  // It keeps state (.schemathesis/, .hypothesis/) in its working directory: not in the checkout.
  const cwd = await mkdtemp(join(tmpdir(), 'schemathesis-'));
  try {
    return await spawnSchemathesis(python, [...LAUNCH, ...args], cwd, timeoutMs);
  } finally {
    await rm(cwd, { recursive: true, force: true });
  }
}

function spawnSchemathesis(bin: string, args: string[], cwd: string, timeoutMs: number): Promise<SchemathesisResult> {
  const started = Date.now();
  return new Promise((resolvePromise, reject) => {
    // No colours and a wide report: the output is what a failing test shows.
    const child = spawn(bin, args, { cwd, env: { ...process.env, NO_COLOR: '1', COLUMNS: '160', PYTHONIOENCODING: 'utf-8' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => chunks.push(b));
    child.stderr.on('data', (b: Buffer) => chunks.push(b));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      const output = Buffer.concat(chunks).toString('utf8') + (timedOut ? `\n[schemathesis killed after ${timeoutMs} ms]` : '');
      resolvePromise({ exitCode: timedOut ? null : code, output, seconds: (Date.now() - started) / 1000 });
    });
  });
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
