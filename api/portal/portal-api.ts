// The customer portal's API, public (no sign-in): submit a request (202, the same answer whatever
// the address), confirm it from the e-mailed link (the complaint is registered and its route
// started), follow the complaint through its link and reply. Every endpoint is rate-limited in
// PostgreSQL per client address, and per e-mail or per link; a wrong, expired or revoked token is
// the same 404. Writes are audited as anonymous (the e-mail given as the label).
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { deliverNow } from '../../infra/mail/mailer.ts';
import { confirmPortalRequest } from '../../domain/portal/confirm-request.ts';
import { addClientMessage, complaintOfLink, portalCaseView } from '../../domain/portal/portal-case.ts';
import { PORTAL_LIMITS, hit } from '../../domain/portal/rate-limit.ts';
import { submitPortalRequest } from '../../domain/portal/submit-request.ts';
import { recordAudit } from '../audit/audit-trail.ts';
import { clientAddress } from '../auth/client-address.ts';
import { startComplaintRoute } from '../complaints/complaint-route.ts';
import type { AppEnv } from '../context.ts';
import { json, jsonBody } from '../openapi.ts';
import { problems, validationHook } from '../problem.ts';
import { accessParamSchema, acceptedSchema, confirmSchema, followLinkSchema, portalCaseSchema, portalMessageSchema, portalRequestSchema } from './schemas.ts';

const ACCEPTED = 'Check your e-mail: we sent a link to confirm the request';
const linkOf = (accessToken: string) => ({ link: `/portal/c/${accessToken}`, accessToken });

export const portalApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'post', path: '/requests', tags: ['Portal'], summary: 'Submit a complaint or a question without an account; a confirmation link is e-mailed', security: [],
      request: { ...jsonBody(portalRequestSchema) },
      responses: { 202: { description: 'Always the same answer, whatever the address', ...json(acceptedSchema) }, ...problems(400, 429) },
    }),
    async (c) => {
      const { em, deps } = c.var;
      const b = c.req.valid('json');
      await hit(em, PORTAL_LIMITS.submitPerAddress, clientAddress(c));
      await hit(em, PORTAL_LIMITS.submitPerEmail, b.email.trim().toLowerCase());
      const origin = deps.publicOrigin ?? new URL(c.req.url).origin;
      const key = await submitPortalRequest(em, { name: b.name, email: b.email, phone: b.phone ?? null, kind: b.kind, subject: b.subject, text: b.text, company: b.company ?? null }, origin);
      if (deps.mailer) await deliverNow(em, deps.mailer, [key], 5_000);
      await recordAudit(c, { action: 'portal.submit', targetType: 'portal-request', actorLabel: b.email, details: { kind: b.kind }, status: 202 });
      return c.json({ message: ACCEPTED }, 202);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/confirm', tags: ['Portal'], summary: 'Confirm a request: the complaint is registered and followed through the answered link', security: [],
      request: { ...jsonBody(confirmSchema) },
      responses: { 200: { description: 'The follow link (the same on every confirmation)', ...json(followLinkSchema) }, ...problems(400, 404, 429) },
    }),
    async (c) => {
      const { em, deps } = c.var;
      await hit(em, PORTAL_LIMITS.confirmPerAddress, clientAddress(c));
      const done = await confirmPortalRequest(em, c.req.valid('json').token);
      // Outside the confirmation's transaction: the complaint is committed; a route started
      // already (a second confirmation) is not started again.
      await startComplaintRoute(em.fork(), deps, done.actor, done.complaintId, `portal:${done.complaintId}`);
      if (deps.mailer) await deliverNow(em, deps.mailer, done.mailKeys, 5_000);
      if (done.mailKeys.length) await recordAudit(c, { action: 'portal.confirm', targetType: 'complaint', targetId: done.complaintId, actorLabel: null });
      return c.json(linkOf(done.accessToken), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/cases/{token}', tags: ['Portal'], summary: 'The complaint behind a follow link: status, due date, public messages, decision', security: [],
      request: { params: accessParamSchema },
      responses: { 200: { description: 'The complaint as the client sees it', ...json(portalCaseSchema) }, ...problems(400, 404, 429) },
    }),
    async (c) => {
      const { em } = c.var;
      const { token } = c.req.valid('param');
      await hit(em, PORTAL_LIMITS.readPerAddress, clientAddress(c));
      await hit(em, PORTAL_LIMITS.readPerLink, token);
      return c.json(await portalCaseView(em, await complaintOfLink(em, token)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/cases/{token}/messages', tags: ['Portal'], summary: 'The client\'s reply: a public message; the SLA clock stops until the company answers', security: [],
      request: { params: accessParamSchema, ...jsonBody(portalMessageSchema) },
      responses: { 201: { description: 'Added; the complaint as it is now', ...json(portalCaseSchema) }, ...problems(400, 404, 409, 429) },
    }),
    async (c) => {
      const { em } = c.var;
      const { token } = c.req.valid('param');
      await hit(em, PORTAL_LIMITS.readPerAddress, clientAddress(c));
      await hit(em, PORTAL_LIMITS.replyPerLink, token);
      const complaintId = await complaintOfLink(em, token);
      await addClientMessage(em, complaintId, c.req.valid('json').text);
      await recordAudit(c, { action: 'portal.message', targetType: 'complaint', targetId: complaintId, status: 201 });
      return c.json(await portalCaseView(em.fork(), complaintId), 201);
    },
  );
