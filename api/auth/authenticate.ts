// Middleware: finds the session behind a bearer token or the session cookie and sets the actor;
// refuses with 401 when there is none. `requireRole` then guards designer/manager/admin calls.
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { DomainError } from '../../domain/errors.ts';
import { hasAnyRole } from '../../domain/identity/roles.ts';
import type { AppEnv } from '../context.ts';
import { SESSION_COOKIE, actorForToken } from './sessions.ts';

export function tokenFrom(authorization: string | undefined, cookie: string | undefined): string | undefined {
  const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return bearer ?? cookie;
}

export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = tokenFrom(c.req.header('authorization'), getCookie(c, SESSION_COOKIE));
  const actor = token ? await actorForToken(c.var.em, token, c.var.deps.sessionCache) : undefined;
  if (!actor) throw new DomainError('unauthenticated', token ? 'Your session has expired; sign in again' : 'Sign in first (POST /api/auth/login)');
  c.set('actor', actor);
  c.set('viewer', { kind: 'employee', actor });
  await next();
};

export function requireRole(...roles: string[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!hasAnyRole(c.var.actor, roles)) throw new DomainError('forbidden', `This needs one of the roles: ${roles.join(', ')}`);
    await next();
  };
}
