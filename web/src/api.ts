// The API through Hono's typed client: paths, inputs and answers are checked against api/app.ts.
// Every call goes through unwrap(), which turns a problem+json answer into an ApiError and a 401
// into a trip to the sign-in page (the session cookie expired or was ended elsewhere).
import { hc, type ClientResponse, type parseResponse } from 'hono/client';
import type { AppType } from '../../api/app.ts';

export const client = hc<AppType>('/', { init: { credentials: 'same-origin' } });

export interface FieldProblem {
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly problems: FieldProblem[];
  /** The whole problem body: some answers carry more (a 409's `duplicates` or `current`). */
  readonly body: Record<string, unknown> | null;
  constructor(status: number, body: { title?: string; detail?: string; problems?: FieldProblem[] } | null) {
    super(body?.detail ?? body?.title ?? `HTTP ${status}`);
    this.status = status;
    this.problems = body?.problems ?? [];
    this.body = body;
  }
  /** The problems of one form, keyed by field id: 'form.amount' -> 'amount'. */
  fieldErrors(prefix: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const p of this.problems) if (p.path.startsWith(`${prefix}.`)) out[p.path.slice(prefix.length + 1)] = p.message;
    return out;
  }
}

type Ok<T extends ClientResponse<unknown>> = Awaited<ReturnType<typeof parseResponse<T>>>;

let onUnauthenticated: () => void = () => undefined;
/** The app says what a 401 does (go to sign-in, remembering the page). */
export function setUnauthenticatedHandler(fn: () => void): void {
  onUnauthenticated = fn;
}

export async function unwrap<T extends ClientResponse<unknown>>(call: Promise<T>, opts: { quiet401?: boolean } = {}): Promise<Ok<T>> {
  const res = await call;
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as ConstructorParameters<typeof ApiError>[1];
    if (res.status === 401 && !opts.quiet401) onUnauthenticated();
    throw new ApiError(res.status, body);
  }
  if (res.status === 204) return undefined as Ok<T>;
  return (await res.json()) as Ok<T>;
}
