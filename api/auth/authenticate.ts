// Middleware: finds who is calling - the session behind a bearer token or the session cookie, or
// an integration key (a bearer secret starting `crmk_`) - and refuses with 401 when nobody is.
// `requireRole` then guards designer/manager/admin calls.
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { DomainError } from '../../domain/errors.ts';
import { findIntegrationKey } from '../../domain/identity/find-integration-key.ts';
import { KEY_PREFIX } from '../../domain/identity/integration-key-secrets.ts';
import { hasAnyRole } from '../../domain/identity/roles.ts';
import { recordAudit } from '../audit/audit-trail.ts';
import type { AppEnv } from '../context.ts';
import { SESSION_COOKIE, actorForToken } from './sessions.ts';

export function tokenFrom(authorization: string | undefined, cookie: string | undefined): string | undefined {
  const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return bearer ?? cookie;
}

/**
 * What an integration key may call: read cases (the list and one case) and send events. Its
 * scopes and the route's event declarations then decide which.
 */
const KEY_CALLS: { method: string; path: RegExp }[] = [
  { method: 'GET', path: /^\/api\/processes\/?$/ },
  { method: 'GET', path: /^\/api\/processes\/[^/]+$/ },
  { method: 'POST', path: /^\/api\/processes\/[^/]+\/events$/ },
  // The accounting program reporting a payment; the key's scope `invoices/payments` decides.
  { method: 'POST', path: /^\/api\/invoices\/[^/]+\/payments$/ },
];

export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const bearer = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer?.startsWith(KEY_PREFIX)) {
    const key = await findIntegrationKey(c.var.em, bearer);
    if (!key) throw new DomainError('unauthenticated', 'This integration key is unknown or was revoked');
    c.set('integration', key);
    c.set('viewer', { kind: 'integration', keyId: key.keyId, name: key.name, routes: key.scopes.cases.includes('*') ? 'all' : key.scopes.cases });
    // The key's use goes into the audit log when its last use is recorded (at most once a minute);
    // what it changes is audited like any change.
    if (key.recordedUse) await recordAudit(c, { action: 'api-key.use', targetType: 'api-key', targetId: key.keyId, details: { method: c.req.method, path: c.req.path } });
    if (!KEY_CALLS.some((k) => k.method === c.req.method && k.path.test(c.req.path))) {
      throw new DomainError('forbidden', 'An integration key may only read cases, send events to them and report invoice payments');
    }
    await next();
    return;
  }
  const token = bearer ?? getCookie(c, SESSION_COOKIE);
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
