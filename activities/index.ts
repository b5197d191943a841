// Everything the worker registers as activities, built from its dependencies.
import { createCaseActivities, type ActivityDeps } from './case-activities.ts';

export type { ActivityDeps };

export function createActivities(deps: ActivityDeps) {
  return { ...createCaseActivities(deps) };
}

export type Activities = ReturnType<typeof createActivities>;
