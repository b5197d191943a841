// Cross-site request forgery guard. A browser attaches the session cookie to any request another
// site makes it send (SameSite=Lax still lets top-level POST navigations through in some browsers
// and does nothing against a sibling subdomain), so a state-changing request authenticated by the
// cookie must say where it comes from: its Origin, or else its Referer, must be the product's own
// origin - PUBLIC_ORIGIN when set (behind a proxy the request URL may not show the public scheme
// or host), otherwise the request's own scheme and host. A request with neither header is refused
// too. Requests authenticated by a bearer token or an API key header are not affected: a browser
// never adds those by itself.
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { DomainError } from '../../domain/errors.ts';
import type { AppEnv } from '../context.ts';
import { SESSION_COOKIE } from './sessions.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function originOf(header: string | undefined): string | undefined {
  if (!header || header === 'null') return undefined;
  try {
    return new URL(header).origin;
  } catch {
    return undefined;
  }
}

/** True when the session cookie is what authenticates this request (no bearer, no API key). */
function cookieAuthenticated(c: Parameters<MiddlewareHandler<AppEnv>>[0]): boolean {
  if (c.req.header('authorization') || c.req.header('x-api-key')) return false;
  return getCookie(c, SESSION_COOKIE) !== undefined;
}

export const originCheck: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!SAFE_METHODS.has(c.req.method) && cookieAuthenticated(c)) {
    const own = c.var.deps.publicOrigin ?? new URL(c.req.url).origin;
    const from = originOf(c.req.header('origin')) ?? originOf(c.req.header('referer'));
    if (from !== own) {
      throw new DomainError('forbidden', from === undefined
        ? 'A change made with the session cookie must carry an Origin or Referer header'
        : `A change made with the session cookie must come from ${own}, not ${from}`);
    }
  }
  await next();
};
