// Opens the PostgreSQL connection through MikroORM and applies the committed migrations. Used
// by the launcher, the worker, the API and the test suite alike, so all run the same schema.
import path from 'node:path';
import { Migrator } from '@mikro-orm/migrations';
import { MikroORM, defineConfig } from '@mikro-orm/postgresql';
import { entities } from '../../domain/entities/index.ts';
import { PROJECT_ROOT } from '../../temporal.config.ts';

export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'infra', 'db', 'migrations');

export function ormConfig(clientUrl: string, opts: { poolMax?: number } = {}) {
  return defineConfig({
    clientUrl,
    entities,
    extensions: [Migrator],
    pool: { max: opts.poolMax ?? 10 },
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

export async function openDatabase(clientUrl: string, opts: { migrate?: boolean; poolMax?: number } = {}): Promise<Orm> {
  const orm = await MikroORM.init(ormConfig(clientUrl, opts));
  if (opts.migrate) await orm.migrator.up();
  return orm;
}
