// Everything the worker registers as activities, built from its dependencies.
import { createCaseActivities, type ActivityDeps } from './case-activities.ts';
import { createBirthdayActivities } from './birthday-activities.ts';
import { createHousekeepingActivities, type HousekeepingDeps } from './housekeeping-activities.ts';
import { createMailingActivities } from './mailing-activities.ts';
import { createSurveyActivities } from './survey-activities.ts';

export type { ActivityDeps };

export function createActivities(deps: ActivityDeps & HousekeepingDeps) {
  return { ...createCaseActivities(deps), ...createHousekeepingActivities(deps), ...createBirthdayActivities(deps), ...createMailingActivities(deps), ...createSurveyActivities(deps) };
}

export type Activities = ReturnType<typeof createActivities>;
