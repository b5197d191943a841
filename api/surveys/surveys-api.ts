// Surveys for employees: questionnaires (quality, marketing and admins write them; management
// reads), publishing a version (which also regenerates the phone survey's call route), the
// results per question, and e-mail rounds sending a personal link to every regular client.
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { loadCalendarSettings } from '../../domain/calendar/calendar-settings.ts';
import { DomainError } from '../../domain/errors.ts';
import { deriveId } from '../../domain/idempotency/derive-ids.ts';
import { publishCallRoute } from '../../domain/surveys/publish-call-route.ts';
import { createQuestionnaire, publishQuestionnaire, updateQuestionnaire } from '../../domain/surveys/save-questionnaire.ts';
import { DEFAULT_COMPANY_NAME, startEmailRound } from '../../domain/surveys/start-email-round.ts';
import { requireSurveyReader } from '../../domain/surveys/survey-access.ts';
import { questionnaireSummary } from '../../domain/surveys/summary.ts';
import { deliverNow } from '../../infra/mail/mailer.ts';
import type { AppEnv } from '../context.ts';
import { idParamSchema } from '../directory/schemas.ts';
import { json, jsonBody } from '../openapi.ts';
import { problems, validationHook } from '../problem.ts';
import { isoTimestamp } from '../timestamps.ts';
import { listQuestionnaires, questionnaireDetail } from './questionnaire-view.ts';
import { newQuestionnaireSchema, newRoundSchema, publishSchema, questionnaireListSchema, questionnairePutSchema, questionnaireSchema, roundSchema, summaryQuery, summarySchema } from './schemas.ts';

export const surveysApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get', path: '/questionnaires', tags: ['Surveys'], summary: 'Questionnaires with their publication state and number of answer sets',
      responses: { 200: { description: 'All questionnaires', ...json(questionnaireListSchema) }, ...problems(401, 403) },
    }),
    async (c) => {
      requireSurveyReader(c.var.actor);
      return c.json(await listQuestionnaires(c.var.em), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/questionnaires', tags: ['Surveys'], summary: 'Create a questionnaire (a draft) - quality, marketing, admins',
      request: { ...jsonBody(newQuestionnaireSchema) },
      responses: { 201: { description: 'Created', ...json(questionnaireSchema) }, ...problems(400, 401, 403, 409) },
    }),
    async (c) => {
      const { em, actor, idempotencyKey } = c.var;
      const id = await createQuestionnaire(em, actor, c.req.valid('json'), idempotencyKey === undefined ? undefined : deriveId(actor.employeeId, idempotencyKey, 'survey.create'));
      return c.json(await questionnaireDetail(em.fork(), id), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/questionnaires/{id}', tags: ['Surveys'], summary: 'A questionnaire: its draft and publication state',
      request: { params: idParamSchema },
      responses: { 200: { description: 'The questionnaire', ...json(questionnaireSchema) }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      requireSurveyReader(c.var.actor);
      return c.json(await questionnaireDetail(c.var.em, c.req.valid('param').id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put', path: '/questionnaires/{id}', tags: ['Surveys'], summary: 'Change the draft, on the revision read (409 when someone changed it since)',
      request: { params: idParamSchema, ...jsonBody(questionnairePutSchema) },
      responses: { 200: { description: 'The questionnaire now', ...json(questionnaireSchema) }, ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { em, actor } = c.var;
      const { id } = c.req.valid('param');
      const { revision, ...change } = c.req.valid('json');
      await updateQuestionnaire(em, actor, id, revision, change);
      return c.json(await questionnaireDetail(em.fork(), id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/questionnaires/{id}/publish', tags: ['Surveys'], summary: 'Publish the draft as the next frozen version (answers refer to it); the phone call route follows',
      request: { params: idParamSchema, ...jsonBody(publishSchema) },
      responses: { 200: { description: 'The questionnaire now', ...json(questionnaireSchema) }, ...problems(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const { em, actor } = c.var;
      const { id } = c.req.valid('param');
      const published = await publishQuestionnaire(em, actor, id, c.req.valid('json').revision);
      const q = await questionnaireDetail(em.fork(), id);
      if (published.created) await publishCallRoute(em.fork(), { questionnaireId: id, key: q.key, name: q.name, intro: q.intro, version: published.version, questions: q.questions });
      return c.json(q, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/questionnaires/{id}/summary', tags: ['Surveys'], summary: 'Results per question over a period (company days) and channel: scores, NPS, choices, latest text answers',
      request: { params: idParamSchema, query: summaryQuery },
      responses: { 200: { description: 'The summary', ...json(summarySchema) }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const { em, actor } = c.var;
      requireSurveyReader(actor);
      const f = c.req.valid('query');
      if (f.from && f.to && f.from > f.to) throw new DomainError('invalid_input', 'The period ends before it starts', [{ path: 'from', message: 'is after to' }]);
      const { timeZone } = await loadCalendarSettings(em);
      const s = await questionnaireSummary(em, c.req.valid('param').id, { ...f, timeZone });
      return c.json({
        ...s,
        questions: s.questions.map(({ question, summary }) => ({
          question,
          summary: summary.type === 'text' ? { ...summary, latest: summary.latest.map((t) => ({ ...t, answeredAt: isoTimestamp(t.answeredAt) })) } : summary,
        })),
        lowAnswers: s.lowAnswers.map((l) => ({ ...l, channel: l.channel as 'phone' | 'email', answeredAt: isoTimestamp(l.answeredAt) })),
      }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/rounds', tags: ['Surveys'], summary: 'Send the questionnaire by e-mail to every regular client with an e-mail (a personal link each; unsubscribed addresses left out)',
      request: { ...jsonBody(newRoundSchema) },
      responses: { 201: { description: 'The round: how many were invited and left out', ...json(roundSchema) }, ...problems(400, 401, 403, 422) },
    }),
    async (c) => {
      const { em, actor, deps, idempotencyKey } = c.var;
      const b = c.req.valid('json');
      const round = await startEmailRound(em, actor, {
        id: idempotencyKey === undefined ? undefined : deriveId(actor.employeeId, idempotencyKey, 'survey.round'),
        questionnaireId: b.questionnaireId, expiresInDays: b.expiresInDays, origin: deps.publicOrigin ?? new URL(c.req.url).origin, companyName: b.companyName ?? DEFAULT_COMPANY_NAME,
      });
      if (deps.mailer && round.mailKeys.length) await deliverNow(em.fork(), deps.mailer, round.mailKeys, 5_000);
      return c.json({ id: round.roundId, invited: round.invited, suppressed: round.suppressed }, 201);
    },
  );
