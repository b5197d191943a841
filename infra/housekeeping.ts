// Starts the housekeeping workflow for a task queue unless it already runs: every worker calls
// this at start-up, and the fixed workflow id with the "use existing" conflict policy makes the
// many calls one workflow. Its settings are taken when it is first started; to change them,
// terminate it (the next worker start starts it again with the current configuration).
import type { Client, WorkflowHandle } from '@temporalio/client';
import { housekeepingWorkflowId } from '../temporal.config.ts';
import { housekeeping, type HousekeepingInput } from '../workflows/housekeeping.ts';

export async function ensureHousekeeping(client: Client, taskQueue: string, input: HousekeepingInput): Promise<WorkflowHandle<typeof housekeeping>> {
  return client.workflow.start(housekeeping, {
    taskQueue,
    workflowId: housekeepingWorkflowId(taskQueue),
    args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
}
