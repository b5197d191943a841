// History events per case, read back from Temporal once the workflows have ended: all events,
// workflow tasks (completed) and activities (scheduled), averaged per case.
import type { Client } from '@temporalio/client';
// A CommonJS package: plain Node (no bundler) offers only its default export.
import proto from '@temporalio/proto';

const EventType = proto.temporal.api.enums.v1.EventType;

export interface HistoryCost {
  events: number;
  workflowTasks: number;
  activities: number;
}

export async function historyCost(client: Client, workflowIds: readonly string[]): Promise<HistoryCost> {
  const totals = { events: 0, workflowTasks: 0, activities: 0 };
  for (const workflowId of workflowIds) {
    const handle = client.workflow.getHandle(workflowId);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${workflowId} did not end within 30 s`)), 30_000)));
    await Promise.race([handle.result(), late]).finally(() => clearTimeout(timer));
    const events = (await handle.fetchHistory()).events ?? [];
    totals.events += events.length;
    totals.workflowTasks += events.filter((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED).length;
    totals.activities += events.filter((e) => e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED).length;
  }
  const n = Math.max(1, workflowIds.length);
  return { events: totals.events / n, workflowTasks: totals.workflowTasks / n, activities: totals.activities / n };
}
