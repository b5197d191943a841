// The one message of the bare baselines, shared by their workflows and the bench's client.
import { defineUpdate } from '@temporalio/workflow';

/** Completes one step; answers the number of steps done so far. */
export const stepUpdate = defineUpdate<number, [number]>('step');
