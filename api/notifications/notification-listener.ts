// One PostgreSQL LISTEN connection per API process, shared by all its live notification streams.
// Activities NOTIFY `crm_notifications` with the recipient's id on commit, whichever worker runs
// them; every API process hears it and wakes that recipient's streams, which then re-read the
// database. The database stays the source of truth: a wake-up only says "look again".
import { NOTIFICATION_CHANNEL } from '../../domain/notifications/channel.ts';
import { databaseUrlOf, type Orm } from '../../infra/db/orm.ts';
import { PgListener } from '../../infra/db/pg-listener.ts';

type Wake = () => void;

export class NotificationListener {
  private readonly subscribers = new Map<string, Set<Wake>>();
  private readonly connection: PgListener;
  private started: Promise<void> | undefined;

  constructor(connectionString: string) {
    this.connection = new PgListener(connectionString, [NOTIFICATION_CHANNEL], {
      notification: (_channel, recipientId) => {
        for (const wake of this.subscribers.get(recipientId) ?? []) wake();
      },
      // NOTIFYs sent while disconnected are lost: every stream re-reads once listening again.
      listening: () => this.wakeAll(),
    });
  }

  /** Calls `wake` whenever a notification for `recipientId` may have been committed. */
  async subscribe(recipientId: string, wake: Wake): Promise<() => void> {
    const set = this.subscribers.get(recipientId) ?? new Set<Wake>();
    set.add(wake);
    this.subscribers.set(recipientId, set);
    try {
      this.started ??= this.connection.start();
      await this.started;
    } catch (err) {
      this.started = undefined;
      this.remove(recipientId, wake);
      throw err;
    }
    let done = false;
    return () => {
      if (!done) this.remove(recipientId, wake);
      done = true;
    };
  }

  private remove(recipientId: string, wake: Wake): void {
    const set = this.subscribers.get(recipientId);
    set?.delete(wake);
    if (set?.size === 0) this.subscribers.delete(recipientId);
    // Nobody listening: release the connection (and let tests and shutdowns finish).
    if (this.subscribers.size === 0) {
      this.started = undefined;
      void this.connection.stop();
    }
  }

  private wakeAll(): void {
    for (const set of this.subscribers.values()) for (const wake of set) wake();
  }
}

const listeners = new WeakMap<Orm, NotificationListener>();

/** The process-wide listener for this database (created on first use). */
export function notificationListener(orm: Orm): NotificationListener {
  let listener = listeners.get(orm);
  if (!listener) {
    listener = new NotificationListener(databaseUrlOf(orm));
    listeners.set(orm, listener);
  }
  return listener;
}
