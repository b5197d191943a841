// The activities as the route interpreter calls them, with their timeouts and retry policy in
// one place. A transition is a short PostgreSQL transaction, so it runs as a local activity: in
// the worker that holds the workflow task, with no round trip through the server and a marker
// instead of three events in history. A worker that dies mid-way loses the workflow task, and
// the next worker runs the transition again; every effect is keyed, so that changes nothing.
import { proxyLocalActivities } from '@temporalio/workflow';
import type { CaseActivities } from '../activities/case-activities.ts';

export const acts = proxyLocalActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  // Past this, the retry waits in a durable timer rather than inside the workflow task.
  localRetryThreshold: '10 seconds',
  retry: { initialInterval: '200 milliseconds', maximumInterval: '1 minute' },
});
