// What one case costs the product, counted on a quiet system: SQL statements and transactions
// per start and per completed step (pg_stat_statements, the product's role only), measured on
// a few cases run one after another. The bench follows the cases through its own SQL on the
// assignment table, so no extra API request (an inbox poll) is counted.
import { writeFile } from 'node:fs/promises';
import type { PgClient } from './pg.ts';
import { completeWithRetry, signInAssignees, startCase } from './product-driver.ts';
import { resetStatements, settledCount, type StatementCount } from './statements.ts';
import { sleep } from './stats.ts';

export interface ProductCost {
  cases: number;
  perStart: { statements: number; transactions: number };
  perStep: { statements: number; transactions: number };
  workflowIds: string[];
}

export async function measureProductCost(baseUrl: string, db: PgClient, cases: number, reportFile: string, signal?: AbortSignal): Promise<ProductCost> {
  const people = await signInAssignees(baseUrl);
  const steps = people.length;

  await resetStatements(db);
  const processIds: string[] = [];
  const firstOpen: string[] = [];
  for (let i = 0; i < cases; i++) {
    signal?.throwIfAborted();
    const { id } = await startCase(people[0]!, `Bench cost #${i + 1}`);
    processIds.push(id);
    firstOpen.push(await nextOpen(db, id, new Set()));
  }
  const starts = await settledCount(db);

  await resetStatements(db);
  for (const [i, processId] of processIds.entries()) {
    signal?.throwIfAborted();
    const seen = new Set<string>();
    let current = firstOpen[i]!;
    for (let step = 0; step < steps; step++) {
      seen.add(current);
      await completeWithRetry(people[step]!, current, () => undefined);
      if (step + 1 < steps) current = await nextOpen(db, processId, seen);
    }
    await untilEnded(db, processId);
  }
  const completions = await settledCount(db);

  await writeFile(reportFile, [breakdown('per start', starts, cases), breakdown('per completed step', completions, cases * steps)].join('\n\n'));
  const { rows } = await db.query('SELECT workflow_id FROM process WHERE id = ANY($1::uuid[])', [processIds]);
  return {
    cases,
    perStart: { statements: starts.statements / cases, transactions: starts.transactions / cases },
    perStep: { statements: completions.statements / (cases * steps), transactions: completions.transactions / (cases * steps) },
    workflowIds: rows.map((r) => String(r.workflow_id)),
  };
}

const WAIT_MS = 30_000;

async function nextOpen(db: PgClient, processId: string, seen: ReadonlySet<string>): Promise<string> {
  for (const deadline = Date.now() + WAIT_MS; Date.now() < deadline; await sleep(5)) {
    const { rows } = await db.query(`SELECT id FROM assignment WHERE process_id = $1 AND status = 'open'`, [processId]);
    const id = rows.map((r) => String(r.id)).find((a) => !seen.has(a));
    if (id) return id;
  }
  throw new Error(`case ${processId}: no new open assignment within ${WAIT_MS / 1000} s`);
}

async function untilEnded(db: PgClient, processId: string): Promise<void> {
  for (const deadline = Date.now() + WAIT_MS; Date.now() < deadline; await sleep(5)) {
    const { rows } = await db.query('SELECT status FROM process WHERE id = $1', [processId]);
    if (rows[0]?.status !== 'running') return;
  }
  throw new Error(`case ${processId} still running ${WAIT_MS / 1000} s after its last step`);
}

function breakdown(what: string, count: StatementCount, units: number): string {
  const lines = count.byQuery.map((q) => `${(q.calls / units).toFixed(2).padStart(7)}  ${q.query.replace(/\s+/g, ' ').slice(0, 400)}`);
  return `# Statements ${what} (calls / ${units}), product role only\n${lines.join('\n')}`;
}
