// Sends the mail outbox. Every e-mail is first a `queued` MailMessage row; with SMTP_URL set a
// nodemailer transport delivers it and marks it sent. A failed try leaves it `retrying` with the
// time of its next try (exponential backoff, domain/notifications/mail-retry-policy.ts) and the
// error; the housekeeping workflow sends what is due until it is sent or given up. Without SMTP
// there is no transport and the rows simply stay queued: the table is the outbox (/api/outbox).
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import nodemailer, { type Transporter } from 'nodemailer';
import { MailMessage } from '../../domain/entities/index.ts';
import { DEFAULT_MAIL_RETRY, afterFailure, type MailRetryPolicy } from '../../domain/notifications/mail-retry-policy.ts';
import { DEFAULT_MAIL_FROM } from '../../temporal.config.ts';

export interface MailConfig {
  /** `smtp://user:pass@host:port` or `smtps://...`; undefined keeps mail in the outbox. */
  smtpUrl?: string | undefined;
  from?: string | undefined;
  /** Backoff and give-up point of failed mail; tests shorten it. */
  retry?: Partial<MailRetryPolicy> | undefined;
  /** The product's origin (PUBLIC_ORIGIN) for the links of campaign mail (infra/mail/dispatcher.ts). */
  publicOrigin?: string | undefined;
}

export interface Mailer {
  readonly from: string;
  readonly transport: Transporter | undefined;
  readonly retry: MailRetryPolicy;
  /** The campaign mail dispatcher opens its own SMTP connections (infra/mail/dispatcher.ts). */
  readonly smtpUrl: string | undefined;
  readonly publicOrigin: string;
}

/**
 * How long a sender holds a message it took before another may take it: longer than the SMTP
 * timeouts below add up to, so only a sender that died mid-send lets a second one try.
 */
export const SEND_LEASE_MS = 120_000;

export function createMailer(config: MailConfig = {}): Mailer {
  const transport = config.smtpUrl
    ? nodemailer.createTransport({
        url: config.smtpUrl,
        // Delivery runs inside activities with a time budget: a dead server must fail fast,
        // not hold the activity for nodemailer's default two minutes.
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 15_000,
      })
    : undefined;
  return {
    from: config.from ?? DEFAULT_MAIL_FROM,
    transport,
    retry: { ...DEFAULT_MAIL_RETRY, ...config.retry },
    smtpUrl: config.smtpUrl,
    publicOrigin: config.publicOrigin ?? 'http://127.0.0.1:3000',
  };
}

export interface DeliverOptions {
  /** Only these outbox keys (an activity delivering what it just queued); default: any that is due. */
  keys?: string[];
  /** Most messages to try in this run. */
  limit?: number;
  /** Start no new message after this many milliseconds. */
  budgetMs?: number;
}

export interface DeliveryResult {
  sent: number;
  /** Tries that failed in this run (now retrying or given up). */
  failed: number;
}

interface Claimed {
  id: string;
  to: string;
  subject: string;
  text: string;
  attempts: number;
}

/**
 * Sends the messages that are due (queued, or retrying whose next try has come), oldest due
 * first. Each is first claimed in a short transaction - `FOR UPDATE SKIP LOCKED`, then counted as
 * an attempt and leased by moving its next try past the send - so concurrent senders (several
 * workers, two housekeeping rounds, the first try racing a retry) never send one message twice
 * and never wait for each other; the SMTP exchange runs outside any transaction. A sender that
 * dies mid-send leaves the lease to run out and the message is tried again (at-least-once).
 */
export async function deliverQueued(em: EntityManager, mailer: Mailer, opts: DeliverOptions = {}): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, failed: 0 };
  const transport = mailer.transport;
  if (!transport) return result;
  if (opts.keys?.length === 0) return result;
  const deadline = Date.now() + (opts.budgetMs ?? 20_000);
  for (let i = 0; i < (opts.limit ?? 50) && Date.now() < deadline; i++) {
    const msg = await claimDue(em, opts.keys);
    if (!msg) break;
    try {
      await transport.sendMail({ from: mailer.from, to: msg.to, subject: msg.subject, text: msg.text });
    } catch (err) {
      const next = afterFailure(msg.attempts, isPermanent(err), mailer.retry, new Date());
      await em.fork().nativeUpdate(MailMessage, { id: msg.id, attempts: msg.attempts }, { ...next, error: errorText(err) });
      result.failed += 1;
      continue;
    }
    // Conditional on the attempt: a sender whose lease ran out does not overwrite a newer try.
    await em.fork().nativeUpdate(MailMessage, { id: msg.id, attempts: msg.attempts }, { status: 'sent', sentAt: new Date(), error: null, nextAttemptAt: null });
    result.sent += 1;
  }
  return result;
}

async function claimDue(em: EntityManager, keys: string[] | undefined): Promise<Claimed | undefined> {
  return em.fork().transactional(async (tx) => {
    const now = new Date();
    const [msg] = await tx.find(
      MailMessage,
      { status: { $in: ['queued', 'retrying'] }, nextAttemptAt: { $lte: now }, ...(keys ? { key: { $in: keys } } : {}) },
      { orderBy: { nextAttemptAt: 'asc', id: 'asc' }, limit: 1, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE },
    );
    if (!msg) return undefined;
    msg.attempts += 1;
    msg.lastAttemptAt = now;
    msg.nextAttemptAt = new Date(now.getTime() + SEND_LEASE_MS);
    return { id: msg.id, to: msg.to, subject: msg.subject, text: msg.text, attempts: msg.attempts };
  });
}

/** An SMTP 5xx answer to the envelope or the message (no such mailbox): trying again cannot help. */
function isPermanent(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const e = err as Error & { code?: unknown; permanent?: unknown };
  return e.permanent === true && (e.code === 'EENVELOPE' || e.code === 'EMESSAGE');
}

function errorText(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.length > 2_000 ? `${text.slice(0, 2_000)}...` : text;
}

/**
 * The first, immediate try of the mail just queued under `keys`, after the commit that queued
 * it. Best effort: what was committed stays committed; mail that could not go is left `retrying`
 * with its next try, which the housekeeping workflow makes.
 */
export async function deliverNow(em: EntityManager, mailer: Mailer, keys: string[], budgetMs = 15_000): Promise<void> {
  if (keys.length === 0 || !mailer.transport) return;
  try {
    await deliverQueued(em.fork(), mailer, { keys, budgetMs });
  } catch (err) {
    console.error('[crm] mail delivery failed; the housekeeping workflow retries what is due:', err);
  }
}
