// The campaign mail dispatcher as an activity: a long run (minutes) that sends what is queued,
// waits for the NOTIFY a queued delivery sends (or the next retry falling due), and heartbeats
// throughout - a worker that dies is noticed within the heartbeat timeout and the run starts
// again on a live worker, which takes over the dead one's rows when their leases run out.
import { Context } from '@temporalio/activity';
import { MAIL_DISPATCH_CHANNEL } from '../domain/mailing/queue-delivery.ts';
import { databaseUrlOf, type Orm } from '../infra/db/orm.ts';
import { PgListener } from '../infra/db/pg-listener.ts';
import { DEFAULT_DISPATCH, Pacer, dispatchDue, nextDueAt, type DispatchCounts, type DispatchSettings } from '../infra/mail/dispatcher.ts';
import { createMailer, type Mailer } from '../infra/mail/mailer.ts';

export interface MailingDeps {
  orm: Orm;
  mailer?: Mailer | undefined;
}

export interface DispatchMailInput {
  /** How long this run lasts before it returns (the workflow then starts the next one). */
  runForMs: number;
  settings?: Partial<DispatchSettings> | undefined;
}

export interface DispatchMailResult extends DispatchCounts {
  /** No SMTP_URL on this worker: nothing can be sent; campaign mail stays queued. */
  noSmtp: boolean;
}

const HEARTBEAT_MS = 1_000;

export function createMailingActivities({ orm, mailer = createMailer() }: MailingDeps) {
  return {
    async dispatchMail(input: DispatchMailInput): Promise<DispatchMailResult> {
      const total: DispatchMailResult = { sent: 0, failed: 0, bounced: 0, retried: 0, noSmtp: false };
      if (!mailer.smtpUrl) return { ...total, noSmtp: true };
      const ctx = Context.current();
      const settings: DispatchSettings = { ...DEFAULT_DISPATCH, ...input.settings, retry: { ...DEFAULT_DISPATCH.retry, ...input.settings?.retry } };
      const deadline = Date.now() + input.runForMs;
      const signal = ctx.cancellationSignal;
      let woken = true;
      let wake: (() => void) | undefined;
      const listener = new PgListener(databaseUrlOf(orm), [MAIL_DISPATCH_CHANNEL], {
        notification: () => {
          woken = true;
          wake?.();
        },
        // Listening again after a loss: whatever was queued meanwhile went unheard; look now.
        listening: () => {
          woken = true;
          wake?.();
        },
      });
      await listener.start().catch(() => undefined);
      const pacer = new Pacer(settings.ratePerSecond);
      const run = { em: orm.em.fork(), target: { smtpUrl: mailer.smtpUrl, from: mailer.from, origin: mailer.publicOrigin }, settings, owner: crypto.randomUUID(), heartbeat: () => ctx.heartbeat(), signal };
      try {
        while (Date.now() < deadline && !signal.aborted) {
          woken = false;
          const counts = await dispatchDue(run, pacer, deadline);
          total.sent += counts.sent;
          total.failed += counts.failed;
          total.bounced += counts.bounced;
          total.retried += counts.retried;
          if (woken) continue;
          // Sleep until woken, the next delayed try, the poll interval or the run's end; heartbeat meanwhile.
          const due = await nextDueAt(run.em);
          const until = Math.min(deadline, Date.now() + settings.idlePollMs, due ? due.getTime() + 50 : Infinity);
          while (!woken && !signal.aborted && Date.now() < until) {
            ctx.heartbeat();
            await new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, Math.max(0, Math.min(HEARTBEAT_MS, until - Date.now())));
              wake = () => {
                clearTimeout(timer);
                resolve();
              };
              signal.addEventListener('abort', () => wake?.(), { once: true });
            });
            wake = undefined;
          }
        }
      } finally {
        await listener.stop();
      }
      return total;
    },
  };
}

export type MailingActivities = ReturnType<typeof createMailingActivities>;
