// The bench talks to PostgreSQL directly (loading rows, timing raw SQL, reading statement
// counters) through the `pg` driver that MikroORM already depends on. pg ships no type
// declarations and @types/pg is not installed: describe the little used here.
import { createRequire } from 'node:module';

export interface QueryResult {
  rows: Record<string, unknown>[];
  rowCount: number | null;
}

export interface PgClient {
  connect(): Promise<void>;
  query(sql: string, params?: unknown[]): Promise<QueryResult>;
  end(): Promise<void>;
  on(event: 'error', listener: (err: Error) => void): void;
}

export interface PgPool {
  query(sql: string, params?: unknown[]): Promise<QueryResult>;
  end(): Promise<void>;
  on(event: 'error', listener: (err: Error) => void): void;
}

const pg = createRequire(import.meta.url)('pg') as {
  Client: new (config: { connectionString: string }) => PgClient;
  Pool: new (config: { connectionString: string; max: number }) => PgPool;
};

export async function connectPg(url: string): Promise<PgClient> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined); // a connection dropped at shutdown must not crash the bench
  await client.connect();
  return client;
}

export function pgPool(url: string, max: number): PgPool {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', () => undefined);
  return pool;
}

/** The same server and credentials as `url`, signing in as another role. */
export function asRole(url: string, role: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = role;
  parsed.password = password;
  return parsed.toString();
}
