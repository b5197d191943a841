// `npm run worker`: a stateless worker process for a Temporal cluster and a shared PostgreSQL.
// Run as many as load needs; DATABASE_URL and TEMPORAL_ADDRESS must be set.
import { Lifecycle, configOrExit, installTemporalRuntime, log, openOrm, runWorker } from './runtime.ts';

const config = configOrExit();
if (!config.databaseUrl || !config.temporal.address) {
  console.error('npm run worker needs DATABASE_URL and TEMPORAL_ADDRESS (use npm start for everything on one machine)');
  process.exit(2);
}
installTemporalRuntime(config);
const life = new Lifecycle();
try {
  // Migrations are the API's job (or npm start's); a worker only uses the schema.
  const orm = await openOrm(config.databaseUrl, life, false);
  await runWorker(config, config.temporal.address, orm, life);
  log(`Worker polling task queue ${config.temporal.taskQueue} on ${config.temporal.address}`);
} catch (err) {
  console.error(`[crm] Worker start-up failed: ${err instanceof Error ? err.message : String(err)}`);
  await life.shutdown('Start-up failed', 1);
}
