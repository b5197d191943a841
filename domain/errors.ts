// The one error type the domain raises. Its code decides the HTTP status (api/problem.ts) and
// whether an activity failure is retryable (activities/errors.ts), so both map it in one place.

export type DomainErrorCode =
  | 'invalid_input' // the request is malformed (wrong types, missing fields)
  | 'unprocessable' // well-formed but breaks a business rule (invalid route, unknown outcome)
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict' // the state moved on: completing twice, publishing a stale draft
  | 'rate_limited' // too many attempts (sign-in); wait for Retry-After
  | 'unavailable'; // Temporal or PostgreSQL cannot be reached now; nothing was changed, try again

/** One problem with a piece of input: where it is (a JSON path) and what is wrong with it. */
export interface FieldProblem {
  path: string;
  message: string;
  /** The route node the problem is about, when there is one. */
  nodeId?: string;
}

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly problems: FieldProblem[];
  /** Seconds after which trying again may succeed (unavailable back-ends, a request still running). */
  readonly retryAfterSeconds: number | undefined;
  /**
   * More members of the problem answer (RFC 9457 extension members), e.g. the clients a new one
   * duplicates, or the current record when a change was made on a stale version.
   */
  readonly extensions: Record<string, unknown> | undefined;

  constructor(code: DomainErrorCode, message: string, problems: FieldProblem[] = [], opts: { retryAfterSeconds?: number; cause?: unknown; extensions?: Record<string, unknown> } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'DomainError';
    this.code = code;
    this.problems = problems;
    this.retryAfterSeconds = opts.retryAfterSeconds;
    this.extensions = opts.extensions;
  }
}

export const notFound = (what: string, id: string): DomainError => new DomainError('not_found', `${what} ${id} does not exist`);

/** Turns a list of path segments into the `steps[1].assignee.role` form people read. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out === '' ? '(root)' : out;
}
