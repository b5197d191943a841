// Timing helpers: a clock, percentiles, and a runner that keeps C cases in flight until N ran.

export const now = (): number => performance.now();

/** The q-quantile (0..1) by nearest rank; NaN for no samples. */
export function percentile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export interface RunOutcome {
  wallMs: number;
  ok: number;
  failed: number;
  firstError: string | undefined;
}

/** Runs `one(i)` for i = 0..n-1 with at most `concurrency` at a time; a failing case is counted, not fatal. */
export async function runConcurrently(n: number, concurrency: number, one: (i: number) => Promise<void>, signal?: AbortSignal): Promise<RunOutcome> {
  let next = 0;
  let ok = 0;
  let failed = 0;
  let firstError: string | undefined;
  const started = now();
  const lane = async (): Promise<void> => {
    for (let i = next++; i < n; i = next++) {
      signal?.throwIfAborted();
      try {
        await one(i);
        ok++;
      } catch (err) {
        failed++;
        firstError ??= err instanceof Error ? err.message : String(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, concurrency) }, lane));
  return { wallMs: now() - started, ok, failed, firstError };
}

/** Cases per second over the whole run, counting only cases that finished. */
export const throughput = (r: RunOutcome): number => (r.ok * 1000) / r.wallMs;

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
