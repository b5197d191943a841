// Errors leave the API in one shape, RFC 9457 problem+json, with the failing fields listed.
// DomainError codes map to statuses here and nowhere else.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HTTPException } from 'hono/http-exception';
import { z } from '@hono/zod-openapi';
import { DomainError, formatPath, type DomainErrorCode, type FieldProblem } from '../domain/errors.ts';

const STATUS: Record<DomainErrorCode, ContentfulStatusCode> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
};

const TITLE: Record<DomainErrorCode, string> = {
  invalid_input: 'Invalid input',
  unauthenticated: 'Not signed in',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  conflict: 'Conflict',
  unprocessable: 'Cannot be processed',
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
  const status = STATUS[err.code];
  const body = {
    type: `https://route-crm.dev/problems/${err.code.replaceAll('_', '-')}`,
    title: TITLE[err.code],
    status,
    detail: err.message,
    ...(err.problems.length ? { problems: err.problems } : {}),
  };
  return c.body(JSON.stringify(body), status, { 'content-type': 'application/problem+json' });
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
    503: 'A back-end service is unavailable',
  };
  return Object.fromEntries(
    statuses.map((s) => [s, { description: descriptions[s] ?? 'Error', content: { 'application/problem+json': { schema: problemSchema } } }]),
  );
}
