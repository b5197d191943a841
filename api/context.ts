// What every request handler can reach: the app's dependencies and, after authentication, the
// acting employee and a request-scoped EntityManager.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import type { Actor } from '../domain/identity/roles.ts';
import type { KeyCaller } from '../domain/identity/find-integration-key.ts';
import type { Viewer } from '../domain/processes/case-access.ts';
import type { CaseLimits } from '../domain/processes/process-input.ts';
import type { Orm } from '../infra/db/orm.ts';
import type { Mailer } from '../infra/mail/mailer.ts';
import type { LoginLimiter } from './auth/login-limiter.ts';
import type { SessionCache } from './auth/session-cache.ts';

export interface AppDeps {
  orm: Orm;
  temporal: Client;
  taskQueue: string;
  sessionTtlHours: number;
  /** Remembers who is behind a token for a few seconds; without one every request asks the database. */
  sessionCache?: SessionCache | undefined;
  /** Sends the e-mail a request queues (a started case's first steps); without one it stays in the outbox. */
  mailer?: Mailer | undefined;
  /** The workflow engine's clock, when it is not the wall clock (time-skipping tests). */
  engineClock?: (() => Date) | undefined;
  /** Limits every case started here carries (loop budget, sub-process depth, history size). */
  caseLimits?: CaseLimits | undefined;
  /** Secure cookies when served over HTTPS. */
  secureCookies?: boolean;
  /** Limits sign-in attempts per account and per address; without one sign-in is not limited. */
  loginLimiter?: LoginLimiter | undefined;
  /** Take the client address from X-Forwarded-For (behind a trusted proxy only). */
  trustProxy?: boolean;
  /** The product's own origin (`https://crm.example.com`) for the cookie Origin check; default: the request's own. */
  publicOrigin?: string | undefined;
  /** An Idempotency-Key whose request has not finished after this long may run again (default 60). */
  idempotencyStaleSeconds?: number;
  /** Where the Temporal Web UI is (TEMPORAL_UI_URL): admins get a link from a case to its workflow there. */
  temporalUiUrl?: string | undefined;
  /** Deadline of each dependency check of GET /api/ready (default 1000 ms). */
  readyTimeoutMs?: number;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    em: EntityManager;
    actor: Actor;
    /** Who reads cases: the signed-in person, or the integration key the call came with. */
    viewer: Viewer;
    /** Set instead of `actor` when another system calls with an integration key. */
    integration: KeyCaller | undefined;
    /** The request's Idempotency-Key, once api/idempotency.ts accepted it: derive ids from it. */
    idempotencyKey: string | undefined;
  };
}
