// The portal's rate limits, kept in PostgreSQL so every API process counts the same hits: one
// fixed-window counter a key, advanced by a single upsert (atomic under concurrency). Keys are
// hashed, so the table holds no e-mail or address.
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { DomainError } from '../errors.ts';

export interface PortalLimit {
  /** What is counted: 'submit-email', 'submit-address', 'read-link'... */
  name: string;
  max: number;
  windowSeconds: number;
}

export const PORTAL_LIMITS = {
  submitPerEmail: { name: 'submit-email', max: 5, windowSeconds: 3600 },
  submitPerAddress: { name: 'submit-address', max: 30, windowSeconds: 3600 },
  confirmPerAddress: { name: 'confirm-address', max: 30, windowSeconds: 3600 },
  readPerLink: { name: 'read-link', max: 60, windowSeconds: 60 },
  readPerAddress: { name: 'read-address', max: 300, windowSeconds: 60 },
  replyPerLink: { name: 'reply-link', max: 20, windowSeconds: 3600 },
} as const satisfies Record<string, PortalLimit>;

const keyOf = (limit: PortalLimit, value: string): string => `${limit.name}:${createHash('sha256').update(value).digest('base64url')}`;

/** Counts one hit of `value` under `limit`; throws `rate_limited` (429 with Retry-After) past the limit. */
export async function hit(em: EntityManager, limit: PortalLimit, value: string): Promise<void> {
  const key = keyOf(limit, value);
  const window = `${limit.windowSeconds} seconds`;
  const { rows } = await sql<{ hits: number; window_start: Date }>`
    insert into portal_rate_counter as r (key, window_start, hits) values (${key}, now(), 1)
    on conflict (key) do update set
      hits = case when r.window_start <= now() - ${window}::interval then 1 else r.hits + 1 end,
      window_start = case when r.window_start <= now() - ${window}::interval then now() else r.window_start end
    returning hits, window_start`.execute(em.getKysely());
  const row = rows[0]!;
  if (row.hits > limit.max) {
    const retryMs = new Date(row.window_start).getTime() + limit.windowSeconds * 1000 - Date.now();
    throw new DomainError('rate_limited', 'Too many requests; try again later', [], { retryAfterSeconds: Math.max(1, Math.ceil(retryMs / 1000)) });
  }
}
