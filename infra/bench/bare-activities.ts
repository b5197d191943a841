// The bare baseline's one trivial activity: a round trip to the bench's PostgreSQL.
import type { PgPool } from './pg.ts';

export function createBareActivities(pool: PgPool) {
  return {
    async bareStep(): Promise<void> {
      await pool.query('SELECT 1');
    },
  };
}
