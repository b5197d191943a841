// Errors leave the API in one shape, RFC 9457 problem+json, with the failing fields listed.
// DomainError codes map to statuses here and nowhere else.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HTTPException } from 'hono/http-exception';
import { z } from '@hono/zod-openapi';
import { DomainError, formatPath, type DomainErrorCode, type FieldProblem } from '../domain/errors.ts';
import { temporalUnavailable } from './temporal-errors.ts';

/** Status, title and (for passing faults) the default Retry-After of every DomainError code. */
const PROBLEMS: Record<DomainErrorCode, { status: ContentfulStatusCode; title: string; retryAfterSeconds?: number }> = {
  invalid_input: { status: 400, title: 'Invalid input' },
  unauthenticated: { status: 401, title: 'Not signed in' },
  forbidden: { status: 403, title: 'Not allowed' },
  not_found: { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict' },
  unprocessable: { status: 422, title: 'Cannot be processed' },
  rate_limited: { status: 429, title: 'Too many requests' },
  unavailable: { status: 503, title: 'Service unavailable', retryAfterSeconds: 5 },
};

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    problems: z.array(z.object({ path: z.string(), message: z.string(), nodeId: z.string().optional() })).optional(),
  })
  .openapi('Problem');

export function problemResponse(c: Context, err: DomainError): Response {
  const { status, title, retryAfterSeconds } = PROBLEMS[err.code];
  const body = {
    ...err.extensions,
    type: `https://route-crm.dev/problems/${err.code.replaceAll('_', '-')}`,
    title,
    status,
    detail: err.message,
    ...(err.problems.length ? { problems: err.problems } : {}),
  };
  const retryAfter = err.retryAfterSeconds ?? retryAfterSeconds;
  return c.body(JSON.stringify(body), status, {
    'content-type': 'application/problem+json',
    ...(retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) }),
  });
}

export function zodProblems(error: z.ZodError, prefix?: string): FieldProblem[] {
  return error.issues.map((i) => ({ path: formatPath(prefix ? [prefix, ...i.path] : i.path), message: i.message }));
}

/** Validation hook for every route: a request that fails its zod schema is refused with 400. */
export const validationHook = (result: { success: true } | { success: false; error: z.ZodError; target: string }, c: Context) => {
  if (!result.success) {
    const where = result.target === 'json' ? 'body' : result.target;
    return problemResponse(c, new DomainError('invalid_input', `The request ${where} is not valid`, zodProblems(result.error, where === 'body' ? undefined : where)));
  }
  return undefined;
};

export function toProblem(err: unknown, c: Context): Response {
  if (err instanceof DomainError) return problemResponse(c, err);
  const unavailable = asUnavailable(err);
  if (unavailable) return problemResponse(c, unavailable);
  const refused = asRefusedInput(err);
  if (refused) return problemResponse(c, refused);
  if (err instanceof HTTPException) {
    // Hono raises these for malformed JSON bodies and the like.
    if (err.status >= 500) return problemResponse(c, new DomainError('conflict', err.message));
    return problemResponse(c, new DomainError(err.status === 401 ? 'unauthenticated' : 'invalid_input', err.message || 'The request is not valid'));
  }
  console.error('Unhandled error in', c.req.method, c.req.path, err);
  const body = { type: 'about:blank', title: 'Internal error', status: 500, detail: 'Something went wrong on our side; nothing was changed.' };
  return c.body(JSON.stringify(body), 500, { 'content-type': 'application/problem+json' });
}

/** Standard error responses for the OpenAPI document. */
export function problems(...statuses: ContentfulStatusCode[]) {
  const descriptions: Partial<Record<number, string>> = {
    400: 'The request is not valid (see problems[])',
    401: 'Not signed in',
    403: 'Not allowed for this user',
    404: 'Unknown id',
    409: 'The state has moved on (for example completed twice)',
    422: 'Well-formed but breaks a rule (see problems[])',
    429: 'Too many attempts; try again after Retry-After seconds',
    503: 'A back-end service is unavailable',
  };
  return Object.fromEntries(
    statuses.map((s) => [s, { description: descriptions[s] ?? 'Error', content: { 'application/problem+json': { schema: problemSchema } } }]),
  );
}

// Node's socket errors and pg's own messages for a server that cannot be reached or that hung up.
const DB_CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN']);
const DB_CONNECTION_MESSAGES = /timeout exceeded when trying to connect|Connection terminated|Client has encountered a connection error|connect ECONNREFUSED|the database system is (starting up|shutting down)|Client was closed/i;
// PostgreSQL SQLSTATE class 08 (connection exception) and 57P01-57P03 (admin shutdown, cannot connect now).
const DB_UNAVAILABLE_SQLSTATE = /^(08...|57P0[1-3])$/;

/** True when an error from the database driver means PostgreSQL could not be reached. */
export function databaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (DB_CONNECTION_CODES.has(code) || DB_UNAVAILABLE_SQLSTATE.test(code))) return true;
    if (DB_CONNECTION_MESSAGES.test(e.message)) return true;
    if (e instanceof AggregateError && e.errors.some((inner) => databaseUnavailable(inner))) return true;
  }
  return false;
}

/** A 503 for what failed because Temporal or PostgreSQL is out of reach; undefined otherwise. */
export function asUnavailable(err: unknown): DomainError | undefined {
  if (temporalUnavailable(err)) return new DomainError('unavailable', 'The workflow engine (Temporal) cannot be reached right now; nothing was changed. Try again shortly.', [], { cause: err });
  if (databaseUnavailable(err)) return new DomainError('unavailable', 'The database cannot be reached right now; nothing was changed. Try again shortly.', [], { cause: err });
  return undefined;
}

// What PostgreSQL says about input it cannot take: 22021 invalid byte sequence (a NUL byte),
// 22P05 unsupported Unicode escape (\u0000 in jsonb), 54001 stack depth exceeded (deep jsonb).
// The input guard refuses these first; this is the backstop for a path it does not see.
const INPUT_REFUSED_SQLSTATE = new Set(['22021', '22P05', '54001']);

/** A 400 for input the database refused as text or structure; undefined otherwise. */
export function asRefusedInput(err: unknown): DomainError | undefined {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && INPUT_REFUSED_SQLSTATE.has(code)) {
      return new DomainError('invalid_input', 'The request holds text or nesting the database cannot store (a NUL character, invalid Unicode or too deep a structure); nothing was changed.', [], { cause: err });
    }
  }
  return undefined;
}
