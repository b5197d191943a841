// When an e-mail that could not be sent is tried again, and when the outbox gives up on it: an
// exponential backoff (base, doubling, capped) with a little jitter so a recovered SMTP server
// is not hit by every waiting message at the same instant. Pure, so it is tested without time.

export interface MailRetryPolicy {
  /** Tries in all, the first (immediate) one included; after the last failure the mail is given up. */
  maxAttempts: number;
  /** Wait after the first failure; each further failure doubles it. */
  baseDelayMs: number;
  /** The longest wait between two tries. */
  maxDelayMs: number;
}

export const DEFAULT_MAIL_RETRY: MailRetryPolicy = { maxAttempts: 10, baseDelayMs: 60_000, maxDelayMs: 3_600_000 };

/** The wait after `attempts` failed tries (1 = the first failure), jitter of up to +10 % included. */
export function retryDelayMs(attempts: number, policy: MailRetryPolicy, random: () => number = Math.random): number {
  const exponent = Math.max(0, attempts - 1);
  const plain = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(exponent, 30));
  return Math.round(plain * (1 + 0.1 * random()));
}

export type AfterFailure = { status: 'retrying'; nextAttemptAt: Date } | { status: 'given_up'; nextAttemptAt: null };

/**
 * What a failed try leaves: another try later, or - after the last allowed try, or when the
 * server refused the message for good (an unknown mailbox) - a message given up.
 */
export function afterFailure(attempts: number, permanent: boolean, policy: MailRetryPolicy, now: Date, random?: () => number): AfterFailure {
  if (permanent || attempts >= policy.maxAttempts) return { status: 'given_up', nextAttemptAt: null };
  return { status: 'retrying', nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, policy, random)) };
}
