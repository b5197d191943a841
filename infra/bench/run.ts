// `npm run bench`: measures the product against bare Temporal workflows on the same dev server
// in the same run, and prints one markdown table (also written to .bench-data/last-run.md).
// It starts its own PostgreSQL and Temporal under .bench-data/run/, runs the product as a
// separate `node infra/start.ts` process driven over HTTP, and stops everything at the end.
// A measuring instrument, not a test: it asserts nothing about speed.
import { execFileSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { PROJECT_ROOT } from '../../temporal.config.ts';
import { startBare } from './bare-driver.ts';
import { Cleanup } from './cleanup.ts';
import { historyCost } from './history-cost.ts';
import { benchMultiInstance } from './multi-instance.ts';
import { mailThroughput } from './mail-throughput.ts';
import { checkInboxSql, timeInbox } from './inbox-bench.ts';
import { loadInbox } from './inbox-load.ts';
import { DEMO_PASSWORD, demoEmail } from '../db/demo-data.ts';
import { signIn } from './api-client.ts';
import { ALL_REPORTS, timeReports } from './reports-bench.ts';
import { loadReports, loadTimingFacts, REPORTS_LOAD } from './reports-load.ts';
import { readOptions, type BenchOptions } from './options.ts';
import { connectPg, pgPool } from './pg.ts';
import { measureProductCost } from './product-cost.ts';
import { BENCH_ROUTE_KEY, productDriver, publishBenchRoute } from './product-driver.ts';
import { readMemory, sampleMemory, startProduct } from './product-process.ts';
import { seriesRows, type Series } from './rows.ts';
import { startBenchStack } from './stack.ts';
import { now, percentile, sleep } from './stats.ts';
import { machine, markdownTable, type Row } from './table.ts';

const DATA_DIR = path.join(PROJECT_ROOT, '.bench-data');
const began = Date.now();
const log = (msg: string): void => console.log(`[bench +${((Date.now() - began) / 1000).toFixed(0)}s] ${msg}`);

async function bench(opts: BenchOptions, cleanup: Cleanup): Promise<string> {
  const loadBefore = loadAverage();
  const runDir = path.join(DATA_DIR, 'run');
  await rm(runDir, { recursive: true, force: true });
  await mkdir(runDir, { recursive: true });
  // Runs last: the databases (1 GB and more) go, the logs stay for a look after a failed run.
  cleanup.add('bench data', async () => {
    for (const name of ['pg', 'temporal.sqlite', 'temporal.sqlite-wal', 'temporal.sqlite-shm']) await rm(path.join(runDir, name), { recursive: true, force: true });
  });
  const stack = await startBenchStack(runDir, cleanup, log);
  const db = await connectPg(stack.pgUrl);
  cleanup.add('bench database connection', () => db.end());
  const pool = pgPool(stack.pgUrl, 10);
  cleanup.add('bare activity pool', () => pool.end());
  const [product, bare] = await Promise.all([
    startProduct({ databaseUrl: stack.productDbUrl, temporalAddress: stack.temporalAddress, runDir, cleanup, log }),
    startBare({ temporalAddress: stack.temporalAddress, pool, cleanup }),
  ]);
  await sleep(2_000);
  const idle = await readMemory(product.pid);
  const sampler = sampleMemory(product.pid);

  await publishBenchRoute(product.baseUrl);
  const driver = await productDriver(product.baseUrl, cleanup.signal);
  log('warming up (10 cases of each kind, not counted)');
  await driver.run(10, 5, 'warmup');
  await bare.run('bareUpdates', 10, 5, 'warmup');
  await bare.run('bareUpdateActivity', 10, 5, 'warmup');

  const foreach = await benchMultiInstance({ baseUrl: product.baseUrl, client: bare.client, db, n: opts.foreach, signal: cleanup.signal, log });
  if (opts.foreachOnly) {
    return [`## Benchmark (foreach only): ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${commit()}`, '', `Machine: ${await machine('PostgreSQL (embedded)')}`, '', markdownTable(foreach.rows), '', `- Load average (1 min): ${loadBefore} at the start, ${loadAverage()} at the end.`, ...foreach.notes, ''].join('\n');
  }

  const series: Series[] = [];
  for (const c of opts.concurrency) {
    log(`concurrency ${c}: ${opts.n} product cases...`);
    const p = await driver.run(opts.n, c, `c${c}`);
    log(`concurrency ${c}: ${opts.n} bare cases of each kind...`);
    const updates = await bare.run('bareUpdates', opts.n, c, `c${c}`);
    const updateActivity = await bare.run('bareUpdateActivity', opts.n, c, `c${c}`);
    series.push({ concurrency: c, product: p, updates, updateActivity });
  }

  log(`counting SQL statements on ${opts.costCases} cases run one by one...`);
  const cost = await measureProductCost(product.baseUrl, db, opts.costCases, path.join(DATA_DIR, 'statements.txt'), cleanup.signal);
  const sample = (ids: string[]): string[] => ids.slice(0, 10);
  const [productHistory, updatesHistory, updateActivityHistory] = [
    await historyCost(bare.client, cost.workflowIds),
    await historyCost(bare.client, sample(series[0]!.updates.workflowIds)),
    await historyCost(bare.client, sample(series[0]!.updateActivity.workflowIds)),
  ];

  log(`loading ${opts.inboxRows.toLocaleString('en-US')} assignments over ${opts.inboxEmployees.toLocaleString('en-US')} employees...`);
  let t = now();
  const people = await loadInbox(db, { rows: opts.inboxRows, employees: opts.inboxEmployees }, BENCH_ROUTE_KEY);
  const loadSeconds = (now() - t) / 1000;
  const sqlWarning = await checkInboxSql(product.baseUrl, db, people[0]!, path.join(DATA_DIR, 'inbox-observed.sql'));
  if (sqlWarning) log(`WARNING: ${sqlWarning}`);
  log(`timing ${opts.inboxRequests} inbox requests per list against the raw SQL...`);
  t = now();
  const inboxOpen = await timeInbox(product.baseUrl, db, people, 'open', opts.inboxRequests, cleanup.signal);
  const inboxDone = await timeInbox(product.baseUrl, db, people, 'completed', opts.inboxRequests, cleanup.signal);
  log(`inbox timed in ${((now() - t) / 1000).toFixed(1)} s`);

  log(`loading ${REPORTS_LOAD.deals.toLocaleString('en-US')} deals and the records around them for the reports...`);
  t = now();
  await loadReports(db);
  const facts = await loadTimingFacts(stack.pgUrl);
  log(`timing facts of ${facts.steps.toLocaleString('en-US')} steps and ${facts.cases.toLocaleString('en-US')} cases written by the product's backfill`);
  const reportsLoadSeconds = (now() - t) / 1000;
  log(`timing ${ALL_REPORTS.length} reports, ${opts.reportRequests} requests each, against their raw SQL...`);
  const director = await signIn(product.baseUrl, demoEmail('director'), DEMO_PASSWORD);
  const reports = await timeReports(director, db, opts.reportRequests, cleanup.signal);

  const loadPeak = sampler.stop();
  const end = await readMemory(product.pid);
  const rows: Row[] = [
    ...series.flatMap(seriesRows),
    ...inboxRows('open (default)', inboxOpen.productMs, inboxOpen.sqlMs),
    ...inboxRows('completed (?status=completed)', inboxDone.productMs, inboxDone.sqlMs),
    ...reports.filter((r) => r.error === undefined).map((r) => ({ measure: `report: ${r.report.name} p50 (ms; bare: its raw SQL)`, ...pair(r.productMs, r.sqlMs, 0.5), goal: '<= 2x' })),
    { measure: 'SQL statements per completed step (excl. BEGIN/COMMIT)', product: cost.perStep.statements },
    { measure: 'transactions per completed step', product: cost.perStep.transactions },
    { measure: 'SQL statements per start', product: cost.perStart.statements },
    { measure: 'history events per case (bare: update+activity)', product: productHistory.events, bare: updateActivityHistory.events },
    { measure: 'history events per case (bare: updates)', product: productHistory.events, bare: updatesHistory.events },
    { measure: 'workflow tasks per case (bare: update+activity)', product: productHistory.workflowTasks, bare: updateActivityHistory.workflowTasks },
    { measure: 'activities per case (bare: update+activity)', product: productHistory.activities, bare: updateActivityHistory.activities },
    ...foreach.rows,
    { measure: 'RSS of the product process, idle after start (MiB)', product: idle.rssMb, digits: 0 },
    { measure: 'RSS of the product process, highest sample under load (MiB)', product: loadPeak, digits: 0 },
    { measure: 'RSS of the product process, at the end (MiB)', product: end.rssMb, digits: 0 },
    { measure: 'peak RSS of the product process, VmHWM incl. start-up bundling (MiB)', product: end.peakMb, digits: 0 },
  ];

  const version = (await db.query('SHOW server_version')).rows[0]?.server_version;
  const pgVersion = typeof version === 'string' ? version : '?';
  const notes = [
    `- Load average (1 min) of the machine: ${loadBefore} at the start, ${loadAverage()} at the end; other work on the machine skews every figure.`,
    `- Run: ${opts.n} cases per series, 3 steps per case, concurrency ${opts.concurrency.join(' and ')}; same Temporal dev server and PostgreSQL for product and bare, one after another.`,
    ...series.map((s) => `- C=${s.concurrency}: next assignment told in the answer ${s.product.toldInAnswer} times, found by polling the inbox ${s.product.polledInbox} times (${s.product.inboxPolls} inbox requests); completions refused and retried: ${s.product.refusedCompletes}; failed cases: product ${s.product.failed}, bare ${s.updates.failed + s.updateActivity.failed}${s.product.firstError ? ` (first: ${s.product.firstError})` : ''}.`),
    `- Statements: pg_stat_statements, the product's own database role only, ${opts.costCases} cases run one by one; per-statement breakdown in .bench-data/statements.txt. Transactions are explicit BEGINs.`,
    `- Reports: ${REPORTS_LOAD.deals.toLocaleString('en-US')} deals over ${REPORTS_LOAD.clients.toLocaleString('en-US')} clients, ${REPORTS_LOAD.interactions.toLocaleString('en-US')} interactions, ${REPORTS_LOAD.complaints.toLocaleString('en-US')} complaints and the timing facts of the ${opts.inboxRows.toLocaleString('en-US')} loaded steps, loaded in ${reportsLoadSeconds.toFixed(0)} s; each report called ${opts.reportRequests} times as the commercial director over HTTP, its raw SQL (infra/bench/reports/*.ts) as often through one pg connection.${reports.some((r) => r.error) ? ` FAILED: ${reports.filter((r) => r.error).map((r) => `${r.report.name} (${r.error})`).join('; ')}.` : ''}`,
    ...foreach.notes,
    `- Inbox: ${opts.inboxRows.toLocaleString('en-US')} assignments over ${opts.inboxEmployees.toLocaleString('en-US')} employees loaded in ${loadSeconds.toFixed(0)} s; ${opts.inboxRequests} requests per list over: ${people.map((p) => p.label).join(', ')}; page of 100. Raw SQL from infra/bench/inbox-sql.ts through one pg connection. Row-count mismatches: ${inboxOpen.mismatches + inboxDone.mismatches}.${sqlWarning ? ` WARNING: ${sqlWarning}.` : ''}`,
  ];
  return [
    `## Benchmark: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${commit()}`,
    '',
    `Machine: ${await machine(`PostgreSQL ${pgVersion} (embedded)`)}`,
    '',
    markdownTable(rows),
    '',
    ...notes,
    '',
  ].join('\n');
}

function inboxRows(list: string, productMs: number[], sqlMs: number[]): Row[] {
  return [
    { measure: `inbox ${list} p50 (ms; bare: its raw SQL)`, ...pair(productMs, sqlMs, 0.5) },
    { measure: `inbox ${list} p99 (ms; bare: its raw SQL)`, ...pair(productMs, sqlMs, 0.99), goal: '<= 1.5x' },
  ];
}

function pair(a: number[], b: number[], q: number): { product: number; bare: number } {
  return { product: percentile(a, q), bare: percentile(b, q) };
}

const loadAverage = (): string => os.loadavg()[0]!.toFixed(1);

function commit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: PROJECT_ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: PROJECT_ROOT, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${head} (with local changes)` : head;
  } catch {
    return 'unknown';
  }
}

let opts: BenchOptions;
try {
  opts = readOptions();
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(2);
}
// The bench's Cleanup owns SIGINT/SIGTERM: the worker must stop before the services do.
Runtime.install({ logger: new DefaultLogger('WARN'), shutdownSignals: [] });
const cleanup = new Cleanup();
cleanup.onSignals(log);
let code = 0;
try {
  if (opts.mail) await mkdir(DATA_DIR, { recursive: true });
  const report = opts.mail ? await mailThroughput(opts.mail, log) : await bench(opts, cleanup);
  await writeFile(path.join(DATA_DIR, 'last-run.md'), report);
  console.log(`\n${report}`);
  log('written to .bench-data/last-run.md');
} catch (err) {
  if (cleanup.signal.aborted) {
    await new Promise<never>(() => undefined); // the signal handler stops everything and exits
  }
  console.error('[bench] failed:', err);
  code = 1;
} finally {
  log('stopping everything the bench started...');
  await cleanup.run(log);
  log('done');
}
process.exit(code);
