// `npm start`: everything on one machine. Embedded PostgreSQL and a Temporal dev server unless
// DATABASE_URL / TEMPORAL_ADDRESS point elsewhere, then migrations, demo data (once), the
// worker and the API. Data lives under .data/, so a restart continues where it stopped.
import { DEMO_PASSWORD, demoEmail } from './db/demo-data.ts';
import { COMPANY_SCALE, seedDemoData } from './db/seed.ts';
import { startDemoCases } from './demo-cases.ts';
import { connectClient } from './temporal-connection.ts';
import type { Orm } from './db/orm.ts';
import { ensureWebBuild } from './web-build.ts';
import { Lifecycle, configOrExit, ensureDatabase, ensureTemporal, installTemporalRuntime, log, openOrm, runApi, runWorker, takeOverDataDir } from './runtime.ts';

const config = configOrExit();
installTemporalRuntime(config);
const life = new Lifecycle();
const started = Date.now();

// Started by npm (npm start): stop with npm, whichever way npm goes.
if (process.env.npm_lifecycle_event) life.stopWhenOrphaned();

try {
  await takeOverDataDir(config, life);
  const [databaseUrl, temporal] = await Promise.all([ensureDatabase(config, life), ensureTemporal(config, life)]);
  const orm = await openOrm(databaseUrl, life, true, config.databaseConnectTimeoutMs);
  const seedStarted = Date.now();
  if (config.seedDemoData && (await seedDemoData(orm, COMPANY_SCALE))) {
    log(`Demo company written in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s; sign in as ${demoEmail('designer')} / ${DEMO_PASSWORD} (see README for all users)`);
  }
  await ensureWebBuild(log);
  await runWorker(config, temporal.address, orm, life);
  const apiUrl = await runApi(config, temporal.address, orm, life);
  log(`Ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  log(`  Web UI:           ${apiUrl}/`);
  log(`  API:              ${apiUrl}/api`);
  log(`  API reference:    ${apiUrl}/docs   (OpenAPI: ${apiUrl}/openapi.json)`);
  log(`  Temporal Web UI:  ${temporal.uiUrl ?? `(external Temporal at ${temporal.address})`}`);
  log('Press Ctrl-C to stop.');
  if (config.seedDemoData) void demoCases(temporal.address, orm);
} catch (err) {
  console.error(`[crm] Start-up failed: ${err instanceof Error ? err.message : String(err)}`);
  await life.shutdown('Start-up failed', 1);
}

/**
 * The demo company's running cases, once (a marker in the database), in the background after
 * "Ready": start-up is not held up, and a start stopped half-way is finished by the next one.
 */
async function demoCases(address: string, orm: Orm): Promise<void> {
  try {
    const temporal = await connectClient(config.temporal, address);
    life.add('demo cases client', () => temporal.connection.close());
    const r = await startDemoCases({ orm, temporal, taskQueue: config.temporal.taskQueue });
    if (r.ran) log(`Demo cases: ${r.started} started, ${r.completed} steps completed in ${(r.ms / 1000).toFixed(1)} s`);
  } catch (err) {
    log(`Demo cases not finished (the next start finishes them): ${err instanceof Error ? err.message : String(err)}`);
  }
}
