// Opens the PostgreSQL connection through MikroORM and applies the committed migrations. Used
// by the launcher, the worker, the API and the test suite alike, so all run the same schema.
import path from 'node:path';
import { Migrator } from '@mikro-orm/migrations';
import { MikroORM, defineConfig } from '@mikro-orm/postgresql';
import { entities } from '../../domain/entities/index.ts';
import { PROJECT_ROOT } from '../../temporal.config.ts';

export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'infra', 'db', 'migrations');

/**
 * How long a query waits for a connection (a new one, or a free one from the pool) unless told
 * otherwise. The API passes DATABASE_CONNECT_TIMEOUT_MS (1 s) to answer 503 quickly; workers and
 * tools wait longer, since a retried activity gains nothing from failing early under load.
 */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

export interface OrmOptions {
  poolMax?: number;
  /** Past this, a query fails (and the API answers 503) instead of waiting for an unreachable server. */
  connectTimeoutMs?: number;
}

export function ormConfig(clientUrl: string, opts: OrmOptions = {}) {
  return defineConfig({
    clientUrl,
    entities,
    extensions: [Migrator],
    pool: { max: opts.poolMax ?? 20 },
    // pg-pool's connectionTimeoutMillis bounds both opening a connection and waiting for a pooled one.
    driverOptions: { connectionTimeoutMillis: opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS },
    // Every unit of work forks its own EntityManager; the global one must never be used.
    allowGlobalContext: false,
    migrations: {
      path: MIGRATIONS_DIR,
      glob: '!(*.d).ts',
      emit: 'ts',
      transactional: true,
      allOrNothing: true,
      snapshot: true,
      snapshotOnMigrate: false,
      // One snapshot whatever the database is called, so any database can generate the next migration.
      snapshotName: '.snapshot',
    },
  });
}

export type Orm = MikroORM;

/** Connects lazily: the first query opens the pool, so an unreachable server fails that query. */
export async function openDatabase(clientUrl: string, opts: OrmOptions & { migrate?: boolean } = {}): Promise<Orm> {
  const orm = await MikroORM.init(ormConfig(clientUrl, opts));
  if (opts.migrate) await orm.migrator.up();
  return orm;
}

/** The URL the ORM connects with, for the few things that need a connection of their own (LISTEN). */
export function databaseUrlOf(orm: Orm): string {
  const url = orm.config.get('clientUrl');
  if (!url) throw new Error('The ORM config has no database URL (clientUrl)');
  return url;
}
