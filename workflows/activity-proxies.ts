// The activities as the workflow calls them, with their timeouts and retry policy in one place.
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/index.ts';

export const acts = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
