// Telling people about their work: for each event (today a new assignment; reminders and
// escalations later) one in-app notification and one outbox e-mail per recipient, keyed so a
// retried activity never repeats them, a PostgreSQL NOTIFY for the live streams, then delivery
// of the e-mail when SMTP is configured.
import type { Orm } from '../infra/db/orm.ts';
import { deliverQueued, type Mailer } from '../infra/mail/mailer.ts';

export interface NotificationDeps {
  orm: Orm;
  /** Without one, mail stays queued in the outbox (as with no SMTP_URL). */
  mailer?: Mailer | undefined;
}

/**
 * The first, immediate try of the mail just queued under `keys`, after the commit. Best effort:
 * the notification is committed either way; mail that could not go is left `retrying` with its
 * next try, which the housekeeping workflow makes (retryMail).
 */
export async function deliverNow({ orm, mailer }: Required<NotificationDeps>, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  try {
    await deliverQueued(orm.em.fork(), mailer, { keys, budgetMs: 15_000 });
  } catch (err) {
    console.error('[crm] mail delivery failed; the housekeeping workflow retries what is due:', err);
  }
}

