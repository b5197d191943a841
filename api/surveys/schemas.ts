// Shapes of the surveys API: questionnaires and their draft, publishing, results, e-mail rounds,
// and the public page behind a personal link. Field checks here (400 naming the field); the
// questions' own rules come from the domain (domain/surveys/questions.ts).
import { z } from '@hono/zod-openapi';
import { QUESTIONNAIRE_STATUSES, SURVEY_CHANNELS } from '../../domain/surveys/entities.ts';
import { QUESTION_TYPES, SCALES, questionsSchema } from '../../domain/surveys/questions.ts';

const text = (max: number) => z.string().max(max).regex(/\S/, 'must not be blank');
const day = z.iso.date();

export const questionOut = z
  .object({
    id: z.string(),
    type: z.enum(QUESTION_TYPES),
    text: z.string(),
    required: z.boolean(),
    scale: z.enum(SCALES).optional(),
    lowBelow: z.number().int().optional(),
    nps: z.boolean().optional(),
    options: z.array(z.string()).optional(),
  })
  .openapi('SurveyQuestion');

export const newQuestionnaireSchema = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, 'a-z, 0-9 and "-", starting with a letter (2-40)').openapi({ example: 'satisfaction' }),
    name: text(200).openapi({ example: 'Удовлетворённость клиентов' }),
    intro: z.string().max(4000).default(''),
    questions: questionsSchema.default([]),
  })
  .strict()
  .openapi('NewQuestionnaire');

export const questionnairePutSchema = z
  .object({ revision: z.number().int().min(1), name: text(200), intro: z.string().max(4000), questions: questionsSchema })
  .strict()
  .openapi('QuestionnaireChange');

export const publishSchema = z.object({ revision: z.number().int().min(1) }).strict().openapi('QuestionnairePublish');

export const questionnaireSchema = z
  .object({
    id: z.uuid(),
    key: z.string(),
    name: z.string(),
    intro: z.string(),
    questions: z.array(questionOut),
    status: z.enum(QUESTIONNAIRE_STATUSES),
    /** The draft differs from the published version. */
    dirty: z.boolean(),
    publishedVersion: z.number().int(),
    revision: z.number().int(),
    /** The phone survey's call route generated from the published version, when survey routes are on. */
    callRoute: z.string().nullable(),
    answerSets: z.number().int(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('Questionnaire');

export const questionnaireListSchema = z.object({ items: z.array(questionnaireSchema.omit({ intro: true, questions: true }).extend({ questionCount: z.number().int() })) }).openapi('QuestionnaireList');

export const summaryQuery = z.object({
  from: day.optional(),
  to: day.optional(),
  channel: z.enum(SURVEY_CHANNELS).optional(),
  textLimit: z.coerce.number().int().min(1).max(100).default(10),
  textOffset: z.coerce.number().int().min(0).max(100_000).default(0),
});

const share = z.number().nullable();
const summaryOut = z.union([
  z.object({
    type: z.literal('score'), count: z.number().int(), average: z.number().nullable(),
    distribution: z.array(z.object({ value: z.number().int(), count: z.number().int() })),
    lowCount: z.number().int(), lowShare: share,
    nps: z.object({ promoters: z.number().int(), passives: z.number().int(), detractors: z.number().int(), score: z.number() }).nullable(),
  }),
  z.object({ type: z.enum(['single', 'multiple', 'yesno']), count: z.number().int(), options: z.array(z.object({ option: z.string(), count: z.number().int(), share })) }),
  z.object({ type: z.literal('text'), count: z.number().int(), latest: z.array(z.object({ text: z.string(), clientName: z.string(), answeredAt: z.iso.datetime() })) }),
]);

export const summarySchema = z
  .object({
    questionnaire: z.object({ id: z.uuid(), key: z.string(), name: z.string(), version: z.number().int() }),
    answerSets: z.number().int(),
    byChannel: z.object({ phone: z.number().int(), email: z.number().int() }),
    lowSets: z.number().int(),
    questions: z.array(z.object({ question: questionOut, summary: summaryOut })),
    lowAnswers: z.array(z.object({
      answerSetId: z.uuid(), answeredAt: z.iso.datetime(), channel: z.enum(SURVEY_CHANNELS), clientName: z.string(),
      complaintId: z.uuid().nullable(), complaintNumber: z.string().nullable(),
    })),
  })
  .openapi('SurveySummary');

export const newRoundSchema = z
  .object({
    questionnaireId: z.uuid(),
    channel: z.literal('email'),
    segment: z.literal('regular'),
    expiresInDays: z.number().int().min(1).max(90).default(14),
    companyName: text(200).optional().openapi({ description: 'The name the letter signs with; "Лидер" when absent' }),
  })
  .strict()
  .openapi('NewSurveyRound');

export const roundSchema = z.object({ id: z.uuid(), invited: z.number().int(), suppressed: z.number().int() }).openapi('SurveyRound');

const token = z.string().min(20).max(100).regex(/^[A-Za-z0-9_-]+$/, 'a link token');
export const tokenParamSchema = z.object({ token: token.openapi({ param: { name: 'token', in: 'path' } }) });

export const publicSurveySchema = z
  .object({ name: z.string(), intro: z.string(), questions: z.array(questionOut), answered: z.boolean(), expiresAt: z.iso.datetime() })
  .openapi('PublicSurvey');

const answerValue = z.union([z.number(), z.string().max(5000), z.boolean(), z.array(z.string().max(200)).max(20), z.null()]);
export const publicAnswersSchema = z.object({ answers: z.record(z.string().max(40), answerValue) }).strict().openapi('PublicSurveyAnswers');
export const receivedSchema = z.object({ status: z.enum(['received', 'already-received']) }).openapi('PublicSurveyReceived');
