// The workflow engine as the process use cases see it: Temporal's client, starting the route
// interpreter typed by its function, under the id the domain chose.
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { workflowIdFor } from '../../domain/processes/process-input.ts';
import type { CaseEngine } from '../../domain/processes/start-process.ts';
import { ROUTE_WORKFLOW_TYPE } from '../../temporal.config.ts';
import type { routeProcess } from '../../workflows/route-process.ts';

export function temporalEngine(client: Client, taskQueue: string): CaseEngine {
  return {
    async start(input) {
      try {
        await client.workflow.start<typeof routeProcess>(ROUTE_WORKFLOW_TYPE, { taskQueue, workflowId: workflowIdFor(input.processId), args: [input], workflowIdReusePolicy: 'REJECT_DUPLICATE' });
      } catch (err) {
        // A retried start (same idempotency key) finds its workflow already running: that is success.
        if (err instanceof WorkflowExecutionAlreadyStartedError) return;
        throw err;
      }
    },
  };
}
