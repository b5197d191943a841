// GET a report through the same error path as the typed client (problem+json -> ApiError, 401 ->
// sign-in). The report endpoints are read by path because each screen section names its own.
import type { ClientResponse } from 'hono/client';
import { unwrap } from '../api.ts';

export type Query = Record<string, string | number | undefined | null>;

export function reportUrl(path: string, query: Query = {}): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

export async function getReport<T>(path: string, query: Query = {}, signal?: AbortSignal): Promise<T> {
  const res = fetch(reportUrl(path, query), { credentials: 'same-origin', headers: { accept: 'application/json' }, ...(signal ? { signal } : {}) });
  // unwrap only reads ok/status/json() of the answer, which a plain Response has.
  return (await unwrap(res as unknown as Promise<ClientResponse<unknown>>)) as T;
}
