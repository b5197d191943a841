// The mass-mail dispatcher: sends queued campaign deliveries (domain/mailing) through SMTP in
// batches, at most `ratePerSecond` messages a second, and commits each one `sent` before the SMTP
// server may take it - so a dispatcher killed at any moment leaves every recipient with exactly
// one message, bar the window described below.
//
// Claiming: a batch is moved `queued` -> `sending` in one statement (FOR UPDATE SKIP LOCKED, so
// two dispatchers never take the same row and never wait for each other) with a lease (owner id +
// expiry). A row whose lease ran out (its dispatcher died) is claimed again; every later write of
// a dispatcher is conditional on still owning the lease, so one that lost it changes nothing.
//
// Exactly once: for each message the envelope and the whole message body go to the server, but
// not the final "<CRLF>.<CRLF>" that ends DATA and makes the server take the message. Meanwhile, on
// a PostgreSQL connection of its own (SentMark), the row is updated to `sent` inside an explicit
// transaction - locked, not committed. Then, in one synchronous stretch of JavaScript (no await,
// no microtask), COMMIT is written to PostgreSQL's socket and the dot to the SMTP server's, and
// only then are both answers awaited. A death before the COMMIT is written rolls the transaction
// back and closes the connection mid-DATA: the server discards the partial message (RFC 5321
// 4.1.1.4), the row is still `sending` and is sent again once its lease runs out. A death after
// both writes leaves both done (the kernel still sends what was written: neither socket has unread
// input then, so the close is orderly, not a reset; PostgreSQL runs the COMMIT it read before it
// sees the connection end). The remaining window: a death between the two socket writes
// leaves a row `sent` whose message never went - at most once there, never twice. It is the
// JavaScript between the writes (node-postgres queuing COMMIT, the data stream's end running its
// flush and the pipe's write), measured by dispatcher-window.test.ts: ~35-60 us median, with a
// tail of a few ms only when the process is descheduled or collecting garbage (the machine busy).
// Before, the window was the whole COMMIT round trip including PostgreSQL's fsync.
// If PostgreSQL refuses the COMMIT after the dot went, the row is recorded `sent` in a new
// statement (the server took it). A connection lost after the dot but before the server's "250"
// leaves the row `sent` too (the server has most likely taken it). An SMTP connection lost while
// the row is being locked rolls the lock back: the row stays `sending` and is retried.
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import type { EntityManager } from '@mikro-orm/postgresql';
import MailComposer from 'nodemailer/lib/mail-composer';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { withOrigin } from '../../domain/mailing/render.ts';
import { retryDelayMs, type MailRetryPolicy } from '../../domain/notifications/mail-retry-policy.ts';

export interface DispatchSettings {
  /** Messages per second at most (default 20: a modest relay's limit; raise it for your own MTA). */
  ratePerSecond: number;
  /** Rows claimed at once (fewer when the rate would not send them well within the lease). */
  batchSize: number;
  /** How long a claimed row is held; a dispatcher that died lets it go after this. */
  leaseMs: number;
  /** Backoff of failed tries, and how many in all before a delivery stays `failed`. */
  retry: MailRetryPolicy;
  /** Longest wait for a wake-up before looking again anyway. */
  idlePollMs: number;
}

export const DEFAULT_DISPATCH: DispatchSettings = {
  ratePerSecond: 20,
  batchSize: 50,
  leaseMs: 60_000,
  retry: { maxAttempts: 5, baseDelayMs: 60_000, maxDelayMs: 3_600_000 },
  idlePollMs: 30_000,
};

export interface DispatchTarget {
  smtpUrl: string;
  from: string;
  /** The product's origin for links (PUBLIC_ORIGIN). */
  origin: string;
}

export interface DispatchCounts {
  sent: number;
  failed: number;
  bounced: number;
  retried: number;
}

interface Claimed {
  id: string;
  send_id: string;
  email: string;
  subject: string;
  html: string;
  text: string;
  token: string;
  attempts: number;
}

/** Claims up to `n` due rows for `owner`. */
export async function claimBatch(em: EntityManager, owner: string, n: number, leaseMs: number): Promise<Claimed[]> {
  return em.execute<Claimed[]>(
    `update mail_delivery d
        set status = 'sending', lease_owner = ?, lease_until = now() + (? * interval '1 millisecond'), attempts = d.attempts + 1
      where d.id in (
        select id from mail_delivery
         where (status = 'queued' and next_attempt_at <= now()) or (status = 'sending' and lease_until < now())
         order by next_attempt_at, id
         limit ?
         for update skip locked)
      returning d.id, d.send_id, d.email, d.subject, d.html, d.text, d.token, d.attempts`,
    [owner, leaseMs, n],
  );
}

/** The wait before the next message may start: a steady pace of `ratePerSecond`, no bursts. */
export class Pacer {
  private next = 0;
  private readonly gapMs: number;
  constructor(ratePerSecond: number) {
    this.gapMs = ratePerSecond > 0 ? 1000 / ratePerSecond : 0;
  }
  async slot(): Promise<void> {
    const now = performance.now();
    if (this.next > now) await new Promise((r) => setTimeout(r, this.next - now));
    this.next = Math.max(this.next, now) + this.gapMs;
  }
}

type Outcome =
  | { kind: 'accepted' }
  /** The server refused before DATA (RCPT, MAIL), or the connection failed before the dot: it has nothing. */
  | { kind: 'refused'; err: SmtpError }
  /** The row was committed `sent`, then the server refused the message's content. */
  | { kind: 'refused-after'; err: SmtpError }
  /** The row is no longer ours (lease lost) or could not be locked: the message was abandoned mid-DATA. */
  | { kind: 'abandoned'; err?: unknown }
  /** The dot went but neither the COMMIT nor the statement after it could record the row sent. */
  | { kind: 'unrecorded'; err: unknown };

type SmtpError = Error & { code?: string; responseCode?: number; response?: string };

// pg ships no type declarations; describe the little used here.
interface PgClient {
  connect(): Promise<void>;
  query(sql: string, values?: unknown[]): Promise<{ command: string; rowCount: number | null }>;
  end(): Promise<void>;
  on(event: 'error', listener: (err: Error) => void): void;
}
const pg = createRequire(import.meta.url)('pg') as { Client: new (config: { connectionString: string }) => PgClient };

/**
 * Marks a row `sent` on a connection of its own, in two halves: `hold` locks the row in an open
 * transaction (awaited), `commit` then writes COMMIT to the socket before it returns. node-postgres
 * writes a query synchronously when the client is idle (Client#query -> _pulseQueryQueue ->
 * Query#submit -> Connection#query -> socket.write), and after `hold` it is idle: the caller can
 * put the COMMIT and the SMTP dot on the wire in one synchronous stretch of JavaScript.
 */
class SentMark {
  private client: PgClient | undefined;
  private readonly url: string;
  constructor(url: string) {
    this.url = url;
  }

  private async open(): Promise<PgClient> {
    if (this.client) return this.client;
    const client = new pg.Client({ connectionString: this.url });
    // A lost connection also fails the query in flight; without a listener an 'error' event would crash the worker.
    client.on('error', () => {
      if (this.client === client) this.client = undefined;
    });
    await client.connect();
    this.client = client;
    return client;
  }

  /** Locks the row as `sent` in an open transaction; false (rolled back) when the lease is no longer `owner`'s. */
  async hold(id: string, owner: string): Promise<boolean> {
    const client = await this.open();
    await client.query('begin');
    const res = await client.query(
      `update mail_delivery set status = 'sent', sent_at = now(), reason = null, lease_owner = null, lease_until = null
        where id = $1 and lease_owner = $2 and status = 'sending' returning id`,
      [id, owner],
    );
    if (res.rowCount === 1) return true;
    await client.query('rollback');
    return false;
  }

  /** Writes COMMIT now (synchronously, see the class comment); the promise is PostgreSQL's answer. */
  commit(): Promise<void> {
    const client = this.client;
    if (!client) return Promise.reject(new Error('The connection holding the sent mark was lost'));
    return client.query('commit').then((res) => {
      // A transaction that failed meanwhile answers COMMIT with ROLLBACK, not an error.
      if (res.command !== 'COMMIT') throw new Error(`COMMIT of the sent mark answered ${res.command}`);
    });
  }

  async rollback(): Promise<void> {
    try {
      await this.client?.query('rollback');
    } catch {
      // Closing the connection rolls the transaction back as well.
      this.drop();
    }
  }

  drop(): void {
    const client = this.client;
    this.client = undefined;
    void client?.end().catch(() => undefined);
  }
}

/**
 * The message body nodemailer sends after DATA. nodemailer calls `message.pipe(dataStream)` once
 * the server answered 354; instead of streaming into it, this writes the whole body at once and
 * keeps the data stream, so that the end of DATA is a plain `dataStream.end()`: with nothing
 * buffered, the end runs the stream's flush, which pushes the dot into the socket's pipe and on to
 * `socket.write`, synchronously (no ticks in between, measured: see the header).
 */
class HeldBody extends Readable {
  private readonly raw: Buffer;
  private readonly onData: (dataStream: NodeJS.WritableStream) => void;
  constructor(raw: Buffer, onData: (dataStream: NodeJS.WritableStream) => void) {
    super();
    this.raw = raw;
    this.onData = onData;
  }
  override _read(): void {
    // Nothing is read from here: the body goes straight to the data stream in `pipe`.
  }
  override pipe<T extends NodeJS.WritableStream>(destination: T): T {
    destination.write(this.raw);
    this.onData(destination);
    return destination;
  }
}

/** An SMTP session on one connection, opened lazily and again after a failure. */
class SmtpSession {
  private conn: SMTPConnection | undefined;
  private readonly url: URL;
  constructor(smtpUrl: string) {
    this.url = new URL(smtpUrl);
  }

  async open(): Promise<SMTPConnection> {
    if (this.conn) return this.conn;
    const secure = this.url.protocol === 'smtps:';
    const conn = new SMTPConnection({
      host: this.url.hostname,
      port: this.url.port ? Number(this.url.port) : secure ? 465 : 587,
      secure,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    // Errors also reach the send's callback; without a listener an 'error' event would crash the worker.
    conn.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      conn.once('error', reject);
      conn.connect(() => {
        conn.removeListener('error', reject);
        resolve();
      });
    });
    if (this.url.username) {
      await new Promise<void>((resolve, reject) =>
        conn.login({ user: decodeURIComponent(this.url.username), pass: decodeURIComponent(this.url.password) }, (err) => (err ? reject(err) : resolve())),
      );
    }
    this.conn = conn;
    return conn;
  }

  /** Drops the connection at once: a message in DATA without its final dot is discarded by the server. */
  drop(): void {
    const conn = this.conn;
    this.conn = undefined;
    conn?.close();
  }

  quit(): void {
    const conn = this.conn;
    this.conn = undefined;
    conn?.quit();
  }

  /**
   * Sends one message, holding back the end of DATA until `mark` holds the row locked as sent;
   * then writes COMMIT and the dot in one synchronous stretch - see the header.
   */
  async sendHeld(envelope: { from: string; to: string[] }, raw: Buffer, mark: { hold(): Promise<boolean>; commit(): Promise<void>; rollback(): Promise<void>; recordSent(): Promise<void> }): Promise<Outcome> {
    let conn: SMTPConnection;
    try {
      conn = await this.open();
    } catch (err) {
      this.drop();
      return { kind: 'refused', err: err as SmtpError };
    }
    return new Promise<Outcome>((resolve) => {
      let phase: 'envelope' | 'holding' | 'ended' = 'envelope';
      let brokenWhileHolding: SmtpError | undefined;
      let answered: ((err: SmtpError | null) => void) | undefined;
      const holdThenEnd = async (dataStream: NodeJS.WritableStream): Promise<void> => {
        let ok = false;
        let failure: unknown;
        try {
          ok = await mark.hold();
        } catch (err) {
          failure = err;
        }
        if (!ok) {
          // Not ours (or PostgreSQL failed): nothing was committed; the server discards the partial message.
          if (failure) await mark.rollback();
          this.drop();
          resolve({ kind: 'abandoned', err: failure });
          return;
        }
        if (brokenWhileHolding) {
          // The dot can no longer go: roll the mark back; the row stays ours, `sending`, for a retry.
          await mark.rollback();
          resolve({ kind: 'refused', err: brokenWhileHolding });
          return;
        }
        const answer = new Promise<SmtpError | null>((r) => (answered = r));
        // From here to `dataStream.end()` returning, no await: COMMIT and the dot leave together.
        const committed = mark.commit().then(
          () => undefined,
          (err: unknown) => err ?? new Error('COMMIT failed'),
        );
        phase = 'ended';
        dataStream.end();
        const [commitErr, smtpErr] = await Promise.all([committed, answer]);
        if (commitErr) {
          // PostgreSQL refused the COMMIT after the dot went: the server has the message, so say so anew.
          try {
            await mark.recordSent();
          } catch (err) {
            if (smtpErr) this.drop();
            resolve({ kind: 'unrecorded', err: new Error('The sent mark could not be recorded after the message went', { cause: err }) });
            return;
          }
        }
        if (!smtpErr) resolve({ kind: 'accepted' });
        else {
          this.drop();
          resolve({ kind: 'refused-after', err: smtpErr });
        }
      };
      const body = new HeldBody(raw, (dataStream) => {
        // Piped only after the server answered DATA with 354: the recipient was accepted.
        phase = 'holding';
        void holdThenEnd(dataStream);
      });
      conn.send(envelope, body, (err) => {
        if (phase === 'envelope') {
          if (err) {
            // A refused recipient leaves the session in a transaction: start afresh.
            this.drop();
            resolve({ kind: 'refused', err: err });
          }
          return;
        }
        if (phase === 'holding') {
          // The connection broke while the row was being locked: the dot never went.
          this.drop();
          brokenWhileHolding = err ?? new Error('connection closed');
          return;
        }
        answered?.(err ?? null);
      });
    });
  }
}

const errorText = (err: unknown): string => {
  const e = err as SmtpError | undefined;
  const text = e?.response ?? (err instanceof Error ? err.message : String(err));
  return text.length > 1_000 ? `${text.slice(0, 1_000)}...` : text;
};

export interface DispatchRun {
  em: EntityManager;
  target: DispatchTarget;
  settings: DispatchSettings;
  /** This run's lease owner id. */
  owner: string;
  /** Called at least every few seconds while working or waiting (an activity's heartbeat). */
  heartbeat?: () => void;
  /** Stop taking new messages (the activity cancelled, the worker shutting down). */
  signal?: AbortSignal;
}

/**
 * Sends due deliveries until none is left or `until`; returns what it did. Waits between
 * batches are the caller's (wake-ups). The pacer is shared across calls by the caller.
 */
export async function dispatchDue(run: DispatchRun, pacer: Pacer, until: number): Promise<DispatchCounts> {
  const { em, target, settings, owner } = run;
  const counts: DispatchCounts = { sent: 0, failed: 0, bounced: 0, retried: 0 };
  const session = new SmtpSession(target.smtpUrl);
  const mark = new SentMark(databaseUrl(em));
  const composer = (d: Claimed) =>
    new MailComposer({
      from: target.from,
      to: d.email,
      subject: withOrigin(d.subject, target.origin),
      html: withOrigin(d.html, target.origin),
      text: withOrigin(d.text, target.origin),
      messageId: `<${d.id}@mail.crm>`,
      headers: {
        'List-Unsubscribe': `<${target.origin.replace(/\/+$/, '')}/m/u/${d.token}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    }).compile();
  // Claim no more than the pace sends within half a lease.
  const claimSize = Math.max(1, Math.min(settings.batchSize, settings.ratePerSecond > 0 ? Math.floor((settings.ratePerSecond * settings.leaseMs) / 2000) : settings.batchSize));
  try {
    while (Date.now() < until && !run.signal?.aborted) {
      const batch = await claimBatch(em, owner, claimSize, settings.leaseMs);
      if (!batch.length) break;
      const sends = new Set<string>();
      for (const d of batch) {
        sends.add(d.send_id);
        if (run.signal?.aborted) {
          // Give the rest back at once rather than after the lease.
          await em.execute(`update mail_delivery set status = 'queued', attempts = attempts - 1, lease_owner = null, lease_until = null where id = ? and lease_owner = ? and status = 'sending'`, [d.id, owner]);
          continue;
        }
        await pacer.slot();
        run.heartbeat?.();
        const node = composer(d);
        const raw = await node.build();
        const envelope = { from: node.getEnvelope().from || target.from, to: [d.email] };
        const outcome = await session.sendHeld(envelope, raw, {
          hold: () => mark.hold(d.id, owner),
          commit: () => mark.commit(),
          rollback: () => mark.rollback(),
          // Only after the dot went and the COMMIT failed: this run knows the server took it.
          recordSent: async () => {
            await em.execute(`update mail_delivery set status = 'sent', sent_at = now(), reason = null, lease_owner = null, lease_until = null where id = ? and status = 'sending'`, [d.id]);
          },
        });
        await settle(em, settings, owner, d, outcome, counts);
      }
      await markFinished(em, [...sends]);
    }
  } finally {
    session.quit();
    mark.drop();
  }
  return counts;
}

const databaseUrl = (em: EntityManager): string => {
  const url = em.config.get('clientUrl');
  if (!url) throw new Error('The ORM config has no database URL (clientUrl)');
  return url;
};

/** Sends with nothing left queued or in flight are finished (the progress bar's end). */
export async function markFinished(em: EntityManager, sendIds: string[]): Promise<void> {
  if (!sendIds.length) return;
  await em.execute(
    `update mail_send s set finished_at = now()
      where s.id in (${sendIds.map(() => '?').join(', ')}) and s.finished_at is null
        and not exists (select 1 from mail_delivery d where d.send_id = s.id and d.status in ('queued', 'sending'))`,
    sendIds,
  );
}

async function settle(em: EntityManager, settings: DispatchSettings, owner: string, d: Claimed, outcome: Outcome, counts: DispatchCounts): Promise<void> {
  const mine = { where: `status = 'sending' and lease_owner = ?`, params: [owner] };
  // Once the row said sent (its lease released), only this run can take it back: it is the one that sent it.
  const wasSent = { where: `status = 'sent'`, params: [] };
  switch (outcome.kind) {
    case 'accepted':
      counts.sent += 1;
      return;
    case 'unrecorded':
      counts.sent += 1;
      throw outcome.err instanceof Error ? outcome.err : new Error(String(outcome.err));
    case 'abandoned':
      if (outcome.err) throw outcome.err instanceof Error ? outcome.err : new Error('The sent mark could not be committed', { cause: outcome.err });
      return;
    case 'refused': {
      const permanent = (outcome.err.responseCode ?? 0) >= 500 && outcome.err.code === 'EENVELOPE';
      if (permanent) {
        const rows = await em.execute<{ id: string }[]>(
          `update mail_delivery set status = 'bounced', reason = ?, lease_owner = null, lease_until = null, next_attempt_at = null
            where id = ? and status = 'sending' and lease_owner = ? returning id`,
          [errorText(outcome.err), d.id, owner],
        );
        if (rows.length) {
          await em.execute(`insert into mail_suppression (email, reason, delivery_id, created_at) values (?, 'bounced', ?, now()) on conflict (email) do nothing`, [d.email.toLowerCase(), d.id]);
          counts.bounced += 1;
        }
        return;
      }
      await retryLater(em, settings, d, outcome.err, counts, mine);
      return;
    }
    case 'refused-after': {
      const permanent = (outcome.err.responseCode ?? 0) >= 500;
      const temporary = (outcome.err.responseCode ?? 0) >= 400 && !permanent;
      if (permanent) {
        await em.execute(`update mail_delivery set status = 'failed', reason = ?, sent_at = null where id = ? and status = 'sent'`, [errorText(outcome.err), d.id]);
        counts.failed += 1;
      } else if (temporary) {
        await retryLater(em, settings, d, outcome.err, counts, wasSent);
      }
      // No answer after the dot: the server most likely has it; the row stays sent.
      return;
    }
  }
}

async function retryLater(em: EntityManager, settings: DispatchSettings, d: Claimed, err: SmtpError, counts: DispatchCounts, from: { where: string; params: unknown[] }): Promise<void> {
  const giveUp = d.attempts >= settings.retry.maxAttempts;
  await em.execute(
    `update mail_delivery set status = ?, reason = ?, sent_at = null, lease_owner = null, lease_until = null, next_attempt_at = ?
      where id = ? and ${from.where}`,
    [giveUp ? 'failed' : 'queued', errorText(err), giveUp ? null : new Date(Date.now() + retryDelayMs(d.attempts, settings.retry)), d.id, ...from.params],
  );
  if (giveUp) counts.failed += 1;
  else counts.retried += 1;
}

/** When the next delayed try (a retry's backoff, a lease running out) falls due, if any. */
export async function nextDueAt(em: EntityManager): Promise<Date | undefined> {
  const [row] = await em.execute<{ at: Date | null }[]>(
    `select least(
       (select min(next_attempt_at) from mail_delivery where status = 'queued'),
       (select min(lease_until) from mail_delivery where status = 'sending')) as at`,
  );
  return row?.at ? new Date(row.at) : undefined;
}
