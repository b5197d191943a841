// The backoff an administrator sees in the outbox: waits that double up to the cap, and a
// message given up after the last try or at once when the mailbox does not exist.
import { describe, expect, it } from 'vitest';
import { afterFailure, retryDelayMs, type MailRetryPolicy } from './mail-retry-policy.ts';

const policy: MailRetryPolicy = { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 5_000 };
const noJitter = (): number => 0;

describe('mail retry policy', () => {
  it('doubles the wait after each failure, up to the cap', () => {
    expect([1, 2, 3, 4, 5, 9].map((n) => retryDelayMs(n, policy, noJitter))).toEqual([1_000, 2_000, 4_000, 5_000, 5_000, 5_000]);
  });

  it('adds at most ten per cent of jitter', () => {
    expect(retryDelayMs(2, policy, () => 0.999)).toBeLessThanOrEqual(2_200);
    expect(retryDelayMs(2, policy, () => 0.999)).toBeGreaterThan(2_000);
  });

  it('retries until the last attempt, then gives up', () => {
    const now = new Date('2026-11-24T10:00:00Z');
    expect(afterFailure(1, false, policy, now, noJitter)).toEqual({ status: 'retrying', nextAttemptAt: new Date('2026-11-24T10:00:01Z') });
    expect(afterFailure(4, false, policy, now, noJitter)).toEqual({ status: 'retrying', nextAttemptAt: new Date('2026-11-24T10:00:05Z') });
    expect(afterFailure(5, false, policy, now, noJitter)).toEqual({ status: 'given_up', nextAttemptAt: null });
  });

  it('gives up at once on a permanent refusal', () => {
    expect(afterFailure(1, true, policy, new Date(), noJitter)).toEqual({ status: 'given_up', nextAttemptAt: null });
  });
});
