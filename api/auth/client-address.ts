// Where a request comes from, for the sign-in limits and the audit log. The socket's peer address,
// unless the product runs behind a proxy it trusts (TRUST_PROXY=true): then the address that proxy
// appended to X-Forwarded-For. Only the last entry is the proxy's own observation; earlier ones
// are whatever the client chose to send, so trusting them would let anyone pick their address.
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { AppEnv } from '../context.ts';

/** Calls without a socket (app.request() in tests, an unusual adapter) share this address. */
export const UNKNOWN_ADDRESS = 'unknown';

export function clientAddress(c: Context<AppEnv>): string {
  if (c.var.deps.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded.slice(0, 64);
  }
  try {
    return getConnInfo(c).remote.address ?? UNKNOWN_ADDRESS;
  } catch {
    // No Node socket behind this request.
    return UNKNOWN_ADDRESS;
  }
}
