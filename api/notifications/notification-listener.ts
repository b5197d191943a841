// One PostgreSQL LISTEN connection per API process, shared by all its live notification streams.
// Activities NOTIFY `crm_notifications` with the recipient's id on commit, whichever worker runs
// them; every API process hears it and wakes that recipient's streams, which then re-read the
// database. The database stays the source of truth: a wake-up only says "look again".
import { createRequire } from 'node:module';
import { NOTIFICATION_CHANNEL } from '../../domain/notifications/channel.ts';
import type { Orm } from '../../infra/db/orm.ts';

// pg ships no type declarations; describe the little used here (as infra/services/embedded-postgres.ts does).
interface PgClient {
  connect(): Promise<void>;
  query(sql: string): Promise<unknown>;
  end(): Promise<void>;
  on(event: 'error', listener: (err: Error) => void): void;
  on(event: 'end', listener: () => void): void;
  on(event: 'notification', listener: (msg: { channel: string; payload?: string }) => void): void;
}
const pg = createRequire(import.meta.url)('pg') as { Client: new (config: { connectionString: string }) => PgClient };

const RECONNECT_MS = 1_000;
type Wake = () => void;

export class NotificationListener {
  private readonly subscribers = new Map<string, Set<Wake>>();
  private client: PgClient | undefined;
  private connecting: Promise<void> | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;

  private readonly connectionString: string;

  constructor(connectionString: string) {
    this.connectionString = connectionString;
  }

  /** Calls `wake` whenever a notification for `recipientId` may have been committed. */
  async subscribe(recipientId: string, wake: Wake): Promise<() => void> {
    const set = this.subscribers.get(recipientId) ?? new Set<Wake>();
    set.add(wake);
    this.subscribers.set(recipientId, set);
    try {
      await this.connect();
    } catch (err) {
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
    if (this.subscribers.size === 0) this.disconnect();
  }

  private connect(): Promise<void> {
    if (this.connecting) return this.connecting;
    const attempt: Promise<void> = this.open().catch((err: unknown) => {
      if (this.connecting === attempt) this.connecting = undefined;
      throw err;
    });
    this.connecting = attempt;
    return attempt;
  }

  private async open(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString });
    // Current from the start, so a disconnect while it is still connecting ends it too.
    this.client = client;
    const lost = (): void => {
      if (this.client !== client) return;
      this.client = undefined;
      this.connecting = undefined;
      this.scheduleReconnect();
    };
    client.on('error', lost); // a dropped connection must not crash the process
    client.on('end', lost);
    client.on('notification', (msg) => {
      if (msg.channel !== NOTIFICATION_CHANNEL || !msg.payload) return;
      for (const wake of this.subscribers.get(msg.payload) ?? []) wake();
    });
    await client.connect();
    await client.query(`LISTEN ${NOTIFICATION_CHANNEL}`);
  }

  private scheduleReconnect(): void {
    if (this.subscribers.size === 0 || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      // NOTIFYs sent while disconnected are lost: every stream re-reads once reconnected.
      this.connect().then(
        () => this.wakeAll(),
        () => this.scheduleReconnect(),
      );
    }, RECONNECT_MS);
  }

  private wakeAll(): void {
    for (const set of this.subscribers.values()) for (const wake of set) wake();
  }

  private disconnect(): void {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    const client = this.client;
    this.client = undefined;
    this.connecting = undefined;
    void client?.end().catch(() => undefined);
  }
}

const listeners = new WeakMap<Orm, NotificationListener>();

/** The process-wide listener for this database (created on first use). */
export function notificationListener(orm: Orm): NotificationListener {
  let listener = listeners.get(orm);
  if (!listener) {
    const url = orm.config.get('clientUrl');
    if (!url) throw new Error('Live notifications need the database URL (clientUrl) in the ORM config');
    listener = new NotificationListener(url);
    listeners.set(orm, listener);
  }
  return listener;
}
