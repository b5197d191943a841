// Times each management report against the raw SQL it needs, request by request, on the loaded
// data (reports-load.ts and the inbox's million steps). Report and SQL alternate which goes first,
// so neither profits from the other's warm cache more than it loses.
import type { Api } from './api-client.ts';
import type { PgClient } from './pg.ts';
import { REPORTS as CLIENT_REPORTS } from './reports/clients.ts';
import { REPORTS as SALES_REPORTS } from './reports/sales.ts';
import { REPORTS as TIMING_REPORTS } from './reports/timing.ts';
import type { ReportBench } from './reports/types.ts';
import { now } from './stats.ts';

export const ALL_REPORTS: readonly ReportBench[] = [...SALES_REPORTS, ...CLIENT_REPORTS, ...TIMING_REPORTS];

export interface ReportTiming {
  report: ReportBench;
  productMs: number[];
  sqlMs: number[];
  /** A report that did not answer 200: its status and the start of its answer. */
  error?: string;
}

export async function timeReports(api: Api, db: PgClient, requests: number, signal?: AbortSignal): Promise<ReportTiming[]> {
  const out: ReportTiming[] = [];
  for (const report of ALL_REPORTS) {
    signal?.throwIfAborted();
    const viaApi = async (): Promise<string | undefined> => {
      const res = await fetch(`${api.baseUrl}${report.path}`, { headers: { authorization: `Bearer ${api.token ?? ''}` } });
      const text = await res.text();
      return res.status === 200 ? undefined : `${res.status} ${text.slice(0, 200)}`;
    };
    const viaSql = async (): Promise<void> => {
      for (const sql of report.rawSql) await db.query(sql);
    };
    const timing: ReportTiming = { report, productMs: [], sqlMs: [] };
    // Warm caches and the JIT; a report that fails is reported, not timed.
    timing.error = await viaApi();
    await viaSql();
    if (timing.error === undefined) {
      for (let r = 0; r < requests; r++) {
        const timed = async (fn: () => Promise<unknown>, into: number[]): Promise<void> => {
          const t = now();
          await fn();
          into.push(now() - t);
        };
        if (r % 2 === 0) {
          await timed(viaApi, timing.productMs);
          await timed(viaSql, timing.sqlMs);
        } else {
          await timed(viaSql, timing.sqlMs);
          await timed(viaApi, timing.productMs);
        }
      }
    }
    out.push(timing);
  }
  return out;
}
