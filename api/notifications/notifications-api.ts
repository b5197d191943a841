// My notifications: list (newest first), mark one or all read, and a live Server-Sent Events
// stream of new ones. Everyone sees only their own.
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { Notification } from '../../domain/entities/index.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import type { AppEnv } from '../context.ts';
import { json } from '../openapi.ts';
import { problems, validationHook } from '../problem.ts';
import { notificationStream } from './notification-stream.ts';
import { notificationListSchema, notificationParamSchema, notificationView, notificationViewSchema, notificationsQuery } from './schemas.ts';


export const notificationsApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get', path: '/', tags: ['Notifications'], summary: 'My notifications, newest first',
      request: { query: notificationsQuery },
      responses: { 200: { description: 'My notifications and how many are unread', ...json(notificationListSchema) }, ...problems(400, 401) },
    }),
    async (c) => {
      const { unread, limit } = c.req.valid('query');
      const mine = { recipient: c.var.actor.employeeId };
      const [rows, unreadCount] = await Promise.all([
        c.var.em.find(Notification, unread === 'true' ? { ...mine, readAt: null } : mine, { orderBy: { createdAt: 'desc', id: 'desc' }, limit }),
        c.var.em.fork().count(Notification, { ...mine, readAt: null }),
      ]);
      return c.json({ items: rows.map(notificationView), unread: unreadCount }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/stream', tags: ['Notifications'], summary: 'My new notifications, live (Server-Sent Events)',
      description:
        'Each new notification arrives as `event: notification` with the Notification as JSON in `data` and its id in `id`. ' +
        'A `: ping` comment comes every 25 s. Open the stream first, then load the list, and nothing is missed.',
      responses: { 200: { description: 'An endless text/event-stream', content: { 'text/event-stream': { schema: z.string() } } }, ...problems(401) },
    }),
    (c) => notificationStream(c),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/read-all', tags: ['Notifications'], summary: 'Mark all my notifications read',
      responses: { 200: { description: 'How many were unread', ...json(z.object({ updated: z.number().int() })) }, ...problems(401) },
    }),
    async (c) => {
      const updated = await c.var.em.nativeUpdate(Notification, { recipient: c.var.actor.employeeId, readAt: null }, { readAt: new Date() });
      return c.json({ updated }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/{id}/read', tags: ['Notifications'], summary: 'Mark one of my notifications read',
      request: { params: notificationParamSchema },
      responses: { 200: { description: 'The notification, read', ...json(notificationViewSchema) }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const em = c.var.em;
      const found = await em.findOne(Notification, id);
      if (!found) throw notFound('Notification', id);
      if (found.recipient.id !== c.var.actor.employeeId) throw new DomainError('forbidden', 'This notification is addressed to someone else');
      // Reading twice keeps the first time.
      found.readAt ??= new Date();
      await em.flush();
      return c.json(notificationView(found), 200);
    },
  );
