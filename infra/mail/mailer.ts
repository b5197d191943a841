// Sends the mail outbox. Every e-mail is first a `queued` MailMessage row; with SMTP_URL set a
// nodemailer transport delivers it and marks it sent (or failed). Without SMTP there is no
// transport and the rows simply stay queued: the table is the outbox, readable via /api/outbox.
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import nodemailer, { type Transporter } from 'nodemailer';
import { MailMessage } from '../../domain/entities/index.ts';
import { DEFAULT_MAIL_FROM } from '../../temporal.config.ts';

export interface MailConfig {
  /** `smtp://user:pass@host:port` or `smtps://...`; undefined keeps mail in the outbox. */
  smtpUrl?: string | undefined;
  from?: string | undefined;
}

export interface Mailer {
  readonly from: string;
  readonly transport: Transporter | undefined;
}

/** A transient failure is retried by the next delivery run; after this many tries it is `failed`. */
export const MAX_MAIL_ATTEMPTS = 3;

export function createMailer(config: MailConfig = {}): Mailer {
  const transport = config.smtpUrl
    ? nodemailer.createTransport({
        url: config.smtpUrl,
        // Delivery runs inside activities with a 30 s timeout: a dead server must fail fast,
        // not hold the activity (and a row lock) for nodemailer's default two minutes.
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 15_000,
      })
    : undefined;
  return { from: config.from ?? DEFAULT_MAIL_FROM, transport };
}

export interface DeliverOptions {
  /** Only these outbox keys (an activity delivering what it just queued); default: any queued. */
  keys?: string[];
  /** Most messages to try in this run. */
  limit?: number;
  /** Start no new message after this many milliseconds. */
  budgetMs?: number;
}

export interface DeliveryResult {
  sent: number;
  failed: number;
}

/**
 * Sends queued messages one by one, each in its own transaction holding its row with
 * `FOR UPDATE SKIP LOCKED`: concurrent runs (several workers, a retried activity) never send the
 * same message twice and never wait for each other. A crash between the SMTP hand-off and the
 * commit sends that one message again (at-least-once), which beats losing it.
 */
export async function deliverQueued(em: EntityManager, mailer: Mailer, opts: DeliverOptions = {}): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, failed: 0 };
  const transport = mailer.transport;
  if (!transport) return result;
  if (opts.keys?.length === 0) return result;
  const deadline = Date.now() + (opts.budgetMs ?? 20_000);
  const tried: string[] = []; // a message that failed in this run waits for the next one
  for (let i = 0; i < (opts.limit ?? 50) && Date.now() < deadline; i++) {
    const outcome = await em.fork().transactional(async (tx) => {
      const [msg] = await tx.find(
        MailMessage,
        { status: 'queued', ...(opts.keys ? { key: { $in: opts.keys } } : {}), ...(tried.length ? { id: { $nin: tried } } : {}) },
        { orderBy: { createdAt: 'asc', id: 'asc' }, limit: 1, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE },
      );
      if (!msg) return undefined;
      tried.push(msg.id);
      msg.attempts += 1;
      try {
        await transport.sendMail({ from: mailer.from, to: msg.to, subject: msg.subject, text: msg.text });
        msg.status = 'sent';
        msg.sentAt = new Date();
        msg.error = null;
        return 'sent' as const;
      } catch (err) {
        msg.error = err instanceof Error ? err.message : String(err);
        if (msg.attempts >= MAX_MAIL_ATTEMPTS) msg.status = 'failed';
        return 'failed' as const;
      }
    });
    if (!outcome) break;
    result[outcome] += 1;
  }
  return result;
}
