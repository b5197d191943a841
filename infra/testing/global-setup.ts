// Starts what every test needs, once per run: an embedded PostgreSQL with a migrated template
// database (each test file clones it), a Temporal dev server, and the bundled workflow code.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { PROJECT_ROOT } from '../../temporal.config.ts';
import { openDatabase } from '../db/orm.ts';
import { seedDemoData } from '../db/seed.ts';
import { startEmbeddedPostgres, type EmbeddedPostgresServer } from '../services/embedded-postgres.ts';
import { freePort } from '../services/free-port.ts';
import { locateTemporalCli, locateTemporalTestServer } from '../services/temporal-cli.ts';
import { startTemporalDevServer, type TemporalDevServer } from '../services/temporal-dev-server.ts';
import { bundleWorkflows } from '../worker.ts';
import { ensureWebBuild } from '../web-build.ts';

export const TEMPLATE_DB = 'crm_template';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    templateDb: string;
    temporalAddress: string;
    workflowBundlePath: string;
    temporalTestServerPath: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runDir = path.join(PROJECT_ROOT, '.test-data', `run-${process.pid}`);
  await rm(runDir, { recursive: true, force: true });
  await mkdir(runDir, { recursive: true });
  const log = (msg: string) => console.log(`[setup] ${msg}`);
  let pg: EmbeddedPostgresServer | undefined;
  let temporal: TemporalDevServer | undefined;
  try {
    const cliPath = await locateTemporalCli({ projectRoot: PROJECT_ROOT, log });
    const testServerPath = await locateTemporalTestServer({ projectRoot: PROJECT_ROOT, log });
    const [pgServer, temporalServer, bundle] = await Promise.all([
      freePort().then((port) => startEmbeddedPostgres({ dataDir: path.join(runDir, 'pg'), port, database: TEMPLATE_DB, log })),
      Promise.all([freePort(), freePort()]).then(([port, uiPort]) =>
        startTemporalDevServer({ cliPath, dbFile: path.join(runDir, 'temporal.sqlite'), port, uiPort, namespace: 'default', headless: true, logFile: path.join(runDir, 'temporal.log'), log }),
      ),
      bundleWorkflows(),
      // The browser tests (web/e2e) need the built UI; rebuilt only when web/src changed.
      ensureWebBuild(log),
    ]);
    pg = pgServer;
    temporal = temporalServer;
    const orm = await openDatabase(pg.url, { migrate: true });
    await seedDemoData(orm);
    await orm.close();
    const workflowBundlePath = path.join(runDir, 'workflow-bundle.js');
    await writeFile(workflowBundlePath, bundle.code);

    project.provide('pgAdminUrl', pg.url);
    project.provide('templateDb', TEMPLATE_DB);
    project.provide('temporalAddress', temporal.address);
    project.provide('workflowBundlePath', workflowBundlePath);
    project.provide('temporalTestServerPath', testServerPath);
  } catch (err) {
    await temporal?.stop();
    await pg?.stop();
    throw err;
  }
  return async () => {
    await temporal?.stop();
    await pg?.stop();
    await rm(runDir, { recursive: true, force: true });
  };
}
