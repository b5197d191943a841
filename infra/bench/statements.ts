// Counts the SQL the product runs, from pg_stat_statements: the product signs in as its own
// database role, so its statements are told apart from the bench's (including the bench's own
// polling). BEGIN/COMMIT/ROLLBACK are counted separately, as transactions.
import type { PgClient } from './pg.ts';
import { PRODUCT_DB_ROLE } from './stack.ts';
import { sleep } from './stats.ts';

export interface StatementCount {
  /** Statements other than transaction control. */
  statements: number;
  /** Transactions the product opened explicitly (BEGIN). */
  transactions: number;
  byQuery: { calls: number; query: string }[];
}

export async function resetStatements(db: PgClient): Promise<void> {
  await db.query('SELECT pg_stat_statements_reset()');
}

export async function countStatements(db: PgClient): Promise<StatementCount> {
  const { rows } = await db.query(
    `SELECT s.calls::int AS calls, s.query FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid
     WHERE r.rolname = $1 ORDER BY s.calls DESC`,
    [PRODUCT_DB_ROLE],
  );
  const byQuery = rows.map((r) => ({ calls: Number(r.calls), query: String(r.query) }));
  const control = /^\s*(begin|start transaction|commit|rollback|end|savepoint|release)\b/i;
  return {
    statements: byQuery.filter((q) => !control.test(q.query)).reduce((s, q) => s + q.calls, 0),
    transactions: byQuery.filter((q) => /^\s*(begin|start transaction)\b/i.test(q.query)).reduce((s, q) => s + q.calls, 0),
    byQuery,
  };
}

/** Waits until the product's statement count stops moving (trailing activity writes land). */
export async function settledCount(db: PgClient): Promise<StatementCount> {
  let last = await countStatements(db);
  for (let i = 0; i < 40; i++) {
    await sleep(250);
    const current = await countStatements(db);
    if (current.statements === last.statements && current.transactions === last.transactions) return current;
    last = current;
  }
  return last;
}
