// The live notification stream (Server-Sent Events): pushes my notifications created after the
// stream opened. Woken by PostgreSQL NOTIFY (see notification-listener.ts), it re-reads my
// unread rows from the database, so it works with any number of API processes and workers.
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { Notification } from '../../domain/entities/index.ts';
import type { AppEnv } from '../context.ts';
import { notificationListener } from './notification-listener.ts';
import { notificationView } from './schemas.ts';

/** Keeps proxies from closing an idle stream; also a periodic re-read in case a NOTIFY was lost. */
export const PING_MS = 25_000;
/**
 * Rows are stamped when written but become visible at commit, so ids are not ordered by arrival:
 * the stream re-reads a window of recent rows and skips the ids it has seen. The window covers
 * a transaction's length (activities time out after 30 s) plus clock skew between machines.
 */
const WINDOW_MS = 5 * 60_000;
const BATCH = 100;

/** Every open stream's "end now", so shutting down need not wait for clients to hang up. */
const openStreams = new Set<() => void>();

/**
 * Ends every open stream of this process (clients reconnect elsewhere). An HTTP server's close()
 * waits for open responses, and an event stream never finishes by itself: call this first.
 */
export function closeNotificationStreams(): void {
  for (const end of openStreams) end();
}

export async function notificationStream(c: Context<AppEnv>): Promise<Response> {
  const recipientId = c.var.actor.employeeId;
  const orm = c.var.deps.orm;
  const seen = new Map<string, number>(); // id -> createdAt (ms)
  const recent = () =>
    orm.em.fork().find(
      Notification,
      {
        recipient: recipientId,
        readAt: null,
        createdAt: { $gte: new Date(Date.now() - WINDOW_MS) },
        ...(seen.size ? { id: { $nin: [...seen.keys()] } } : {}),
      },
      { orderBy: { createdAt: 'asc', id: 'asc' }, limit: BATCH },
    );

  let pending = false;
  let wakeLoop: (() => void) | undefined;
  const wake = (): void => {
    pending = true;
    wakeLoop?.();
  };
  // Listen first, then note what already exists: whatever commits after this is pushed, so a
  // client that opens the stream and then loads the list misses nothing.
  const unsubscribe = await notificationListener(orm).subscribe(recipientId, wake);
  try {
    for (let full = true; full; ) {
      const batch = await recent();
      for (const n of batch) seen.set(n.id, n.createdAt.getTime());
      full = batch.length === BATCH;
    }
  } catch (err) {
    unsubscribe();
    throw err;
  }

  return streamSSE(c, async (stream) => {
    let ending = false;
    const end = (): void => {
      ending = true;
      wakeLoop?.();
    };
    openStreams.add(end);
    stream.onAbort(() => {
      unsubscribe();
      end();
    });
    try {
      while (!stream.aborted && !stream.closed && !ending) {
        if (!pending) {
          const woken = await new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(false), PING_MS);
            wakeLoop = () => {
              clearTimeout(timer);
              resolve(true);
            };
          });
          wakeLoop = undefined;
          if (stream.aborted || ending) break;
          if (!woken) await stream.write(': ping\n\n');
        }
        pending = false;
        const cutoff = Date.now() - WINDOW_MS;
        for (const [id, at] of seen) if (at < cutoff) seen.delete(id);
        const batch = await recent();
        for (const n of batch) {
          seen.set(n.id, n.createdAt.getTime());
          await stream.writeSSE({ event: 'notification', id: n.id, data: JSON.stringify(notificationView(n)) });
        }
        if (batch.length === BATCH) pending = true; // more to come
      }
    } finally {
      openStreams.delete(end);
      unsubscribe();
    }
  });
}
