// The survey part of the shipped content: the satisfaction questionnaire (created and published
// once, when missing - afterwards it belongs to quality and marketing), and its generated call route and the monthly
// `survey-phone` route that runs it per new client.
import { readFileSync } from 'node:fs';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Employee, Route } from '../../domain/entities/index.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import { createRoute } from '../../domain/routes/create-route.ts';
import { publishRoute } from '../../domain/routes/publish-route.ts';
import { callRouteKey } from '../../domain/surveys/call-route.ts';
import { Questionnaire } from '../../domain/surveys/entities.ts';
import { SURVEY_ROUTES_ENABLED, publishCallRoute } from '../../domain/surveys/publish-call-route.ts';
import { SATISFACTION } from '../../domain/surveys/satisfaction.ts';
import { createQuestionnaire, publishQuestionnaire } from '../../domain/surveys/save-questionnaire.ts';

export const SURVEY_ROUTE_KEYS = ['survey-phone'] as const;

export const surveyRoute = (key: (typeof SURVEY_ROUTE_KEYS)[number]): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../domain/routes/shipped/${key}.route.json`, import.meta.url), 'utf8')) as Record<string, unknown>;

/** Answers what it added. Runs inside ensureShippedRoutes' lock. */
export async function ensureShippedSurveys(em: EntityManager, enabled = SURVEY_ROUTES_ENABLED): Promise<string[]> {
  const admin = await em.findOne(Employee, { active: true, roles: { code: 'admin' } }, { orderBy: { email: 'asc' } });
  if (!admin) return [];
  const actor: Actor = { employeeId: admin.id, email: admin.email, roles: ['employee', 'admin', 'designer'] };
  const added: string[] = [];
  let q = await em.findOne(Questionnaire, { key: SATISFACTION.key });
  if (!q) {
    const id = await createQuestionnaire(em, actor, SATISFACTION);
    await publishQuestionnaire(em, actor, id, 1);
    q = await em.findOneOrFail(Questionnaire, id);
    added.push(`questionnaire:${SATISFACTION.key}`);
  }
  if (!enabled) return added;
  // The call route follows each publication of the questionnaire; made here only when missing (a first start).
  if (!(await em.count(Route, { key: callRouteKey(q.key) }))) {
    await publishCallRoute(em, { questionnaireId: q.id, key: q.key, name: q.name, intro: q.intro, version: q.publishedVersion, questions: q.questions }, true);
    added.push(callRouteKey(q.key));
  }
  for (const key of SURVEY_ROUTE_KEYS) {
    if (await em.count(Route, { key })) continue;
    const route = await createRoute(em, actor, { key, draft: surveyRoute(key) });
    await publishRoute(em, actor, { routeId: route.id, revision: 1 });
    added.push(key);
  }
  return added;
}
