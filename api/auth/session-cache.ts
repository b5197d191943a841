// Who is behind a session token, remembered by the API process for a few seconds, so a request
// costs one round trip to PostgreSQL fewer. The database stays the source of truth: triggers on
// `session`, `employee` and `employee_roles` NOTIFY `crm_sessions` with the employee's id on every
// change (sign-out, deactivation, new roles), and each API process forgets that employee's
// entries when it hears it. The cache is trusted only while its LISTEN connection holds; while it
// is down, every request asks the database, and everything remembered before is dropped.
import type { Actor } from '../../domain/identity/roles.ts';
import { PgListener } from '../../infra/db/pg-listener.ts';

/** The channel the triggers of migration 20261124093000 notify on; the payload is an employee id. */
export const SESSION_CHANNEL = 'crm_sessions';

export interface SessionCacheOptions {
  /** How long an entry is trusted at most, even without a notification (a safety net). */
  ttlMs: number;
  /** Entries kept at most; the oldest go first. */
  maxEntries?: number;
  /** The wall clock (tests move it). */
  now?: () => number;
}

interface Entry {
  actor: Actor;
  until: number;
}

export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private readonly byEmployee = new Map<string, Set<string>>();
  /** Moves on every notification and every loss, so a lookup that raced one is not remembered. */
  private generation = 0;
  private readonly listener: PgListener;
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(connectionString: string, opts: SessionCacheOptions) {
    this.ttlMs = opts.ttlMs;
    this.maxEntries = opts.maxEntries ?? 10_000;
    this.now = opts.now ?? Date.now;
    this.listener = new PgListener(connectionString, [SESSION_CHANNEL], {
      notification: (_channel, employeeId) => this.forget(employeeId),
      listening: () => this.forgetAll(),
      lost: () => this.forgetAll(),
    });
  }

  /** Starts listening in the background; until it listens, nothing is remembered. */
  start(): void {
    if (this.ttlMs > 0) this.listener.start().catch(() => undefined);
  }

  stop(): Promise<void> {
    this.forgetAll();
    return this.listener.stop();
  }

  /** The actor of this token hash, when remembered and still trusted. */
  get(tokenHash: string): Actor | undefined {
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    if (entry.until > this.now() && this.listener.listening) return entry.actor;
    this.drop(tokenHash, entry);
    return undefined;
  }

  /** Take this before reading the session from the database, and hand it to `remember`. */
  mark(): number {
    return this.generation;
  }

  /** Remembers what the database said, unless something changed since `mark` or nobody listens. */
  remember(tokenHash: string, actor: Actor, sessionExpiresAt: Date, mark: number): void {
    if (mark !== this.generation || !this.listener.listening || this.ttlMs <= 0) return;
    const until = Math.min(this.now() + this.ttlMs, sessionExpiresAt.getTime());
    const previous = this.entries.get(tokenHash);
    if (previous) this.drop(tokenHash, previous);
    if (this.entries.size >= this.maxEntries) {
      const [oldestHash, oldest] = this.entries.entries().next().value!;
      this.drop(oldestHash, oldest);
    }
    this.entries.set(tokenHash, { actor, until });
    const hashes = this.byEmployee.get(actor.employeeId) ?? new Set<string>();
    hashes.add(tokenHash);
    this.byEmployee.set(actor.employeeId, hashes);
  }

  /** Forgets one token at once (signing out), before the notification comes back. */
  forgetToken(tokenHash: string): void {
    this.generation++;
    const entry = this.entries.get(tokenHash);
    if (entry) this.drop(tokenHash, entry);
  }

  /** Forgets every token of one employee at once (signing out everywhere), before the notifications come back. */
  forgetEmployee(employeeId: string): void {
    this.forget(employeeId);
  }

  /** True while the cache is trusted: its LISTEN connection holds. */
  get listening(): boolean {
    return this.ttlMs > 0 && this.listener.listening;
  }

  get size(): number {
    return this.entries.size;
  }

  private forget(employeeId: string): void {
    this.generation++;
    for (const hash of this.byEmployee.get(employeeId) ?? []) this.entries.delete(hash);
    this.byEmployee.delete(employeeId);
  }

  private forgetAll(): void {
    this.generation++;
    this.entries.clear();
    this.byEmployee.clear();
  }

  private drop(tokenHash: string, entry: Entry): void {
    this.entries.delete(tokenHash);
    const hashes = this.byEmployee.get(entry.actor.employeeId);
    hashes?.delete(tokenHash);
    if (hashes?.size === 0) this.byEmployee.delete(entry.actor.employeeId);
  }
}
