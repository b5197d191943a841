// Keeps the phone survey's call route in step with the questionnaire: publishing a questionnaire
// version writes `survey-call-<key>` from it (created the first time) and publishes it, as the
// first active administrator - the route belongs to the questionnaire, and a designer's edit of it
// would be overwritten by the next publication (its description says so).
import type { EntityManager } from '@mikro-orm/postgresql';
import { Employee, Route } from '../entities/index.ts';
import type { Actor } from '../identity/roles.ts';
import { createRoute } from '../routes/create-route.ts';
import { publishRoute } from '../routes/publish-route.ts';
import { saveDraft } from '../routes/save-draft.ts';
import { callRoute, callRouteKey, type CallRouteSource } from './call-route.ts';

/** Survey routes are generated and shipped (a switch kept for tests that publish questionnaires without them). */
export const SURVEY_ROUTES_ENABLED: boolean = true;

/** Publishes the call route of this questionnaire version; answers its key, or null when survey routes are off or there is no administrator. */
export async function publishCallRoute(em: EntityManager, source: CallRouteSource, enabled = SURVEY_ROUTES_ENABLED): Promise<string | null> {
  if (!enabled) return null;
  const admin = await em.findOne(Employee, { active: true, roles: { code: 'admin' } }, { orderBy: { email: 'asc' } });
  if (!admin) return null;
  const actor: Actor = { employeeId: admin.id, email: admin.email, roles: ['employee', 'admin', 'designer'] };
  const key = callRouteKey(source.key);
  const draft = callRoute(source);
  const existing = await em.findOne(Route, { key });
  const route = existing ? await saveDraft(em, actor, { routeId: existing.id, draft, revision: existing.draftRevision }) : await createRoute(em, actor, { key, draft });
  await publishRoute(em, actor, { routeId: route.id, revision: route.draftRevision });
  return key;
}
