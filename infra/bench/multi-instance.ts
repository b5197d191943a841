// `npm run bench -- --foreach 10000`: how long a foreach node over N items takes in the product
// - a list variable of N numbers, a trivial body route (an action and an end), parallel limit
// 100 - from the start call to the parent case's completion, against a bare Temporal workflow
// that keeps 100 trivial child workflows running the same way and continues as new the same
// way, on the same dev server in the same run. Also: the parent's history events over all its
// runs, and the rows the product wrote.
import type { Client } from '@temporalio/client';
import proto from '@temporalio/proto';
import { z } from 'zod';
import { DEMO_PASSWORD, demoEmail } from '../db/demo-data.ts';
import { signIn } from './api-client.ts';
import { BARE_TASK_QUEUE } from './bare-driver.ts';
import type { bareForeach } from './bare-workflows.ts';
import type { PgClient } from './pg.ts';
import { now, sleep } from './stats.ts';
import type { Row } from './table.ts';

export const FOREACH_LIMIT = 100;
const EventType = proto.temporal.api.enums.v1.EventType;

const BODY = {
  language: 'route/v1',
  name: 'Bench: one item',
  variables: { item: { type: 'number' } },
  start: 'note',
  nodes: [{ id: 'note', kind: 'action', do: { type: 'set', variable: 'seen', value: { from: 'variables.item' } }, next: 'end' }, { id: 'end', kind: 'end' }],
};
const PARENT = {
  language: 'route/v1',
  name: 'Bench: foreach',
  variables: { items: { type: 'list', of: 'number', required: true } },
  start: 'each',
  nodes: [{ id: 'each', kind: 'foreach', name: 'Each item', items: { from: 'variables.items' }, route: 'bench-foreach-body', limit: FOREACH_LIMIT, next: 'end' }, { id: 'end', kind: 'end' }],
};

const idShape = z.looseObject({ id: z.string() });

export interface MultiInstanceResult {
  rows: Row[];
  notes: string[];
}

export async function benchMultiInstance(opts: { baseUrl: string; client: Client; db: PgClient; n: number; signal: AbortSignal; log: (m: string) => void }): Promise<MultiInstanceResult> {
  const { baseUrl, client, db, n, log } = opts;
  const designer = await signIn(baseUrl, demoEmail('designer'), DEMO_PASSWORD);
  for (const [key, draft] of [['bench-foreach-body', BODY], ['bench-foreach', PARENT]] as const) {
    const route = await designer.call('POST', '/api/routes', idShape, { key, draft });
    await designer.call('POST', `/api/routes/${route.id}/publish`, z.unknown(), { revision: 1 });
  }
  const marketer = await signIn(baseUrl, demoEmail('marketer'), DEMO_PASSWORD);

  log(`foreach of ${n.toLocaleString('en-US')} items (limit ${FOREACH_LIMIT}) in the product...`);
  let t = now();
  const started = await marketer.call('POST', '/api/processes', idShape, { routeKey: 'bench-foreach', subject: `Bench foreach ${n}`, variables: { items: Array.from({ length: n }, (_, i) => i) } });
  let status = 'running';
  while (status === 'running' && !opts.signal.aborted) {
    await sleep(250);
    const [row] = (await db.query('select status from process where id = $1', [started.id])).rows as { status: string }[];
    status = row?.status ?? 'running';
  }
  const productMs = now() - t;
  const product = await historyOverRuns(client, `process-${started.id}`);
  const written = (await db.query(
    `select (select count(*) from process where parent_id = $1) as children,
            (select count(*) from process where parent_id = $1 and status = 'completed') as completed,
            (select count(*) from process_item_list where process_id = $1) as items,
            (select count(*) from step_event e join process p on p.id = e.process_id where p.id = $1 or p.parent_id = $1) as events`,
    [started.id],
  )).rows[0] as { children: string; completed: string; items: string; events: string };

  log(`foreach of ${n.toLocaleString('en-US')} items, bare...`);
  t = now();
  const bareId = `bench-bare-foreach-${n}-${Date.now()}`;
  await client.workflow.execute<typeof bareForeach>('bareForeach', { taskQueue: BARE_TASK_QUEUE, workflowId: bareId, args: [n, FOREACH_LIMIT] });
  const bareMs = now() - t;
  const bare = await historyOverRuns(client, bareId);

  const seconds = (ms: number) => Math.round(ms / 100) / 10;
  return {
    rows: [
      { measure: `foreach of ${n.toLocaleString('en-US')} trivial items, limit ${FOREACH_LIMIT}: start to end (s)`, product: seconds(productMs), bare: seconds(bareMs), digits: 1 },
      { measure: 'foreach: items per second', product: Math.round(n / (productMs / 1000)), bare: Math.round(n / (bareMs / 1000)), digits: 0 },
      { measure: 'foreach: parent history events, all runs', product: product.events, bare: bare.events, digits: 0 },
      { measure: 'foreach: parent runs (continue-as-new + 1)', product: product.runs, bare: bare.runs, digits: 0 },
      { measure: 'foreach: largest run of the parent (events)', product: product.largest, bare: bare.largest, digits: 0 },
    ],
    notes: [
      `- Foreach: ${n.toLocaleString('en-US')} items, body an action and an end, parallel limit ${FOREACH_LIMIT}, product ${seconds(productMs)} s vs bare ${seconds(bareMs)} s (${(productMs / bareMs).toFixed(1)}x); rows the product wrote: ${written.children} child cases (${written.completed} completed), ${written.items} stored items, ${written.events} timeline rows of the parent and its children.`,
    ],
  };
}

/** Events of every run of a workflow: the latest run's history names the run it continued from. */
async function historyOverRuns(client: Client, workflowId: string): Promise<{ events: number; runs: number; largest: number }> {
  let runId: string | undefined;
  let events = 0;
  let runs = 0;
  let largest = 0;
  for (;;) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    const list = history.events ?? [];
    events += list.length;
    largest = Math.max(largest, list.length);
    runs++;
    const first = list[0];
    const previous = first?.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED ? first.workflowExecutionStartedEventAttributes?.continuedExecutionRunId : undefined;
    if (!previous) return { events, runs, largest };
    runId = previous;
  }
}
