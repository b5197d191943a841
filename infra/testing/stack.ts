// One test file's slice of the real stack: its own database cloned from the migrated and seeded
// template, a Temporal client and worker on their own task queue, and the Hono app. Helpers sign
// in as demo users and call the API through app.request(), the way a client would.
import type { Registries } from '../../domain/processes/apply-transition.ts';
import { Client, Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import { createApp } from '../../api/app.ts';
import { LoginLimiter, DEFAULT_LOGIN_LIMITS, type LoginLimits } from '../../api/auth/login-limiter.ts';
import { SessionCache } from '../../api/auth/session-cache.ts';
import { DEFAULT_LIMITS, type CaseLimits } from '../../domain/processes/process-input.ts';
import { DEMO_PASSWORD, demoEmail } from '../db/demo-data.ts';
import { openDatabase, type Orm } from '../db/orm.ts';
import { createMailer, type MailConfig } from '../mail/mailer.ts';
import { ensureHousekeeping } from '../housekeeping.ts';
import type { HousekeepingInput } from '../../workflows/housekeeping.ts';
import { createDatabase, dropDatabase } from '../services/embedded-postgres.ts';
import { createWorker } from '../worker.ts';

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  contentType: string | null;
  body: T;
}

export interface RunningWorker {
  worker: Worker;
  stop(): Promise<void>;
}

export interface TestStackOptions {
  /** Where the worker sends notification e-mail; without it, mail stays in the outbox. */
  smtpUrl?: string;
  /**
   * Run against this file's own time-skipping test server instead of the shared dev server, so
   * days of deadlines pass in `skip(...)` calls. Time does not advance while a client waits for
   * an update's result (sdk-typescript#1549), so tests move the clock between their calls.
   */
  timeSkipping?: boolean;
  /** Limits of the cases this stack starts (e.g. a small history size, to see continue-as-new). */
  caseLimits?: Partial<CaseLimits>;
  /** Backoff of failed mail (shortened in tests). */
  mailRetry?: MailConfig['retry'];
  /** Sign-in limits (tests shorten the blocks to about a second). */
  loginLimits?: Partial<LoginLimits>;
  /** COOKIE_SECURE and PUBLIC_ORIGIN of this stack's app. */
  secureCookies?: boolean;
  publicOrigin?: string;
  /** TEMPORAL_UI_URL of this stack's app (admins' link from a case to its workflow). */
  temporalUiUrl?: string;
  /** Operations and list sources the worker's routes reach instead of the product's (the engine's own tests). */
  registries?: Registries;
}

export async function startTestStack(opts: TestStackOptions = {}) {
  const dbName = `t_${crypto.randomUUID().replaceAll('-', '')}`;
  const adminUrl = inject('pgAdminUrl');
  await createDatabase(adminUrl, dbName, inject('templateDb'));
  const dbUrl = adminUrl.replace(/\/[^/]+$/, `/${dbName}`);
  const orm = await openDatabase(dbUrl, { poolMax: 5 });
  const env = opts.timeSkipping
    ? await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: inject('temporalTestServerPath') } } })
    : undefined;
  const address = inject('temporalAddress');
  const connection = env ? undefined : await Connection.connect({ address });
  const client = env ? env.client : new Client({ connection: connection!, namespace: 'default' });
  const workerConnection = env ? env.nativeConnection : await NativeConnection.connect({ address });
  const taskQueue = `test-${crypto.randomUUID()}`;
  const mailer = createMailer({ smtpUrl: opts.smtpUrl, retry: opts.mailRetry });
  // How far the time-skipping server's clock is ahead of the wall clock, after skip().
  let clockOffset = 0;
  // As in production: sessions remembered by the API, forgotten on the database's notice.
  const sessionCache = new SessionCache(dbUrl, { ttlMs: 30_000 });
  sessionCache.start();
  // As in production: sign-in attempts limited in PostgreSQL. TRUST_PROXY is on so tests can sign
  // in "from" different addresses with X-Forwarded-For (app.request() has no socket).
  const loginLimiter = new LoginLimiter(dbUrl, { ...DEFAULT_LOGIN_LIMITS, ...opts.loginLimits });
  const app = createApp({
    orm, temporal: client, taskQueue, sessionTtlHours: 1, sessionCache, mailer, caseLimits: { ...DEFAULT_LIMITS, ...opts.caseLimits }, engineClock: () => new Date(Date.now() + clockOffset),
    loginLimiter, trustProxy: true, secureCookies: opts.secureCookies ?? false, publicOrigin: opts.publicOrigin, temporalUiUrl: opts.temporalUiUrl,
  });
  const workers = new Set<RunningWorker>();
  const tokens = new Map<string, string>();

  async function startWorker(): Promise<RunningWorker> {
    const worker = await createWorker({ connection: workerConnection, namespace: 'default', taskQueue, orm, mailer, workflowBundle: { codePath: inject('workflowBundlePath') }, ...(opts.registries ? { registries: opts.registries } : {}) });
    const running = worker.run();
    const handle: RunningWorker = {
      worker,
      async stop() {
        if (!workers.delete(handle)) return;
        worker.shutdown();
        await running;
      },
    };
    workers.add(handle);
    return handle;
  }

  async function call<T = Record<string, unknown>>(method: string, path: string, opts: { as?: string; token?: string; body?: unknown; rawBody?: string } = {}): Promise<ApiResponse<T>> {
    const token = opts.token ?? (opts.as ? await login(opts.as) : undefined);
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (opts.body !== undefined || opts.rawBody !== undefined) headers['content-type'] = 'application/json';
    const res = await app.request(path, { method, headers, body: opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)) });
    const text = await res.text();
    return { status: res.status, contentType: res.headers.get('content-type'), body: (text ? JSON.parse(text) : null) as T };
  }

  /** Signs in as a demo employee (by key, e.g. 'seller1') and caches the token. */
  async function login(key: string): Promise<string> {
    const cached = tokens.get(key);
    if (cached) return cached;
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: demoEmail(key), password: DEMO_PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`login as ${key} failed: ${res.status} ${await res.text()}`);
    const { token } = (await res.json()) as { token: string };
    tokens.set(key, token);
    return token;
  }

  /** Starts this file's housekeeping workflow (ended cases, mail retries); close() ends it. */
  let housekeeping: Awaited<ReturnType<typeof ensureHousekeeping>> | undefined;
  async function startHousekeeping(input: HousekeepingInput) {
    housekeeping = await ensureHousekeeping(client, taskQueue, input);
    return housekeeping;
  }

  async function close(): Promise<void> {
    await housekeeping?.terminate('test finished').catch(() => undefined);
    await Promise.all([...workers].map((w) => w.stop()));
    if (env) await env.teardown();
    else {
      await workerConnection.close();
      await connection?.close();
    }
    await sessionCache.stop();
    await loginLimiter.close();
    await orm.close();
    await dropDatabase(adminUrl, dbName);
  }

  /** Moves the time-skipping server's clock forward (e.g. '3 days'), firing due timers. */
  async function skip(duration: string): Promise<void> {
    if (!env) throw new Error('skip() needs startTestStack({ timeSkipping: true })');
    await env.sleep(duration as Parameters<TestWorkflowEnvironment['sleep']>[0]);
    clockOffset = (await env.currentTimeMs()) - Date.now();
  }

  /** The time-skipping server's clock (ahead of the real one once a test has skipped time). */
  async function now(): Promise<number> {
    if (!env) return Date.now();
    return env.currentTimeMs();
  }

  return { app, orm, sessionCache, mailer, client, skip, now, taskQueue, call, login, startWorker, startHousekeeping, close, em: (): Orm['em'] => orm.em.fork() };
}

export type TestStack = Awaited<ReturnType<typeof startTestStack>>;
