// `npm run api`: a stateless API process for a Temporal cluster and a shared PostgreSQL. It
// applies pending migrations on start (they run in one transaction, so two APIs starting at
// once cannot half-apply them). DATABASE_URL and TEMPORAL_ADDRESS must be set.
import { Lifecycle, configOrExit, log, openOrm, runApi } from './runtime.ts';
import { ensureWebBuild } from './web-build.ts';

const config = configOrExit();
if (!config.databaseUrl || !config.temporal.address) {
  console.error('npm run api needs DATABASE_URL and TEMPORAL_ADDRESS (use npm start for everything on one machine)');
  process.exit(2);
}
const life = new Lifecycle();
try {
  const orm = await openOrm(config.databaseUrl, life, true, config.databaseConnectTimeoutMs);
  // The UI it serves at /: built here too when missing or older than its sources (a no-op when an
  // image was built with `npm run build:web`).
  await ensureWebBuild(log);
  const url = await runApi(config, config.temporal.address, orm, life);
  log(`API on ${url}/api, reference at ${url}/docs`);
} catch (err) {
  console.error(`[crm] API start-up failed: ${err instanceof Error ? err.message : String(err)}`);
  await life.shutdown('Start-up failed', 1);
}
