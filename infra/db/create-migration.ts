// Generates a migration from the difference between the entities and the committed snapshot:
// `npm run migration:create` against any PostgreSQL (DATABASE_URL, or a throw-away embedded one).
import os from 'node:os';
import path from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { startEmbeddedPostgres } from '../services/embedded-postgres.ts';
import { freePort } from '../services/free-port.ts';
import { openDatabase } from './orm.ts';

const scratch = process.env.DATABASE_URL ? undefined : await mkdtemp(path.join(os.tmpdir(), 'crm-migrate-'));
const pg = scratch ? await startEmbeddedPostgres({ dataDir: scratch, port: await freePort(), database: 'crm' }) : undefined;
const orm = await openDatabase(process.env.DATABASE_URL ?? pg!.url);
try {
  await orm.migrator.up();
  const result = await orm.migrator.create();
  console.log(result.diff.up.length ? `Created ${result.fileName}` : 'No changes: the entities match the last migration.');
} finally {
  await orm.close();
  await pg?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
}
