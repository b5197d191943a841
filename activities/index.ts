// Everything the worker registers as activities, built from its dependencies.
import { createGraphActivities } from './graph-activities.ts';
import { createHousekeepingActivities, type HousekeepingDeps } from './housekeeping-activities.ts';
import { createProcessActivities, type ActivityDeps } from './process-activities.ts';

export function createActivities(deps: ActivityDeps & HousekeepingDeps) {
  return { ...createProcessActivities(deps), ...createGraphActivities(deps), ...createHousekeepingActivities(deps) };
}

export type Activities = ReturnType<typeof createActivities>;
