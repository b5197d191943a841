// Sign-in attempts, limited per account (the e-mail tried, whether or not it exists) and per client
// address, with rate-limiter-flexible's PostgreSQL store so every API process sees the same counts.
// It follows the library's "login endpoint protection" pattern (count failures per key, block on
// too many) with a growing block: after `maxFails` failures in a row the key is blocked for
// `blockSeconds`, doubling with each further failure up to `maxBlockSeconds`; a success clears the
// account's count. The address count is per day and only failures add to it.
//
// Each attempt is counted before the password is checked, and one that reaches the limit must win
// the key's block "ticket" (a one-point limiter whose window is the block) before it is checked:
// so a burst of parallel guesses gets one password check per block window, not one per request.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
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

/** What an attempt took, to be handed back to `succeeded` or `failed`. */
export interface LoginAttempt {
  account: string;
  address: string;
  /** This attempt holds the block window of the account / the address (it reached a limit). */
  accountTicket: boolean;
  addressTicket: boolean;
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
    this.failsByAccount = new RateLimiterPostgres({ ...store, clearExpiredByTimeout: true, keyPrefix: 'fail_account', points: UNLIMITED, duration: DAY });
    this.failsByAddress = new RateLimiterPostgres({ ...store, keyPrefix: 'fail_address', points: UNLIMITED, duration: DAY });
    this.blockAccount = new RateLimiterPostgres({ ...store, keyPrefix: 'block_account', points: 1, duration: limits.blockSeconds });
    this.blockAddress = new RateLimiterPostgres({ ...store, keyPrefix: 'block_address', points: 1, duration: limits.blockSeconds });
  }

  /** Counts an attempt; throws `rate_limited` (429) while the account or the address is blocked. */
  async begin(email: string, address: string): Promise<LoginAttempt> {
    const account = keyOf(email.toLowerCase());
    const addressKey = keyOf(address);
    // Blocked: refuse without counting, so waiting out a block is all it takes.
    const [blockedAccount, blockedAddress] = await Promise.all([this.blockAccount.get(account), this.blockAddress.get(addressKey)]);
    const wait = Math.max(blockedAccount?.msBeforeNext ?? 0, blockedAddress?.msBeforeNext ?? 0);
    if (wait > 0) throw tooMany(wait);

    const [accountFails, addressFails] = await Promise.all([this.failsByAccount.consume(account), this.failsByAddress.consume(addressKey)]);
    const attempt: LoginAttempt = { account, address: addressKey, accountTicket: false, addressTicket: false };
    try {
      attempt.accountTicket = await this.takeTicket(this.blockAccount, account, accountFails.consumedPoints - this.limits.maxFailsPerAccount);
      attempt.addressTicket = await this.takeTicket(this.blockAddress, addressKey, addressFails.consumedPoints - this.limits.maxFailsPerAddress);
    } catch (err) {
      if (err instanceof RateLimiterRes) throw tooMany(err.msBeforeNext);
      throw err;
    }
    return attempt;
  }

  /** The password was right: the account starts again from zero, and the address is not charged. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    await Promise.all([
      this.failsByAccount.delete(attempt.account),
      this.blockAccount.delete(attempt.account),
      this.failsByAddress.reward(attempt.address, 1),
      attempt.addressTicket ? this.blockAddress.delete(attempt.address) : undefined,
    ]);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /**
   * At or past the limit (`over` >= 0), the attempt may go on only as the one attempt of a new
   * block window, which lasts blockSeconds * 2^over: a failure leaves that block in place.
   */
  private async takeTicket(limiter: RateLimiterPostgres, key: string, over: number): Promise<boolean> {
    if (over < 0) return false;
    const seconds = Math.min(this.limits.blockSeconds * 2 ** Math.min(over, 30), this.limits.maxBlockSeconds);
    await limiter.consume(key, 1, { customDuration: seconds });
    return true;
  }
}
