// The one typed place for configuration: Temporal's address, namespace and task queue, the
// embedded dev server's options, and every environment variable the product reads, parsed with
// zod so a bad value stops start-up with the variable's name and what was expected.
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_LIMITS } from './domain/processes/process-input.ts';

export const PROJECT_ROOT = import.meta.dirname;

/** Task queue and workflow type are named here once; worker, API and tests import them. */
export const TASK_QUEUE_DEFAULT = 'crm-routes';
export const ROUTE_WORKFLOW_TYPE = 'routeProcess';
/** The background sweeps (ended cases, failed mail): one workflow per task queue, started by every worker. */
export const HOUSEKEEPING_WORKFLOW_TYPE = 'housekeeping';
export const housekeepingWorkflowId = (taskQueue: string): string => `housekeeping-${taskQueue}`;
export const DEFAULT_MAIL_FROM = 'Route CRM <crm@leader.example>';

const PORT_MESSAGE = 'expected a port number from 1 to 65535';
const port = z.coerce.number({ error: PORT_MESSAGE }).int(PORT_MESSAGE).min(1, PORT_MESSAGE).max(65_535, PORT_MESSAGE);
const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

export const envSchema = z.object({
  DATABASE_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  TEMPORAL_ADDRESS: optionalText.pipe(z.string().regex(/^[^\s:]+:\d+$/, 'expected host:port').optional()),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(TASK_QUEUE_DEFAULT),
  TEMPORAL_API_KEY: optionalText,
  TEMPORAL_TLS_CERT: optionalText,
  TEMPORAL_TLS_KEY: optionalText,
  TEMPORAL_TLS_CA: optionalText,
  TEMPORAL_CLI: optionalText,
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  DATA_DIR: z.string().min(1).default('.data'),
  EMBEDDED_PG_PORT: port.default(5433),
  TEMPORAL_DEV_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  TEMPORAL_UI_URL: optionalText.pipe(z.url({ protocol: /^https?$/, error: 'expected the Temporal Web UI\'s address, e.g. https://temporal.example.com' }).optional()),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(12),
  SESSION_CACHE_SECONDS: z.coerce.number().int().min(0).max(600).default(30),
  SEED_DEMO_DATA: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  SMTP_URL: optionalText.pipe(z.url({ protocol: /^smtps?$/, error: 'expected smtp://user:pass@host:port or smtps://...' }).optional()),
  MAIL_FROM: z.string().trim().min(1).default(DEFAULT_MAIL_FROM),
  CASE_MAX_VISITS: z.coerce.number().int().min(10).max(1_000_000).default(DEFAULT_LIMITS.maxVisits),
  SUBPROCESS_MAX_DEPTH: z.coerce.number().int().min(1).max(50).default(DEFAULT_LIMITS.maxDepth),
  CASE_HISTORY_EVENTS: z.coerce.number().int().min(100).max(50_000).default(DEFAULT_LIMITS.historyEvents),
  TEMPORAL_RPC_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(1500),
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
  IDEMPOTENCY_STALE_SECONDS: z.coerce.number().int().min(1).max(24 * 3600).default(60),
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
  MAIL_RATE_PER_SECOND: z.coerce.number().min(0.1).max(10_000).default(20),
  HOUSEKEEPING_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3_600).default(30),
  COOKIE_SECURE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  TRUST_PROXY: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  PUBLIC_ORIGIN: optionalText.pipe(z.url({ protocol: /^https?$/, error: 'expected the product\'s origin, e.g. https://crm.example.com' }).optional()),
  LOGIN_MAX_FAILS_PER_ACCOUNT: z.coerce.number().int().min(1).max(1_000).default(5),
  LOGIN_MAX_FAILS_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(100),
  LOGIN_BLOCK_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  LOGIN_BLOCK_MAX_SECONDS: z.coerce.number().int().min(1).max(7 * 86_400).default(3_600),
});

export type AppConfig = ReturnType<typeof loadConfig>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = String(i.path[0]);
      return `  ${name}=${JSON.stringify(env[name] ?? '')}: ${i.message}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if ((e.TEMPORAL_TLS_CERT === undefined) !== (e.TEMPORAL_TLS_KEY === undefined)) {
    throw new ConfigError('Invalid configuration:\n  TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY: set both (mTLS) or neither');
  }
  const dataDir = path.resolve(PROJECT_ROOT, e.DATA_DIR);
  return {
    http: { host: e.HOST, port: e.PORT },
    dataDir,
    databaseUrl: e.DATABASE_URL,
    /** How long to wait for a PostgreSQL connection (new or from the pool) before answering 503. */
    databaseConnectTimeoutMs: e.DATABASE_CONNECT_TIMEOUT_MS,
    /** A request with an Idempotency-Key still unfinished after this long is taken to have died. */
    idempotencyStaleSeconds: e.IDEMPOTENCY_STALE_SECONDS,
    embeddedPostgres: { dataDir: path.join(dataDir, 'postgres'), port: e.EMBEDDED_PG_PORT, database: 'crm' },
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      apiKey: e.TEMPORAL_API_KEY,
      tls: e.TEMPORAL_TLS_CERT && e.TEMPORAL_TLS_KEY ? { cert: e.TEMPORAL_TLS_CERT, key: e.TEMPORAL_TLS_KEY, ca: e.TEMPORAL_TLS_CA } : undefined,
      cli: e.TEMPORAL_CLI,
      /** Deadline of short client calls (start, signal, query) and retry budget for an unreachable frontend. */
      rpcTimeoutMs: e.TEMPORAL_RPC_TIMEOUT_MS,
      dev: { port: e.TEMPORAL_DEV_PORT, uiPort: e.TEMPORAL_UI_PORT, dbFile: path.join(dataDir, 'temporal.sqlite') },
      /** The Temporal Web UI admins are linked to from a case: TEMPORAL_UI_URL, else the embedded dev server's own. */
      uiUrl: e.TEMPORAL_UI_URL ?? (e.TEMPORAL_ADDRESS ? undefined : `http://127.0.0.1:${e.TEMPORAL_UI_PORT}`),
    },
    sessionTtlHours: e.SESSION_TTL_HOURS,
    /** How long an API process may answer who is behind a token without asking PostgreSQL (0: always ask). */
    sessionCacheMs: e.SESSION_CACHE_SECONDS * 1000,
    seedDemoData: e.SEED_DEMO_DATA,
    logLevel: e.LOG_LEVEL,
    caseLimits: { maxVisits: e.CASE_MAX_VISITS, maxDepth: e.SUBPROCESS_MAX_DEPTH, historyEvents: e.CASE_HISTORY_EVENTS },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM, retry: { maxAttempts: e.MAIL_MAX_ATTEMPTS }, ratePerSecond: e.MAIL_RATE_PER_SECOND },
    housekeeping: { intervalMs: e.HOUSEKEEPING_INTERVAL_SECONDS * 1000 },
    /** Set the session cookie's Secure flag (serve over HTTPS when true). */
    cookieSecure: e.COOKIE_SECURE,
    /** Take the client address from X-Forwarded-For (only behind a proxy that sets it). */
    trustProxy: e.TRUST_PROXY,
    /** The product's own origin for the cookie Origin check; when absent, the request's own scheme and host. */
    publicOrigin: e.PUBLIC_ORIGIN === undefined ? undefined : new URL(e.PUBLIC_ORIGIN).origin,
    loginLimits: {
      maxFailsPerAccount: e.LOGIN_MAX_FAILS_PER_ACCOUNT,
      maxFailsPerAddress: e.LOGIN_MAX_FAILS_PER_ADDRESS,
      blockSeconds: e.LOGIN_BLOCK_SECONDS,
      maxBlockSeconds: e.LOGIN_BLOCK_MAX_SECONDS,
    },
  };
}
