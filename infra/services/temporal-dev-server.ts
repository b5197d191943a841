// Runs `temporal server start-dev` as a child process backed by a SQLite file, so workflows
// survive restarts of `npm start` and tests get a real server. Resolves only once the frontend
// answers for the namespace, and turns the usual failures (port taken, early exit) into errors
// that carry the command line and the server's last output.
import { spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { connect } from 'node:net';
import { dirname, resolve } from 'node:path';
import { Connection } from '@temporalio/client';
import { isPortFree } from './free-port.ts';

export type SearchAttributeType = 'Keyword' | 'Text' | 'Int' | 'Double' | 'Bool' | 'Datetime' | 'KeywordList';

export interface TemporalDevServerOptions {
  cliPath: string;
  dbFile: string;
  ip?: string;
  port: number;
  uiPort: number;
  namespace: string;
  searchAttributes?: Record<string, SearchAttributeType>;
  headless?: boolean;
  logFile?: string;
  log?: (msg: string) => void;
}

export interface TemporalDevServer {
  address: string;
  /** The CLI's process id (for the launcher's pid file). */
  pid: number | undefined;
  uiUrl: string | undefined;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 10_000;
const OUTPUT_LINES = 20;

// temporal.api.enums.v1.IndexedValueType; numbers are the wire values.
const INDEXED_VALUE_TYPE: Record<SearchAttributeType, number> = {
  Text: 1, Keyword: 2, Int: 3, Double: 4, Bool: 5, Datetime: 6, KeywordList: 7,
};

export async function startTemporalDevServer(opts: TemporalDevServerOptions): Promise<TemporalDevServer> {
  const ip = opts.ip ?? '127.0.0.1';
  const host = ip.includes(':') ? `[${ip}]` : ip;
  const address = `${host}:${opts.port}`;
  const uiUrl = opts.headless ? undefined : `http://${host}:${opts.uiPort}`;
  const log = opts.log ?? (() => undefined);
  const dbFile = resolve(opts.dbFile);

  // The server would die with a buried bind error; say plainly which port is taken.
  for (const [what, port] of opts.headless ? [['gRPC', opts.port]] as const : [['gRPC', opts.port], ['UI', opts.uiPort]] as const) {
    if (!(await isPortFree(port, ip))) {
      throw new Error(`Cannot start the Temporal dev server: ${what} port ${host}:${port} is already in use by another process (perhaps a dev server left over from an earlier run).`);
    }
  }

  const args = [
    'server', 'start-dev',
    '--db-filename', dbFile,
    '--ip', ip,
    '--port', String(opts.port),
    '--ui-port', String(opts.uiPort),
    '--namespace', opts.namespace,
    '--log-level', 'warn',
    '--sqlite-pragma', 'journal_mode=wal',
    '--sqlite-pragma', 'synchronous=normal',
    ...Object.entries(opts.searchAttributes ?? {}).flatMap(([name, type]) => ['--search-attribute', `${name}=${type}`]),
    ...(opts.headless ? ['--headless'] : []),
  ];
  const commandLine = [opts.cliPath, ...args].join(' ');

  await mkdir(dirname(dbFile), { recursive: true });
  const logStream = opts.logFile ? await openLog(opts.logFile, log) : undefined;
  logStream?.write(`\n=== ${new Date().toISOString()} ${commandLine}\n`);

  let recent = '';
  const record = (chunk: Buffer): void => {
    logStream?.write(chunk);
    recent = (recent + chunk.toString('utf8')).slice(-16_384);
  };
  const lastOutput = (): string => recent.trimEnd().split('\n').slice(-OUTPUT_LINES).join('\n') || '(no output)';

  const child = spawn(opts.cliPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', record);
  child.stderr.on('data', record);
  const exited = new Promise<string>((resolveExit) => {
    child.once('error', (err) => resolveExit(`failed to run: ${err.message}`));
    child.once('exit', (code, signal) => resolveExit(signal ? `killed by ${signal}` : `exit code ${String(code)}`));
  });
  let running = true;
  let ready = false;
  let stopping: Promise<void> | undefined;
  void exited.then((how) => {
    running = false;
    if (ready && !stopping) log(`Temporal dev server exited unexpectedly (${how}). Last output:\n${lastOutput()}`);
  });

  // Without this, a crash or process.exit() of the parent would leave the server holding the port.
  const killOnExit = (): void => {
    if (running) child.kill('SIGKILL');
  };
  process.on('exit', killOnExit);

  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (running) {
        child.kill('SIGTERM');
        if ((await withTimeout(exited, STOP_GRACE_MS)) === undefined) {
          log(`Temporal dev server did not stop within ${STOP_GRACE_MS} ms; killing it`);
          child.kill('SIGKILL');
          await exited;
        }
      }
      process.off('exit', killOnExit);
      await new Promise<void>((r) => (logStream ? logStream.end(r) : r()));
    })();
    return stopping;
  };

  try {
    await waitUntilReady({ ip, port: opts.port }, address, opts.namespace, exited, opts.searchAttributes ?? {});
  } catch (err) {
    await stop();
    const reason = err instanceof Error ? err.message : String(err);
    const portHint = /address already in use/i.test(recent) ? ' (a port it needs is already in use)' : '';
    throw new Error(`Temporal dev server did not become ready: ${reason}${portHint}\nCommand: ${commandLine}\nLast output:\n${lastOutput()}`);
  }
  ready = true;
  log(`Temporal dev server ready at ${address}${uiUrl ? `, UI ${uiUrl}` : ''}`);
  return { address, uiUrl, pid: child.pid, stop };
}

async function waitUntilReady(
  tcp: { ip: string; port: number },
  address: string,
  namespace: string,
  exited: Promise<string>,
  searchAttributes: Record<string, SearchAttributeType>,
): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastError = 'not attempted';
  for (;;) {
    // A gRPC connect to a closed port backs off for about a second; a plain TCP check first keeps
    // startup near the server's real 0.3-0.4 s.
    const attempt = acceptsTcp(tcp.ip, tcp.port).then((open) => {
      if (!open) throw new Error(`nothing listening on port ${tcp.port} yet`);
      return probe(address, namespace, searchAttributes);
    });
    const outcome = await Promise.race([
      attempt.then(() => 'ready' as const, (err: unknown) => {
        lastError = err instanceof Error ? err.message : String(err);
        return 'retry' as const;
      }),
      exited.then((how) => ({ exited: how })),
    ]);
    if (outcome === 'ready') return;
    if (outcome !== 'retry') {
      void attempt.catch(() => undefined);
      throw new Error(`the server process ended early (${outcome.exited})`);
    }
    if (Date.now() > deadline) throw new Error(`no answer within ${READY_TIMEOUT_MS} ms (last error: ${lastError})`);
    await sleep(100);
  }
}

function acceptsTcp(host: string, port: number): Promise<boolean> {
  return new Promise((resolveOpen) => {
    const socket = connect({ host, port, timeout: 1_000 });
    socket.once('timeout', () => {
      socket.destroy();
      resolveOpen(false);
    });
    socket.once('connect', () => {
      socket.destroy();
      resolveOpen(true);
    });
    socket.once('error', () => resolveOpen(false));
  });
}

/** Succeeds once the namespace is served and has every requested search attribute. */
async function probe(address: string, namespace: string, searchAttributes: Record<string, SearchAttributeType>): Promise<void> {
  const connection = await Connection.connect({ address, connectTimeout: 2_000 });
  try {
    await connection.withDeadline(Date.now() + 5_000, async () => {
      await connection.workflowService.describeNamespace({ namespace });
      // start-dev registers --search-attribute only when it creates the namespace, so attributes
      // added to the config later would be missing from an existing database.
      const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
      const missing = Object.entries(searchAttributes).filter(([name]) => !(name in customAttributes));
      if (missing.length === 0) return;
      await connection.operatorService.addSearchAttributes({
        namespace,
        searchAttributes: Object.fromEntries(missing.map(([name, type]) => [name, INDEXED_VALUE_TYPE[type]])),
      });
      throw new Error(`registered search attributes ${missing.map(([n]) => n).join(', ')}; checking again`);
    });
  } finally {
    await connection.close();
  }
}

async function openLog(file: string, log: (msg: string) => void): Promise<WriteStream> {
  await mkdir(dirname(resolve(file)), { recursive: true });
  const stream = createWriteStream(file, { flags: 'a' });
  stream.on('error', (err) => log(`cannot write Temporal log ${file}: ${err.message}`));
  return stream;
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
