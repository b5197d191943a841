// The pieces `npm start`, `npm run worker` and `npm run api` share: reading the configuration,
// bringing up the embedded services when no external ones are configured, and running the
// worker and the HTTP server with an orderly, last-started-first-stopped shutdown.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { Client } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { createApp } from '../api/app.ts';
import { mountWebUi } from '../api/web-ui.ts';
import { WEB_DIST } from './web-build.ts';
import { LoginLimiter } from '../api/auth/login-limiter.ts';
import { SessionCache } from '../api/auth/session-cache.ts';
import { closeNotificationStreams } from '../api/notifications/notification-stream.ts';
import { ConfigError, PROJECT_ROOT, loadConfig, type AppConfig } from '../temporal.config.ts';
import { databaseUrlOf, openDatabase, type Orm } from './db/orm.ts';
import { createMailer } from './mail/mailer.ts';
import { ensureHousekeeping } from './housekeeping.ts';
import { ensureMailDispatcher } from './mail/ensure-dispatcher.ts';
import { BIRTHDAY_CALL_HOUR, ensureBirthdaySchedule } from './birthday-schedule.ts';
import { SURVEY_ROUND_HOUR, ensureSurveySchedules } from './survey-schedule.ts';
import { ensureShippedRoutes } from './db/shipped-routes.ts';
import { loadCalendarSettings } from '../domain/calendar/calendar-settings.ts';
import { backfillTimingFacts } from '../domain/reports/timing/backfill-timing-facts.ts';
import { startEmbeddedPostgres } from './services/embedded-postgres.ts';
import { removePidFile, stopLeftovers, writePidFile } from './services/pid-files.ts';
import { locateTemporalCli } from './services/temporal-cli.ts';
import { startTemporalDevServer } from './services/temporal-dev-server.ts';
import { connectClient, connectWorker } from './temporal-connection.ts';
import { createWorker } from './worker.ts';

export const log = (msg: string): void => console.log(`[crm] ${msg}`);

/** Reads the configuration or exits with the message naming each bad variable. */
export function configOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    process.exit(2);
  }
}

export function installTemporalRuntime(config: AppConfig): void {
  const level = config.logLevel === 'debug' ? 'DEBUG' : config.logLevel === 'info' ? 'WARN' : config.logLevel.toUpperCase();
  // The Lifecycle below owns SIGINT/SIGTERM: it must drain the worker before the services stop.
  Runtime.install({ logger: new DefaultLogger(level as 'WARN'), shutdownSignals: [] });
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
/** Ctrl-C reaches the launcher twice (from the terminal and forwarded by npm); that is one request. */
const DUPLICATE_SIGNAL_MS = 1_000;

/**
 * Takes over from an earlier `npm start` that was killed (-9) and left services running: stops
 * them, using the pid files under the data directory, then records this launcher's own pid.
 */
export async function takeOverDataDir(config: AppConfig, life: Lifecycle): Promise<void> {
  await mkdir(config.dataDir, { recursive: true });
  const stopped = await stopLeftovers(config.dataDir, log);
  if (stopped.length) log(`stopped what the earlier run left: ${stopped.join(', ')}`);
  await writePidFile(config.dataDir, 'start', { pid: process.pid, match: process.argv[1] ?? 'start.ts', stopSignal: 'SIGTERM' });
  life.add('pid file', () => removePidFile(config.dataDir, 'start'));
}

/** Stops registered parts in reverse order on SIGINT/SIGTERM; a second signal exits at once. */
export class Lifecycle {
  private readonly stops: { name: string; stop: () => Promise<void> }[] = [];
  private stopping = false;
  private firstSignalAt = 0;
  private readonly onSignal = (signal: NodeJS.Signals): void => {
    if (this.stopping && Date.now() - this.firstSignalAt < DUPLICATE_SIGNAL_MS) return;
    if (this.stopping) {
      log('Second signal: exiting now.');
      process.exit(130);
    }
    this.firstSignalAt = Date.now();
    void this.shutdown(`${signal} received`, 0);
  };

  constructor() {
    for (const signal of SIGNALS) process.on(signal, this.onSignal);
  }

  /**
   * Under `npm start` the chain is npm -> sh -> this process. npm passes SIGTERM on to sh only,
   * and sh dies without passing it on; npm killed with -9 passes on nothing. Either way this
   * process is re-parented, which is the sign to stop everything it started.
   */
  stopWhenOrphaned(intervalMs = 500): void {
    const parent = process.ppid;
    const timer = setInterval(() => {
      if (process.ppid === parent || this.stopping) return;
      clearInterval(timer);
      void this.shutdown(`The process that started this one (pid ${parent}) is gone`, 0);
    }, intervalMs);
    timer.unref();
  }

  add(name: string, stop: () => Promise<void>): void {
    this.stops.push({ name, stop });
  }

  async shutdown(why: string, code: number): Promise<never> {
    this.stopping = true;
    log(`${why}: stopping...`);
    for (const { name, stop } of this.stops.reverse()) {
      try {
        await stop();
        log(`  stopped ${name}`);
      } catch (err) {
        console.error(`  could not stop ${name} cleanly:`, err);
      }
    }
    process.exit(code);
  }
}

export async function ensureDatabase(config: AppConfig, life: Lifecycle): Promise<string> {
  if (config.databaseUrl) return config.databaseUrl;
  await mkdir(config.dataDir, { recursive: true });
  const pg = await startEmbeddedPostgres({ ...config.embeddedPostgres, log });
  if (pg.pid) await writePidFile(config.dataDir, 'postgres', { pid: pg.pid, match: config.embeddedPostgres.dataDir, stopSignal: 'SIGINT' });
  life.add('PostgreSQL', async () => {
    await pg.stop();
    await removePidFile(config.dataDir, 'postgres');
  });
  return pg.url;
}

export async function ensureTemporal(config: AppConfig, life: Lifecycle): Promise<{ address: string; uiUrl?: string | undefined }> {
  if (config.temporal.address) return { address: config.temporal.address };
  const cliPath = await locateTemporalCli({ projectRoot: PROJECT_ROOT, env: { ...process.env, ...(config.temporal.cli ? { TEMPORAL_CLI: config.temporal.cli } : {}) }, log });
  const dev = await startTemporalDevServer({
    cliPath,
    dbFile: config.temporal.dev.dbFile,
    port: config.temporal.dev.port,
    uiPort: config.temporal.dev.uiPort,
    namespace: config.temporal.namespace,
    logFile: path.join(config.dataDir, 'temporal.log'),
    log,
  });
  if (dev.pid) await writePidFile(config.dataDir, 'temporal', { pid: dev.pid, match: config.temporal.dev.dbFile, stopSignal: 'SIGTERM' });
  life.add('Temporal dev server', async () => {
    await dev.stop();
    await removePidFile(config.dataDir, 'temporal');
  });
  return { address: dev.address, uiUrl: dev.uiUrl };
}

export async function openOrm(databaseUrl: string, life: Lifecycle, migrate: boolean, connectTimeoutMs?: number): Promise<Orm> {
  const orm = await openDatabase(databaseUrl, { migrate, ...(connectTimeoutMs ? { connectTimeoutMs } : {}) });
  life.add('database pool', () => orm.close());
  // Timing facts for steps closed before they were recorded; in the background, so a large
  // upgrade does not hold up the start (reports read what is there; the next start resumes).
  if (migrate) {
    void backfillTimingFacts(orm.em.fork()).then(
      (n) => n.steps + n.cases > 0 && log(`Timing facts written for ${n.steps} closed steps and ${n.cases} ended cases`),
      (err: unknown) => log(`Timing facts not finished (the next start resumes): ${err instanceof Error ? err.message : String(err)}`),
    );
  }
  return orm;
}

export async function runWorker(config: AppConfig, address: string, orm: Orm, life: Lifecycle): Promise<void> {
  const connection = await connectWorker(config.temporal, address);
  const worker = await createWorker({ connection, namespace: config.temporal.namespace, taskQueue: config.temporal.taskQueue, orm, mailer: createMailer({ ...config.mail, publicOrigin: config.publicOrigin ?? `http://127.0.0.1:${config.http.port}` }) });
  const running = worker.run();
  running.catch(async (err: unknown) => {
    console.error('The worker stopped with an error:', err);
    await life.shutdown('Worker failed', 1);
  });
  life.add('worker', async () => {
    worker.shutdown();
    await running.catch(() => undefined);
    await connection.close();
  });
  // The shipped routes the company lacks (a new install, or a new release shipping another).
  const added = await ensureShippedRoutes(orm.em.fork());
  if (added.length) log(`Shipped routes published: ${added.join(', ')}`);
  const client = new Client({ connection, namespace: config.temporal.namespace });
  // Ended cases and failed mail are swept by one durable workflow per task queue, whichever worker starts it.
  await ensureHousekeeping(client, config.temporal.taskQueue, { intervalMs: config.housekeeping.intervalMs });
  // Campaign mail: one dispatcher per task queue, at the configured rate.
  await ensureMailDispatcher(client, config.temporal.taskQueue, { settings: { ratePerSecond: config.mail.ratePerSecond } });
  const { timeZone } = await loadCalendarSettings(orm.em.fork());
  await ensureBirthdaySchedule(client, { taskQueue: config.temporal.taskQueue, timeZone, hour: BIRTHDAY_CALL_HOUR });
  await ensureSurveySchedules(client, { taskQueue: config.temporal.taskQueue, timeZone, hour: SURVEY_ROUND_HOUR });
}

export async function runApi(config: AppConfig, address: string, orm: Orm, life: Lifecycle): Promise<string> {
  const temporal = await connectClient(config.temporal, address);
  life.add('Temporal client', () => temporal.connection.close());
  const sessionCache = new SessionCache(databaseUrlOf(orm), { ttlMs: config.sessionCacheMs });
  sessionCache.start();
  life.add('session cache', () => sessionCache.stop());
  const loginLimiter = new LoginLimiter(databaseUrlOf(orm), config.loginLimits, { connectTimeoutMs: config.databaseConnectTimeoutMs });
  life.add('sign-in limiter pool', () => loginLimiter.close());
  const app = createApp({
    orm, temporal, taskQueue: config.temporal.taskQueue, sessionTtlHours: config.sessionTtlHours, sessionCache, mailer: createMailer(config.mail), caseLimits: config.caseLimits, idempotencyStaleSeconds: config.idempotencyStaleSeconds,
    loginLimiter, secureCookies: config.cookieSecure, trustProxy: config.trustProxy, publicOrigin: config.publicOrigin,
    temporalUiUrl: config.temporal.uiUrl,
  });
  // The web UI at / (built by the launcher when missing or stale: infra/web-build.ts).
  mountWebUi(app, WEB_DIST);
  const { host, port } = config.http;
  await new Promise<void>((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, () => resolve());
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new Error(`Port ${host}:${port} is already in use; set PORT to another port`) : err),
    );
    life.add('HTTP server', () =>
      new Promise<void>((done) => {
        server.close(() => done());
        // Open notification streams would keep close() waiting for the clients to hang up.
        closeNotificationStreams();
      }),
    );
  });
  return `http://${host}:${port}`;
}
