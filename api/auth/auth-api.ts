// Sign in and out. Sign-in answers with a bearer token and sets the same token as an HttpOnly,
// SameSite=Lax cookie (Secure with COOKIE_SECURE), so both API clients and the browser UI can use
// it. Attempts are limited per account and per address (login-limiter.ts); a wrong password and
// an unknown e-mail get the same 401, and a blocked account or address the same 429.
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { Employee } from '../../domain/entities/index.ts';
import { DomainError } from '../../domain/errors.ts';
import type { AppEnv } from '../context.ts';
import { findEmployeeViews } from '../directory/employee-view.ts';
import { employeeViewSchema } from '../directory/schemas.ts';
import { problems, validationHook } from '../problem.ts';
import { authenticate, tokenFrom } from './authenticate.ts';
import { clientAddress } from './client-address.ts';
import { originCheck } from './origin-check.ts';
import { DUMMY_HASH, verifyPassword } from './passwords.ts';
import { SESSION_COOKIE, closeAllSessions, closeSession, openSession } from './sessions.ts';

const login = createRoute({
  method: 'post',
  path: '/login',
  tags: ['Auth'],
  summary: 'Sign in with e-mail and password',
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ email: z.email().max(254), password: z.string().min(1).max(1024) }).openapi('LoginRequest') } },
    },
  },
  responses: {
    200: {
      description: 'Signed in; the token is also set as the crm_session cookie',
      content: { 'application/json': { schema: z.object({ token: z.string(), expiresAt: z.iso.datetime(), employee: employeeViewSchema }).openapi('LoginResponse') } },
    },
    ...problems(400, 401, 429),
  },
});

const logout = createRoute({
  method: 'post',
  path: '/logout',
  tags: ['Auth'],
  summary: 'Sign out (ends this session)',
  middleware: [originCheck, authenticate] as const,
  responses: { 204: { description: 'Signed out' }, ...problems(401, 403) },
});

const logoutAll = createRoute({
  method: 'post',
  path: '/logout-all',
  tags: ['Auth'],
  summary: 'Sign out everywhere (ends every session of the signed-in person)',
  middleware: [originCheck, authenticate] as const,
  responses: { 204: { description: 'Every session ended' }, ...problems(401, 403) },
});

const me = createRoute({
  method: 'get',
  path: '/me',
  tags: ['Auth'],
  summary: 'Who am I',
  middleware: [authenticate] as const,
  responses: { 200: { description: 'The signed-in employee', content: { 'application/json': { schema: employeeViewSchema } } }, ...problems(401) },
});

export const authApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(login, async (c) => {
    const { email, password } = c.req.valid('json');
    const em = c.var.em;
    const limiter = c.var.deps.loginLimiter;
    // Before anything else: a blocked account or address learns nothing, not even whether the e-mail exists.
    const attempt = await limiter?.begin(email, clientAddress(c));
    const employee = await em.findOne(Employee, { email: email.toLowerCase(), active: true }, { populate: ['passwordHash'] });
    const ok = await verifyPassword(employee?.passwordHash ?? DUMMY_HASH, password);
    if (!employee || !ok) {
      if (attempt) await limiter?.failed(attempt);
      throw new DomainError('unauthenticated', 'E-mail or password is wrong');
    }
    if (attempt) await limiter?.succeeded(attempt);
    const { token, expiresAt } = await openSession(em, employee.id, c.var.deps.sessionTtlHours);
    setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', path: '/', expires: expiresAt, secure: c.var.deps.secureCookies ?? false });
    const [view] = await findEmployeeViews(em, { id: employee.id });
    return c.json({ token, expiresAt: expiresAt.toISOString(), employee: view! }, 200);
  })
  .openapi(logout, async (c) => {
    const token = tokenFrom(c.req.header('authorization'), getCookie(c, SESSION_COOKIE));
    if (token) await closeSession(c.var.em, token, c.var.deps.sessionCache);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  })
  .openapi(logoutAll, async (c) => {
    await closeAllSessions(c.var.em, c.var.actor.employeeId, c.var.deps.sessionCache);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  })
  .openapi(me, async (c) => {
    const [view] = await findEmployeeViews(c.var.em, { id: c.var.actor.employeeId });
    return c.json(view!, 200);
  });
