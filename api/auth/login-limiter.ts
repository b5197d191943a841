// Sign-in attempts, limited per account (the e-mail tried, whether or not it exists) and per client
// address, with rate-limiter-flexible's PostgreSQL store so every API process sees the same counts.
// It follows the library's documented "login endpoint protection" pattern: failures are counted
// per key after the password check, and a key with too many is blocked; while blocked, an attempt
// is refused before any check, so it learns nothing (not even a right password). The block grows:
// after `maxFailsPerAccount` failures in a row an account is blocked for `blockSeconds`, doubling
// with each further failure up to `maxBlockSeconds`; a success clears the account's count. An
// address is counted per day (successes do not count) with its own limit and the same growth.
//
// Only failures count, so people signing in at once (parallel logins of one account, an office
// behind one address) are never refused for succeeding. The price: guesses sent in parallel
// before the first block lands are all checked; the block that follows is then as long as their
// number makes it.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { RateLimiterPostgres } from 'rate-limiter-flexible';
import { DomainError } from '../../domain/errors.ts';

export interface LoginLimits {
  /** Failures in a row (per account) before the first block. */
  maxFailsPerAccount: number;
  /** Failures per day from one address before the first block. */
  maxFailsPerAddress: number;
  /** The first block; each further failure doubles it. */
  blockSeconds: number;
  maxBlockSeconds: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { maxFailsPerAccount: 5, maxFailsPerAddress: 100, blockSeconds: 60, maxBlockSeconds: 3600 };

/** The table of migration 20261124095042, laid out as the library expects. */
const TABLE = 'login_limit';
const DAY = 24 * 3600;
/** Counters never refuse by themselves: the block limiters decide. */
const UNLIMITED = 1_000_000_000;

// pg ships no type declarations; describe the little used here.
interface PgPool {
  end(): Promise<void>;
  on(event: 'error', listener: (err: Error) => void): void;
}
const pg = createRequire(import.meta.url)('pg') as { Pool: new (config: { connectionString: string; max: number; connectionTimeoutMillis: number }) => PgPool };

/** The keys one attempt is counted under, from `begin` to `failed` or `succeeded`. */
export interface LoginAttempt {
  account: string;
  address: string;
}

// Keys are hashed: an e-mail may be longer than the store's key column, and the table need not hold e-mails.
const keyOf = (text: string): string => createHash('sha256').update(text).digest('base64url');

const tooMany = (msBeforeNext: number): DomainError =>
  new DomainError('rate_limited', 'Too many failed sign-in attempts; try again later', [], { retryAfterSeconds: Math.max(1, Math.ceil(msBeforeNext / 1000)) });

export class LoginLimiter {
  private readonly pool: PgPool;
  private readonly limits: LoginLimits;
  private readonly failsByAccount: RateLimiterPostgres;
  private readonly failsByAddress: RateLimiterPostgres;
  private readonly blockAccount: RateLimiterPostgres;
  private readonly blockAddress: RateLimiterPostgres;

  constructor(connectionString: string, limits: LoginLimits = DEFAULT_LOGIN_LIMITS, opts: { connectTimeoutMs?: number } = {}) {
    this.limits = limits;
    // Its own small pool: the limiter talks pg directly, outside the ORM's units of work.
    this.pool = new pg.Pool({ connectionString, max: 3, connectionTimeoutMillis: opts.connectTimeoutMs ?? 2000 });
    // An idle client's error (server restart) must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined);
    const store = { storeClient: this.pool, storeType: 'pool', tableName: TABLE, tableCreated: true, clearExpiredByTimeout: false };
    // One limiter sweeps expired rows for the whole table (the library does it every 5 minutes).
    // Counters never refuse by themselves (UNLIMITED points): the block limiters hold the blocks,
    // whose length depends on the count, which the library's fixed blockDuration cannot express.
    this.failsByAccount = new RateLimiterPostgres({ ...store, clearExpiredByTimeout: true, keyPrefix: 'fail_account', points: UNLIMITED, duration: DAY });
    this.failsByAddress = new RateLimiterPostgres({ ...store, keyPrefix: 'fail_address', points: UNLIMITED, duration: DAY });
    this.blockAccount = new RateLimiterPostgres({ ...store, keyPrefix: 'block_account', points: 1, duration: limits.blockSeconds });
    this.blockAddress = new RateLimiterPostgres({ ...store, keyPrefix: 'block_address', points: 1, duration: limits.blockSeconds });
  }

  /** Before the password check: throws `rate_limited` (429) while the account or the address is blocked. */
  async begin(email: string, address: string): Promise<LoginAttempt> {
    const attempt = { account: keyOf(email.trim().toLowerCase()), address: keyOf(address) };
    const [account, from] = await Promise.all([this.blockAccount.get(attempt.account), this.blockAddress.get(attempt.address)]);
    const wait = Math.max(account?.msBeforeNext ?? 0, from?.msBeforeNext ?? 0);
    if (wait > 0) throw tooMany(wait);
    return attempt;
  }

  /** The password was wrong (or the e-mail unknown): count it, and block a key that reached its limit. */
  async failed(attempt: LoginAttempt): Promise<void> {
    const [account, from] = await Promise.all([this.failsByAccount.consume(attempt.account), this.failsByAddress.consume(attempt.address)]);
    await Promise.all([
      this.blockIfOver(this.blockAccount, attempt.account, account.consumedPoints - this.limits.maxFailsPerAccount),
      this.blockIfOver(this.blockAddress, attempt.address, from.consumedPoints - this.limits.maxFailsPerAddress),
    ]);
  }

  /** The password was right: the account starts again from zero. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    await this.failsByAccount.delete(attempt.account);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** At the limit (`over` = 0) the block is blockSeconds; each failure past it doubles it. */
  private async blockIfOver(limiter: RateLimiterPostgres, key: string, over: number): Promise<void> {
    if (over < 0) return;
    const seconds = Math.min(this.limits.blockSeconds * 2 ** Math.min(over, 30), this.limits.maxBlockSeconds);
    await limiter.block(key, seconds);
  }
}
