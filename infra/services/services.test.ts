// Starts the real local services (embedded PostgreSQL, Temporal dev server) in temporary
// directories and checks what the rest of the project relies on: they come up, their data
// survives a restart, and a crashed PostgreSQL does not block the next start.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, dropDatabase, startEmbeddedPostgres } from './embedded-postgres.ts';
import { freePort } from './free-port.ts';
import { locateTemporalCli, TEMPORAL_CLI_VERSION } from './temporal-cli.ts';
import { startTemporalDevServer } from './temporal-dev-server.ts';

const projectRoot = resolve(import.meta.dirname, '../..');
const pg = createRequire(import.meta.url)('pg') as {
  Client: new (config: { connectionString: string }) => {
    connect(): Promise<void>;
    query(sql: string): Promise<{ rows: Record<string, unknown>[] }>;
    end(): Promise<void>;
  };
};

async function query(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

const scratchDirs: string[] = [];
async function scratchDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  scratchDirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(scratchDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('embedded PostgreSQL', () => {
  it('keeps data across a clean restart and a kill -9, and clones databases', { timeout: 120_000 }, async () => {
    // As root the package chowns this directory to the "postgres" user; the directory itself
    // (not a child of it) is used because mkdtemp makes it unreadable to other users.
    const dataDir = await scratchDir('crm-services-pg-');
    const port = await freePort();

    let server = await startEmbeddedPostgres({ dataDir, port, database: 'crm' });
    try {
      expect(await query(server.url, 'select 1 as one')).toEqual([{ one: 1 }]);
      await query(server.url, "create table survivor (id int primary key, name text); insert into survivor values (1, 'first run')");
    } finally {
      await server.stop();
    }
    await server.stop(); // idempotent

    server = await startEmbeddedPostgres({ dataDir, port, database: 'crm' });
    try {
      expect(await query(server.url, 'select name from survivor')).toEqual([{ name: 'first run' }]);
      const postmasterPid = Number.parseInt((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0] ?? '', 10);
      process.kill(postmasterPid, 'SIGKILL');
      await expect.poll(() => isAlive(postmasterPid), { timeout: 10_000 }).toBe(false);
    } finally {
      await server.stop(); // already dead: must not hang
    }

    server = await startEmbeddedPostgres({ dataDir, port, database: 'crm' });
    try {
      expect(await query(server.url, 'select name from survivor')).toEqual([{ name: 'first run' }]);
      await createDatabase(server.url, 'crm_copy', 'crm');
      expect(await query(withDatabase(server.url, 'crm_copy'), 'select name from survivor')).toEqual([{ name: 'first run' }]);
      await dropDatabase(server.url, 'crm_copy');
      await dropDatabase(server.url, 'crm_copy');
      expect(await query(server.url, "select datname from pg_database where datname = 'crm_copy'")).toEqual([]);
    } finally {
      await server.stop();
    }
  });
});

describe('Temporal dev server', () => {
  let cliPath = '';
  beforeAll(async () => {
    cliPath = await locateTemporalCli({ projectRoot });
  }, 600_000); // a fresh machine downloads the CLI first

  it('reports a clear error for a bad TEMPORAL_CLI', async () => {
    await expect(locateTemporalCli({ projectRoot, env: { ...process.env, TEMPORAL_CLI: '/nonexistent/temporal' } })).rejects.toThrow(/TEMPORAL_CLI=\/nonexistent\/temporal .*does not exist/);
  });

  it('serves the namespace and keeps workflows across a restart', { timeout: 120_000 }, async () => {
    const dir = await scratchDir('crm-services-temporal-');
    const options = {
      cliPath,
      dbFile: join(dir, 'temporal.db'),
      port: await freePort(),
      uiPort: await freePort(),
      namespace: 'crm-test',
      headless: true,
      logFile: join(dir, 'temporal.log'),
    };

    let server = await startTemporalDevServer({ ...options, searchAttributes: { CrmStatus: 'Keyword' } });
    try {
      const connection = await Connection.connect({ address: server.address });
      try {
        const info = await connection.workflowService.getSystemInfo({});
        expect(info.serverVersion).toBeTruthy();
        // No worker polls this queue: the execution just stays open, which is all we need.
        await new Client({ connection, namespace: options.namespace }).workflow.start('noSuchWorkflow', { taskQueue: 'nobody-listens', workflowId: 'survivor' });
      } finally {
        await connection.close();
      }
      await expect(startTemporalDevServer({ ...options, dbFile: join(dir, 'other.db') })).rejects.toThrow(/already in use/);
    } finally {
      await server.stop();
    }
    await server.stop(); // idempotent

    // Restart with one more search attribute: start-dev alone would not add it to an existing database.
    server = await startTemporalDevServer({ ...options, searchAttributes: { CrmStatus: 'Keyword', CrmOwner: 'Keyword' } });
    try {
      const connection = await Connection.connect({ address: server.address });
      try {
        const description = await new Client({ connection, namespace: options.namespace }).workflow.getHandle('survivor').describe();
        expect(description.status.name).toBe('RUNNING');
        const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace: options.namespace });
        expect(Object.keys(customAttributes)).toEqual(expect.arrayContaining(['CrmStatus', 'CrmOwner']));
      } finally {
        await connection.close();
      }
    } finally {
      await server.stop();
    }
    expect(await readFile(options.logFile, 'utf8')).toContain(`Temporal CLI ${TEMPORAL_CLI_VERSION}`);
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
