// The bench's own services, started like the test suite's global setup does: an embedded
// PostgreSQL (with pg_stat_statements preloaded, to count the product's SQL) and a Temporal dev
// server, both on free ports under .bench-data/run/, plus the migrated schema and demo company.
import path from 'node:path';
import { PROJECT_ROOT } from '../../temporal.config.ts';
import { openDatabase } from '../db/orm.ts';
import { seedDemoData } from '../db/seed.ts';
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from '../services/embedded-postgres.ts';
import { freePort } from '../services/free-port.ts';
import { locateTemporalCli } from '../services/temporal-cli.ts';
import { startTemporalDevServer } from '../services/temporal-dev-server.ts';
import type { Cleanup } from './cleanup.ts';
import { asRole, connectPg } from './pg.ts';

/** The product signs in as its own role, so pg_stat_statements tells its SQL from the bench's. */
export const PRODUCT_DB_ROLE = 'crm_product';
const PRODUCT_DB_PASSWORD = 'bench';

export interface BenchStack {
  /** Superuser URL of the `crm` database: the bench's own connection. */
  pgUrl: string;
  /** Same database as PRODUCT_DB_ROLE: what the product process gets as DATABASE_URL. */
  productDbUrl: string;
  temporalAddress: string;
}

export async function startBenchStack(runDir: string, cleanup: Cleanup, log: (msg: string) => void): Promise<BenchStack> {
  const cliPath = await locateTemporalCli({ projectRoot: PROJECT_ROOT, log });
  const [pgUrl, temporalAddress] = await Promise.all([
    startPostgres(path.join(runDir, 'pg'), cleanup, log),
    Promise.all([freePort(), freePort()]).then(async ([port, uiPort]) => {
      const server = await startTemporalDevServer({
        cliPath, dbFile: path.join(runDir, 'temporal.sqlite'), port, uiPort, namespace: 'default', headless: true, logFile: path.join(runDir, 'temporal.log'), log,
      });
      cleanup.add('Temporal dev server', () => server.stop());
      return server.address;
    }),
  ]);
  const orm = await openDatabase(pgUrl, { migrate: true });
  try {
    await seedDemoData(orm);
  } finally {
    await orm.close();
  }
  return { pgUrl, productDbUrl: asRole(pgUrl, PRODUCT_DB_ROLE, PRODUCT_DB_PASSWORD), temporalAddress };
}

/**
 * embedded-postgres passes no extra server settings on its own, so the library is switched on
 * with ALTER SYSTEM (kept in postgresql.auto.conf) and the server restarted once.
 */
async function startPostgres(dataDir: string, cleanup: Cleanup, log: (msg: string) => void): Promise<string> {
  const port = await freePort();
  const start = (): Promise<EmbeddedPostgresServer> => startEmbeddedPostgres({ dataDir, port, database: 'crm', log });
  let server = await start();
  await withClient(server.url, (c) => c.query(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`));
  await server.stop();
  log('restarting PostgreSQL with pg_stat_statements');
  server = await start();
  const running = server;
  cleanup.add('PostgreSQL', () => running.stop());
  await withClient(server.url, async (c) => {
    await c.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    // A superuser, so the product's start-up may run migrations exactly as it does in production.
    await c.query(`CREATE ROLE ${PRODUCT_DB_ROLE} LOGIN SUPERUSER PASSWORD '${PRODUCT_DB_PASSWORD}'`);
  });
  return server.url;
}

async function withClient<T>(url: string, fn: (client: Awaited<ReturnType<typeof connectPg>>) => Promise<T>): Promise<T> {
  const client = await connectPg(url);
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
