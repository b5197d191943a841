// The mail outbox, for administrators: every e-mail the system decided to send, whether it went
// out (SMTP configured), is waiting for its next try after a failure (with attempts and the last
// error), was given up, or is still queued (no SMTP: this list is where the mail is read).
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { MailMessage } from '../../domain/entities/index.ts';
import { requireRole } from '../auth/authenticate.ts';
import type { AppEnv } from '../context.ts';
import { problems, validationHook } from '../problem.ts';
import { mailMessageView, mailMessageViewSchema, outboxQuery } from './schemas.ts';

export const outboxApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  createRoute({
    method: 'get', path: '/', tags: ['Notifications'], summary: 'The mail outbox, newest first (admins)',
    description:
      'Mail that could not be sent is retried with exponential backoff by the housekeeping workflow until sent or given up (MAIL_MAX_ATTEMPTS); each message shows its status, attempts, last error and next try.', middleware: [requireRole('admin')] as const,
    request: { query: outboxQuery },
    responses: {
      200: { description: 'Mail messages', content: { 'application/json': { schema: z.object({ items: z.array(mailMessageViewSchema) }) } } },
      ...problems(400, 401, 403),
    },
  }),
  async (c) => {
    const { status, limit } = c.req.valid('query');
    const rows = await c.var.em.find(MailMessage, status ? { status } : {}, { orderBy: { createdAt: 'desc', id: 'desc' }, limit });
    return c.json({ items: rows.map(mailMessageView) }, 200);
  },
);
