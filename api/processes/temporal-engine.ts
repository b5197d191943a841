// The workflow engine as the use cases see it (domain/processes/case-engine.ts): Temporal's
// client, starting the route interpreter typed by its function under the id the domain chose,
// and sending it the contract's updates and signal. What Temporal throws becomes a DomainError
// here (viaTemporal), so the use cases never see the client's errors.
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { CaseEngine, UpdateOptions } from '../../domain/processes/case-engine.ts';
import { workflowIdFor } from '../../domain/processes/process-input.ts';
import { ROUTE_WORKFLOW_TYPE } from '../../temporal.config.ts';
import { cancelProcessUpdate, claimAssignmentUpdate, completeAssignmentUpdate, outsideEventSignal, reassignAssignmentUpdate } from '../../workflows/contract.ts';
import type { routeProcess } from '../../workflows/route-process.ts';
import { viaTemporal } from '../temporal-errors.ts';

// Temporal generates an update id when none is given.
const withId = (options: UpdateOptions | undefined) => (options?.updateId === undefined ? {} : { updateId: options.updateId });

export function temporalEngine(client: Client, taskQueue: string): CaseEngine {
  const handle = (workflowId: string) => client.workflow.getHandle(workflowId);
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
    complete: (workflowId, request, options) => viaTemporal(() => handle(workflowId).executeUpdate(completeAssignmentUpdate, { ...withId(options), args: [request] })),
    claim: (workflowId, request, options) => viaTemporal(() => handle(workflowId).executeUpdate(claimAssignmentUpdate, { ...withId(options), args: [request] })),
    reassign: (workflowId, request, options) => viaTemporal(() => handle(workflowId).executeUpdate(reassignAssignmentUpdate, { ...withId(options), args: [request] })),
    cancel: (workflowId, request, options) => viaTemporal(() => handle(workflowId).executeUpdate(cancelProcessUpdate, { ...withId(options), args: [request] })),
    signal: (workflowId, event) => viaTemporal(() => handle(workflowId).signal(outsideEventSignal, event)),
  };
}
