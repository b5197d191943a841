// The public survey page's API (no sign-in): the questionnaire behind a personal link and the
// client's answers. Rate-limited in PostgreSQL per address and per link like the portal; a wrong
// or expired link is the same 404 and reveals nothing. A low score's complaint route starts here.
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { hit } from '../../domain/portal/rate-limit.ts';
import { publicSurvey, submitPublicSurvey } from '../../domain/surveys/public-survey.ts';
import { SURVEY_LIMITS } from '../../domain/surveys/survey-limits.ts';
import { recordAudit } from '../audit/audit-trail.ts';
import { clientAddress } from '../auth/client-address.ts';
import type { AppEnv } from '../context.ts';
import { json, jsonBody } from '../openapi.ts';
import { problems, validationHook } from '../problem.ts';
import { isoTimestamp } from '../timestamps.ts';
import { publicAnswersSchema, publicSurveySchema, receivedSchema, tokenParamSchema } from './schemas.ts';
import { startSurveyComplaintRoutes } from './survey-complaints.ts';

export const publicSurveyApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get', path: '/{token}', tags: ['Public survey'], summary: 'The questionnaire behind a personal survey link', security: [],
      request: { params: tokenParamSchema },
      responses: { 200: { description: 'The questions, and whether they were answered already', ...json(publicSurveySchema) }, ...problems(400, 404, 429) },
    }),
    async (c) => {
      const { em } = c.var;
      const { token } = c.req.valid('param');
      await hit(em, SURVEY_LIMITS.readPerAddress, clientAddress(c));
      await hit(em, SURVEY_LIMITS.readPerLink, token);
      const s = await publicSurvey(em, token);
      return c.json({ ...s, expiresAt: isoTimestamp(s.expiresAt) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/{token}/answers', tags: ['Public survey'], summary: 'Answer the survey: stored once; a second submission is told it was received', security: [],
      request: { params: tokenParamSchema, ...jsonBody(publicAnswersSchema) },
      responses: {
        201: { description: 'Stored', ...json(receivedSchema) },
        200: { description: 'Received before; nothing changed', ...json(receivedSchema) },
        ...problems(400, 404, 429),
      },
    }),
    async (c) => {
      const { em, deps } = c.var;
      const { token } = c.req.valid('param');
      await hit(em, SURVEY_LIMITS.submitPerAddress, clientAddress(c));
      await hit(em, SURVEY_LIMITS.submitPerLink, token);
      const done = await submitPublicSurvey(em, token, c.req.valid('json').answers);
      if (done.received === 'before') return c.json({ status: 'already-received' as const }, 200);
      // Committed: a low score's complaint is registered; its route starts now (or by the sweep if this fails).
      if (done.complaintId) await startSurveyComplaintRoutes(em.fork(), deps).catch(() => 0);
      await recordAudit(c, { action: 'survey.answer', targetType: 'survey-answer-set', targetId: done.answerSetId, actorLabel: null, status: 201 });
      return c.json({ status: 'received' as const }, 201);
    },
  );
