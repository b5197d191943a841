// Removes sessions past their expiry. They no longer sign anyone in (the lookup ignores them), but
// a table that only grows slows every lookup and keeps tokens' hashes for no reason. Run by the
// housekeeping workflow each round, in batches so one round never holds long locks or writes one
// huge transaction after a long pause; what is left waits for the next round.
import type { EntityManager } from '@mikro-orm/postgresql';

export interface PurgeExpiredSessionsOptions {
  now: Date;
  /** Rows per DELETE statement. */
  batchSize?: number;
  /** Statements per call at most. */
  maxBatches?: number;
}

// One batch: the oldest expired rows first; SKIP LOCKED so two sweeps never wait on each other.
const DELETE_BATCH = `
  delete from session where token_hash in (
    select token_hash from session where expires_at <= ? order by expires_at limit ? for update skip locked)`;

/** Returns how many sessions were removed. */
export async function purgeExpiredSessions(em: EntityManager, opts: PurgeExpiredSessionsOptions): Promise<number> {
  const batchSize = opts.batchSize ?? 1000;
  const maxBatches = opts.maxBatches ?? 20;
  let removed = 0;
  for (let i = 0; i < maxBatches; i++) {
    const res = await em.execute<{ affectedRows: number }>(DELETE_BATCH, [opts.now, batchSize], 'run');
    removed += res.affectedRows;
    if (res.affectedRows < batchSize) break;
  }
  return removed;
}
