// Conditions evaluated inside a real Temporal workflow (webpack bundle, V8 sandbox) give the
// same answers as in plain Node: the library bundles, and nothing in it trips the sandbox.
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { fileURLToPath } from 'node:url';
import { expect, inject, it } from 'vitest';
import type { Condition } from './condition.ts';
import { evaluateCondition, type ConditionScope } from './evaluate.ts';
import type { evaluateConditions } from './testing/conditions-workflow.ts';

const scope: ConditionScope = {
  variables: { amount: 150000, client_category: 'gold' },
  outcomes: { negotiate: 'agreed' },
  forms: { approve: { discount: 12 } },
};
const empty: ConditionScope = { variables: {}, outcomes: {}, forms: {} };
const conditions: Condition[] = [
  true,
  { and: [{ '>': [{ var: 'variables.amount' }, 100000] }, { '==': [{ var: 'outcomes.negotiate' }, 'agreed'] }] },
  { or: [{ in: [{ var: 'variables.client_category' }, ['silver']] }, { '<=': [10, { var: 'forms.approve.discount' }, 25] }] },
  { '!': { '<': [{ var: 'variables.amount' }, 1000] } },
  { '==': [{ var: 'outcomes.legal' }, 'approved'] },
];
const cases = conditions.flatMap((condition) => [{ condition, scope }, { condition, scope: empty }]);

it('evaluates conditions inside a bundled Temporal workflow exactly as in Node', async () => {
  const noop = () => undefined;
  const bundle = await bundleWorkflowCode({
    workflowsPath: fileURLToPath(new URL('./testing/conditions-workflow.ts', import.meta.url)),
    logger: { trace: noop, debug: noop, info: noop, warn: noop, error: (m: string) => console.error(m), log: noop },
  });
  const address = inject('temporalAddress');
  const taskQueue = `conditions-${crypto.randomUUID()}`;
  const workerConnection = await NativeConnection.connect({ address });
  const connection = await Connection.connect({ address });
  try {
    const worker = await Worker.create({ connection: workerConnection, namespace: 'default', taskQueue, workflowBundle: bundle });
    const client = new Client({ connection, namespace: 'default' });
    const inWorkflow = await worker.runUntil(
      client.workflow.execute<typeof evaluateConditions>('evaluateConditions', { taskQueue, workflowId: taskQueue, args: [cases] }),
    );
    expect(inWorkflow).toEqual(cases.map((c) => evaluateCondition(c.condition, c.scope)));
    expect(inWorkflow).toEqual([true, true, true, false, true, false, true, true, false, false]);
  } finally {
    await connection.close();
    await workerConnection.close();
  }
}, 120_000);
