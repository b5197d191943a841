// Times GET /api/assignments/inbox against the raw SQL it runs, request by request, over the
// loaded employees (heavy and ordinary in turn; product and SQL alternate which goes first).
import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { Api } from './api-client.ts';
import type { LoadedEmployee } from './inbox-load.ts';
import { INBOX_SQL, normaliseSql } from './inbox-sql.ts';
import type { PgClient } from './pg.ts';
import { countStatements, resetStatements } from './statements.ts';
import { now } from './stats.ts';

const PAGE = 100;
const items = z.looseObject({ items: z.array(z.unknown()) });

export interface InboxTiming {
  status: 'open' | 'completed';
  productMs: number[];
  sqlMs: number[];
  /** Requests where the API and the SQL returned a different number of rows. */
  mismatches: number;
}

export async function timeInbox(baseUrl: string, db: PgClient, people: readonly LoadedEmployee[], status: 'open' | 'completed', requests: number, signal?: AbortSignal): Promise<InboxTiming> {
  const apis = people.map((p) => new Api(baseUrl, p.token));
  const viaApi = async (k: number): Promise<number> => (await apis[k]!.call('GET', `/api/assignments/inbox?status=${status}&limit=${PAGE}`, items)).items.length;
  const viaSql = async (k: number): Promise<number> => {
    let rows = 0;
    for (const s of INBOX_SQL[status]) rows = (await db.query(s.text, s.params(people[k]!.employeeId, status, PAGE))).rows.length;
    return rows;
  };
  for (let k = 0; k < people.length; k++) await Promise.all([viaApi(k), viaSql(k)]); // warm caches and JIT

  const timing: InboxTiming = { status, productMs: [], sqlMs: [], mismatches: 0 };
  for (let r = 0; r < requests; r++) {
    signal?.throwIfAborted();
    const k = r % people.length;
    const timed = async (fn: (k: number) => Promise<number>, into: number[]): Promise<number> => {
      const t = now();
      const rows = await fn(k);
      into.push(now() - t);
      return rows;
    };
    let apiRows: number;
    let sqlRows: number;
    if (r % 2 === 0) {
      apiRows = await timed(viaApi, timing.productMs);
      sqlRows = await timed(viaSql, timing.sqlMs);
    } else {
      sqlRows = await timed(viaSql, timing.sqlMs);
      apiRows = await timed(viaApi, timing.productMs);
    }
    if (apiRows !== sqlRows) timing.mismatches++;
  }
  return timing;
}

/**
 * Runs one inbox request per status and records the list statements the product ran, so a
 * changed inbox query is noticed: returns a warning when INBOX_SQL no longer matches.
 */
export async function checkInboxSql(baseUrl: string, db: PgClient, person: LoadedEmployee, observedFile: string): Promise<string | undefined> {
  const api = new Api(baseUrl, person.token);
  await resetStatements(db);
  for (const status of ['open', 'completed'] as const) await api.call('GET', `/api/assignments/inbox?status=${status}&limit=${PAGE}`, items);
  const observed = (await countStatements(db)).byQuery.map((q) => q.query).filter((q) => /"?assignment"?\s+as|from\s+"?assignment"?/i.test(q));
  await writeFile(observedFile, observed.map((q) => `${q};\n`).join('\n'));
  const expected = Object.values(INBOX_SQL).flat().map((s) => normaliseSql(s.text));
  const seen = new Set(observed.map(normaliseSql));
  const missing = expected.filter((q) => !seen.has(q));
  return missing.length === 0 ? undefined : `the inbox now runs other SQL than infra/bench/inbox-sql.ts holds: see ${observedFile} and update INBOX_SQL`;
}
