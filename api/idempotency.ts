// Idempotency-Key for state-changing requests (RFC draft "The Idempotency-Key HTTP Header"). The
// first answer to a key is stored in PostgreSQL per actor; the same request with the same key gets
// that answer again (with Idempotent-Replayed: true) and changes nothing more. Another request
// under a used key is 422; a key whose request is still running is 409 with Retry-After. A key
// whose first attempt died half-way (its API process is gone, or it is older than the configured
// time) runs again: handlers derive their ids from `c.var.idempotencyKey`, so the second run finds
// what the first one wrote.
import { hostname } from 'node:os';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { DomainError } from '../domain/errors.ts';
import { IDEMPOTENCY_KEY_PATTERN, isValidIdempotencyKey } from '../domain/idempotency/derive-ids.ts';
import type { AppEnv } from './context.ts';
import { faultPoint } from './fault-point.ts';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
const CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const DEFAULT_STALE_SECONDS = 60;
const KEEP_HOURS = 24;

// Who runs a request: host and pid tell a later process on the same host that the owner died; the
// instance id tells a restarted process that reuses the pid (pid 1 in a container) from its predecessor.
const HOST = hostname();
const INSTANCE = crypto.randomUUID();
const OWNER = `${HOST}|${process.pid}|${INSTANCE}`;

interface KeyRow {
  method: string;
  path: string;
  request_hash: string;
  owner: string;
  status_code: number | null;
  content_type: string | null;
  response_body: string | null;
  age_seconds: number;
}

function ownerIsGone(owner: string): boolean {
  const [host, pid, instance] = owner.split('|');
  if (host !== HOST || pid === undefined) return false;
  if (instance === INSTANCE) return false;
  if (Number(pid) === process.pid) return true; // the pid was reused by this very process
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

let lastSweep = 0;

export const idempotency: MiddlewareHandler<AppEnv> = async (c, next) => {
  const key = c.req.header(IDEMPOTENCY_HEADER);
  if (!CHANGING.has(c.req.method) || key === undefined) return next();
  if (!isValidIdempotencyKey(key)) {
    throw new DomainError('invalid_input', `The ${IDEMPOTENCY_HEADER} header must be 1 to 255 printable ASCII characters`, [
      { path: `header.${IDEMPOTENCY_HEADER}`, message: 'expected 1-255 printable ASCII characters' },
    ]);
  }
  // Keys are scoped per caller: a person, or an integration key (both are UUIDs).
  const actorId = c.var.actor?.employeeId ?? c.var.integration?.keyId;
  if (!actorId) return next();
  const method = c.req.method;
  const path = c.req.path;
  // Hono caches the body, so the route's validator can still read it.
  const requestHash = await sha256(await c.req.text());
  const conn = c.var.em.getConnection();
  const staleSeconds = c.var.deps.idempotencyStaleSeconds ?? DEFAULT_STALE_SECONDS;

  await sweep(conn);
  const claimed = await conn.execute<{ id: string }[]>(
    `insert into idempotency_key (id, actor_id, key, method, path, request_hash, owner, created_at)
     values (?, ?, ?, ?, ?, ?, ?, now()) on conflict (actor_id, key) do nothing returning id`,
    [crypto.randomUUID(), actorId, key, method, path, requestHash, OWNER],
  );
  if (claimed.length === 0) {
    const [row] = await conn.execute<KeyRow[]>(
      `select method, path, request_hash, owner, status_code, content_type, response_body,
              extract(epoch from now() - created_at)::float as age_seconds
         from idempotency_key where actor_id = ? and key = ?`,
      [actorId, key],
    );
    if (!row) throw new DomainError('conflict', 'This Idempotency-Key was released a moment ago; send the request again', [], { retryAfterSeconds: 1 });
    if (row.method !== method || row.path !== path || row.request_hash !== requestHash) {
      throw new DomainError('unprocessable', `This ${IDEMPOTENCY_HEADER} was already used for another request (${row.method} ${row.path} with another body); use a new key`, [
        { path: `header.${IDEMPOTENCY_HEADER}`, message: 'already used for a different request' },
      ]);
    }
    if (row.status_code !== null) {
      return c.body(row.response_body ?? '', row.status_code as 200, {
        ...(row.content_type ? { 'content-type': row.content_type } : {}),
        'idempotent-replayed': 'true',
      });
    }
    const dead = row.age_seconds >= staleSeconds || ownerIsGone(row.owner);
    // Take the key over only if nobody else did meanwhile: the owner column is the lock.
    const taken = dead
      ? await conn.execute<{ id: string }[]>(
          `update idempotency_key set owner = ?, created_at = now() where actor_id = ? and key = ? and owner = ? and completed_at is null returning id`,
          [OWNER, actorId, key, row.owner],
        )
      : [];
    if (taken.length === 0) {
      throw new DomainError('conflict', `A request with this ${IDEMPOTENCY_HEADER} is still running; try again shortly`, [], { retryAfterSeconds: 1 });
    }
  }
  faultPoint('idempotency.claimed');

  c.set('idempotencyKey', key);
  let stored = false;
  try {
    await next();
    const res = c.res;
    // Server-side failures (503 when Temporal or PostgreSQL was out of reach) are not answers to
    // keep: the client should retry the same key and have the request really run.
    if (res.status < 500) {
      faultPoint('idempotency.before-store');
      await conn.execute(
        `update idempotency_key set status_code = ?, content_type = ?, response_body = ?, completed_at = now() where actor_id = ? and key = ? and owner = ?`,
        [res.status, res.headers.get('content-type'), await res.clone().text(), actorId, key, OWNER],
      );
      stored = true;
    }
  } finally {
    if (!stored) {
      await conn.execute(`delete from idempotency_key where actor_id = ? and key = ? and owner = ? and completed_at is null`, [actorId, key, OWNER]).catch(() => undefined);
    }
  }
  return undefined;
};

/** Keys are kept for a day; forgetting older ones now and then keeps the table small. */
async function sweep(conn: { execute(sql: string, params?: unknown[]): Promise<unknown> }): Promise<void> {
  if (Date.now() - lastSweep < 60_000) return;
  lastSweep = Date.now();
  await conn.execute(`delete from idempotency_key where created_at < now() - interval '${KEEP_HOURS} hours'`);
}

type OpenApiDocument = ReturnType<OpenAPIHono['getOpenAPI31Document']>;

/**
 * Adds the Idempotency-Key header, and the answers it brings (409 while running, 422 for another
 * request under the key), to every state-changing operation under /api except signing in - one
 * place, rather than in each resource's route definitions.
 */
export function withIdempotencyKey(doc: OpenApiDocument): OpenApiDocument {
  const header = {
    name: IDEMPOTENCY_HEADER,
    in: 'header' as const,
    required: false,
    description: 'Makes a retry safe: the same key with the same request returns the first answer (with `Idempotent-Replayed: true`) and changes nothing more. 1-255 printable ASCII characters, scoped to the signed-in user, kept for 24 hours.',
    schema: { type: 'string' as const, minLength: 1, maxLength: 255, pattern: IDEMPOTENCY_KEY_PATTERN.source },
  };
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    if (!path.startsWith('/api/') || path.startsWith('/api/auth/login')) continue;
    for (const method of ['post', 'put', 'patch', 'delete'] as const) {
      const op = item[method];
      if (!op) continue;
      op.parameters = [...(op.parameters ?? []), header];
      op.responses ??= {};
      op.responses['409'] ??= { description: 'A request with this Idempotency-Key is still running (see Retry-After)' };
      op.responses['422'] ??= { description: 'This Idempotency-Key was used for another request' };
    }
  }
  return doc;
}
