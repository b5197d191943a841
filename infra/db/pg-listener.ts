// One PostgreSQL LISTEN connection on a set of channels, reconnected after a loss. Whoever uses it
// must treat a loss as "something may have been missed": NOTIFYs sent while disconnected are
// gone, so `lost` and `listening` let the user drop or re-read what it relied on.
import { createRequire } from 'node:module';

// pg ships no type declarations; describe the little used here.
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

export interface ListenerEvents {
  notification(channel: string, payload: string): void;
  /** LISTEN holds on every channel: the first time, and again after each loss. */
  listening?(): void;
  /** The connection dropped: nothing is heard until `listening` comes again. */
  lost?(): void;
}

export class PgListener {
  private client: PgClient | undefined;
  private connecting: Promise<void> | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private stopped = true;

  private readonly connectionString: string;
  private readonly channels: readonly string[];
  private readonly events: ListenerEvents;

  constructor(connectionString: string, channels: readonly string[], events: ListenerEvents) {
    for (const channel of channels) if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Not a channel name: ${channel}`);
    this.connectionString = connectionString;
    this.channels = channels;
    this.events = events;
  }

  /** True while LISTEN holds: every NOTIFY committed from now on is heard. */
  get listening(): boolean {
    return this.client !== undefined && this.connecting === undefined;
  }

  /**
   * Connects and listens; resolves once listening, rejects when this first attempt fails (it is
   * then retried in the background until `stop`).
   */
  start(): Promise<void> {
    this.stopped = false;
    return this.connect().catch((err: unknown) => {
      this.scheduleReconnect();
      throw err;
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    const client = this.client;
    this.client = undefined;
    this.connecting = undefined;
    await client?.end().catch(() => undefined);
  }

  private connect(): Promise<void> {
    if (this.connecting) return this.connecting;
    if (this.client) return Promise.resolve();
    const attempt: Promise<void> = this.open().then(
      () => {
        if (this.connecting === attempt) this.connecting = undefined;
        if (this.client) this.events.listening?.();
      },
      (err: unknown) => {
        if (this.connecting === attempt) this.connecting = undefined;
        throw err;
      },
    );
    this.connecting = attempt;
    return attempt;
  }

  private async open(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString });
    // Current from the start, so a stop while it is still connecting ends it too.
    this.client = client;
    const lost = (): void => {
      if (this.client !== client) return;
      this.client = undefined;
      this.connecting = undefined;
      this.events.lost?.();
      this.scheduleReconnect();
    };
    client.on('error', lost); // a dropped connection must not crash the process
    client.on('end', lost);
    client.on('notification', (msg) => {
      if (this.client === client && msg.payload !== undefined) this.events.notification(msg.channel, msg.payload);
    });
    try {
      await client.connect();
      for (const channel of this.channels) await client.query(`LISTEN ${channel}`);
    } catch (err) {
      if (this.client === client) this.client = undefined;
      void client.end().catch(() => undefined);
      throw err;
    }
    if (this.stopped) void client.end().catch(() => undefined);
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.connect().catch(() => this.scheduleReconnect());
    }, RECONNECT_MS);
  }
}
