// Counts the SQL statements a piece of work sends to PostgreSQL, at the driver: every query of
// MikroORM, of the Kysely instance it hands out and of raw `em.execute` goes through
// `pg.Client#query`. Tests use it to hold a request to a fixed number of statements, so a view
// cannot quietly grow one query per row. Everything in this process counts, so measure while the
// worker is idle.
import { createRequire } from 'node:module';

interface PgClientClass {
  prototype: { query: (this: unknown, ...args: unknown[]) => unknown };
}
const pg = createRequire(import.meta.url)('pg') as { Client: PgClientClass };

let recording: string[] | undefined;
let patched = false;

function patchOnce(): void {
  if (patched) return;
  patched = true;
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function query(this: unknown, ...args: unknown[]) {
    const [first] = args;
    const text = typeof first === 'string' ? first : (first as { text?: unknown } | undefined)?.text;
    if (recording && typeof text === 'string') recording.push(text);
    return original.apply(this, args);
  };
}

export interface StatementCounter {
  /** Runs `work` and returns the statements sent meanwhile. */
  during<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }>;
}

export function countStatements(): StatementCounter {
  patchOnce();
  return {
    async during(work) {
      const statements: string[] = [];
      recording = statements;
      try {
        return { result: await work(), statements };
      } finally {
        recording = undefined;
      }
    },
  };
}
