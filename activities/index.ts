// Everything the worker registers as activities, built from its dependencies.
import { createGraphActivities } from './graph-activities.ts';
import { createProcessActivities, type ActivityDeps } from './process-activities.ts';

export function createActivities(deps: ActivityDeps) {
  return { ...createProcessActivities(deps), ...createGraphActivities(deps) };
}

export type Activities = ReturnType<typeof createActivities>;
