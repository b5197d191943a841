// The activities as the workflow calls them, with their timeouts and retry policy in one place.
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/index.ts';

export const acts = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  // The transition activity beats every second: one lost with a killed worker is retried after
  // this, not after 30 s (workflows/kill.test.ts). Timeouts are not part of replay.
  heartbeatTimeout: '5 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
