// Counts the SQL statements one piece of work sends, by listening to MikroORM's query log (every
// statement passes through `logQuery`, whatever the debug setting). Tests use it to hold a
// request to a fixed number of statements, so a view cannot quietly grow one query per row.
import type { Orm } from '../db/orm.ts';

export interface StatementCounter {
  /** Runs `work` and returns the statements sent meanwhile (anything else using this ORM counts too). */
  during<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }>;
}

export function countStatements(orm: Orm): StatementCounter {
  const logger = orm.config.getLogger();
  const original = logger.logQuery.bind(logger);
  let recording: string[] | undefined;
  logger.logQuery = (context) => {
    if (context.query) recording?.push(context.query);
    original(context);
  };
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
