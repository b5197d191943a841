// The table rows of one concurrency level: throughput, full step and start latency, product
// against both bare kinds, with the goals issue 6 sets.
import type { BareRun } from './bare-driver.ts';
import type { ProductRun } from './product-driver.ts';
import { percentile, throughput } from './stats.ts';
import type { Row } from './table.ts';

export interface Series {
  concurrency: number;
  product: ProductRun;
  updates: BareRun;
  updateActivity: BareRun;
}

export function seriesRows(s: Series): Row[] {
  const c = `C=${s.concurrency}`;
  const bareStarts = [...s.updates.startMs, ...s.updateActivity.startMs];
  return [
    { measure: `throughput ${c} (cases/s; bare: 3 updates)`, product: throughput(s.product), bare: throughput(s.updates) },
    { measure: `throughput ${c} (cases/s; bare: 3 × update+activity)`, product: throughput(s.product), bare: throughput(s.updateActivity), goal: '>= 0.5x' },
    { measure: `full step p50 ${c} (ms; bare: update+activity round trip)`, product: percentile(s.product.stepMs, 0.5), bare: percentile(s.updateActivity.stepMs, 0.5), goal: '<= 2x' },
    { measure: `full step p95 ${c} (ms; bare: update+activity round trip)`, product: percentile(s.product.stepMs, 0.95), bare: percentile(s.updateActivity.stepMs, 0.95) },
    { measure: `start p50 ${c} (ms; bare: workflow.start)`, product: percentile(s.product.startMs, 0.5), bare: percentile(bareStarts, 0.5), goal: '<= 3x' },
    { measure: `start p95 ${c} (ms; bare: workflow.start)`, product: percentile(s.product.startMs, 0.95), bare: percentile(bareStarts, 0.95) },
  ];
}
