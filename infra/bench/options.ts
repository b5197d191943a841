// What a bench run measures, from flags (npm run bench -- --n 100) or environment variables
// (BENCH_N=100 npm run bench); flags win. The defaults keep a run under about 5 minutes on 2 cores.
import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** Cases per series (product, and each bare kind), at each concurrency. */
  n: number;
  concurrency: number[];
  inboxRows: number;
  inboxEmployees: number;
  inboxRequests: number;
  /** Cases run one by one to count statements per start and per step. */
  costCases: number;
  /** Requests per management report (and as many runs of its raw SQL). */
  reportRequests: number;
  /** Items of the foreach bench (a multi-instance node against bare child workflows). */
  foreach: number;
  /** Run only the foreach bench (BENCH_FOREACH_ONLY=1): the other measures take minutes. */
  foreachOnly: boolean;
  /** `--mail N`: measure campaign mail throughput with N messages instead of the rest (infra/bench/mail-throughput.ts). */
  mail: number | undefined;
}

const SPEC = {
  n: { env: 'BENCH_N', fallback: '100' },
  concurrency: { env: 'BENCH_CONCURRENCY', fallback: '10,50' },
  'inbox-rows': { env: 'BENCH_INBOX_ROWS', fallback: '1000000' },
  'inbox-employees': { env: 'BENCH_INBOX_EMPLOYEES', fallback: '10000' },
  'inbox-requests': { env: 'BENCH_INBOX_REQUESTS', fallback: '1000' },
  'cost-cases': { env: 'BENCH_COST_CASES', fallback: '10' },
  'report-requests': { env: 'BENCH_REPORT_REQUESTS', fallback: '7' },
  // 10,000 (the figure) take several minutes on 2 busy cores; the default run keeps to 2,000.
  foreach: { env: 'BENCH_FOREACH', fallback: '2000' },
  'foreach-only': { env: 'BENCH_FOREACH_ONLY', fallback: '0' },
  mail: { env: 'BENCH_MAIL', fallback: '' },
} as const;

type Name = keyof typeof SPEC;

export function readOptions(argv = process.argv.slice(2), env = process.env): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: Object.fromEntries(Object.keys(SPEC).map((k) => [k, { type: 'string' as const }])),
    strict: true,
  });
  const raw = (name: Name): string => {
    const flag = values[name];
    return typeof flag === 'string' ? flag : env[SPEC[name].env] || SPEC[name].fallback;
  };
  const count = (name: Name): number => {
    const n = Number(raw(name).replaceAll('_', ''));
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} / ${SPEC[name].env}: expected a whole number of at least 1, got "${raw(name)}"`);
    return n;
  };
  const concurrency = raw('concurrency').split(',').map((s) => Number(s.trim()));
  if (concurrency.some((c) => !Number.isInteger(c) || c < 1)) throw new Error(`--concurrency / BENCH_CONCURRENCY: expected e.g. 10,50, got "${raw('concurrency')}"`);
  return {
    n: count('n'),
    concurrency,
    inboxRows: count('inbox-rows'),
    inboxEmployees: count('inbox-employees'),
    inboxRequests: count('inbox-requests'),
    costCases: count('cost-cases'),
    reportRequests: count('report-requests'),
    foreach: count('foreach'),
    foreachOnly: raw('foreach-only') === '1' || raw('foreach-only') === 'true',
    mail: raw('mail') ? count('mail') : undefined,
  };
}
