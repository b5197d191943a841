// Surveys: questionnaires (a draft edited by quality and marketing, frozen into numbered versions
// when published, so every answer refers to the exact questions it answered), the rounds that
// send a personal link per client, and the answers - one answer set per client and survey, one
// row per question - with the complaint a low score opened.
import { defineEntity, p } from '@mikro-orm/core';
import { Client } from '../clients/entities.ts';
import { Complaint } from '../complaints/entities.ts';
import { Employee } from '../organisation/entities.ts';
import { BaseEntity } from '../shared/base-entity.ts';
import type { AnswerValue, Question } from './questions.ts';

export const QUESTIONNAIRE_STATUSES = ['draft', 'published'] as const;
export type QuestionnaireStatus = (typeof QUESTIONNAIRE_STATUSES)[number];
export const SURVEY_CHANNELS = ['phone', 'email'] as const;
export type SurveyChannel = (typeof SURVEY_CHANNELS)[number];

export const Questionnaire = defineEntity({
  name: 'Questionnaire',
  extends: BaseEntity,
  properties: {
    /** `satisfaction`: names the generated call route (`survey-call-<key>`). */
    key: p.string().length(40).unique(),
    name: p.string().length(200),
    intro: p.text(),
    /** The draft being edited; published versions are QuestionnaireVersion rows. */
    questions: p.json<Question[]>(),
    /** `published` once a version exists; a draft edited since then has `dirty`. */
    status: p.enum([...QUESTIONNAIRE_STATUSES]).default('draft'),
    dirty: p.boolean().default(true),
    /** The latest published version's number (0: never published). */
    publishedVersion: p.integer().default(0),
    createdBy: () => p.manyToOne(Employee).ref(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    /** Optimistic locking of the draft: a change names the revision it was made on. */
    revision: p.integer().version(),
  },
});

export const QuestionnaireVersion = defineEntity({
  name: 'QuestionnaireVersion',
  extends: BaseEntity,
  uniques: [{ properties: ['questionnaire', 'version'] }],
  properties: {
    questionnaire: () => p.manyToOne(Questionnaire).ref(),
    version: p.integer(),
    name: p.string().length(200),
    intro: p.text(),
    questions: p.json<Question[]>(),
    publishedAt: p.datetime(),
    publishedBy: () => p.manyToOne(Employee).ref(),
  },
});

/** An e-mail round: one personal link per recipient. */
export const SurveyRound = defineEntity({
  name: 'SurveyRound',
  extends: BaseEntity,
  properties: {
    questionnaireVersion: () => p.manyToOne(QuestionnaireVersion).ref(),
    channel: p.enum([...SURVEY_CHANNELS]),
    /** Who was asked: `regular` (relationship stage). */
    segment: p.string().length(40),
    createdBy: () => p.manyToOne(Employee).ref().nullable(),
    createdAt: p.datetime(),
    /** When the links stop working. */
    expiresAt: p.datetime(),
    invited: p.integer().default(0),
    /** Recipients left out (unsubscribed), counted. */
    suppressed: p.integer().default(0),
  },
});

/** A recipient's personal link: only the token's SHA-256 is kept. */
export const SurveyInvitation = defineEntity({
  name: 'SurveyInvitation',
  extends: BaseEntity,
  uniques: [{ properties: ['round', 'client'] }],
  properties: {
    round: () => p.manyToOne(SurveyRound).ref(),
    client: () => p.manyToOne(Client).ref().index(),
    email: p.string().length(320),
    tokenHash: p.string().length(64).unique(),
    expiresAt: p.datetime(),
    answeredAt: p.datetime().nullable(),
  },
});

export const SurveyAnswerSet = defineEntity({
  name: 'SurveyAnswerSet',
  extends: BaseEntity,
  indexes: [{ properties: ['questionnaireVersion', 'answeredAt'] }],
  properties: {
    /** What made it, once: the route operation's key, or `invitation:<id>`. */
    key: p.string().length(300).unique(),
    questionnaireVersion: () => p.manyToOne(QuestionnaireVersion).ref(),
    client: () => p.manyToOne(Client).ref().index(),
    channel: p.enum([...SURVEY_CHANNELS]),
    round: () => p.manyToOne(SurveyRound).ref().nullable(),
    /** The call's case (phone). */
    processId: p.uuid().nullable(),
    answeredAt: p.datetime(),
    /** The employee who made the call (phone); null when the client answered the link. */
    answeredBy: () => p.manyToOne(Employee).ref().nullable(),
    /** Some score was under its question's threshold. */
    low: p.boolean().default(false),
    /** The complaint the low score opened. */
    complaint: () => p.manyToOne(Complaint).ref().nullable().deleteRule('set null'),
    /** When the complaint's route was started (null: still to start). */
    complaintRouteAt: p.datetime().nullable(),
  },
});

export const SurveyAnswer = defineEntity({
  name: 'SurveyAnswer',
  extends: BaseEntity,
  uniques: [{ properties: ['answerSet', 'questionId'] }],
  properties: {
    answerSet: () => p.manyToOne(SurveyAnswerSet).ref().deleteRule('cascade'),
    questionId: p.string().length(40),
    value: p.json<AnswerValue>(),
    /** A score's value, for the summary's arithmetic. */
    score: p.smallint().nullable(),
  },
});
