// The public survey page behind a personal link: the questionnaire version the round sent, and
// the client's answers stored once. A wrong or expired link is the same not_found and says nothing
// about the round or the client; a second submission stores nothing and says the answers were
// received; answers that do not fit a question are refused naming the question and why.
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '../errors.ts';
import { tokenHash } from '../portal/tokens.ts';
import { QuestionnaireVersion, SurveyInvitation, SurveyRound } from './entities.ts';
import { checkAnswers } from './questions.ts';
import { storeAnswers } from './store-answers.ts';

export const SURVEY_LINK_NOT_FOUND = 'This link is not valid (it may have expired)';
const notFound = () => new DomainError('not_found', SURVEY_LINK_NOT_FOUND);

async function invitationOf(em: EntityManager, token: string, now: Date, lock = false) {
  const inv = await em.findOne(SurveyInvitation, { tokenHash: tokenHash(token) }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
  if (!inv || inv.expiresAt.getTime() <= now.getTime()) throw notFound();
  const round = await em.findOneOrFail(SurveyRound, inv.round.id);
  const version = await em.findOneOrFail(QuestionnaireVersion, round.questionnaireVersion.id);
  return { inv, round, version };
}

export async function publicSurvey(em: EntityManager, token: string, now = new Date()) {
  const { inv, version } = await invitationOf(em, token, now);
  return { name: version.name, intro: version.intro, questions: version.questions, answered: inv.answeredAt !== null, expiresAt: inv.expiresAt };
}

export async function submitPublicSurvey(em: EntityManager, token: string, answers: Readonly<Record<string, unknown>>, now = new Date()): Promise<{ received: 'now' | 'before'; answerSetId: string; complaintId: string | null }> {
  return em.transactional(async (tx) => {
    const { inv, round, version } = await invitationOf(tx, token, now, true);
    const key = `invitation:${inv.id}`;
    if (inv.answeredAt) {
      const stored = await storeAnswers(tx, { key, versionId: version.id, questions: version.questions, clientId: inv.client.id, channel: 'email', answeredAt: now, values: {} });
      return { received: 'before', answerSetId: stored.answerSetId, complaintId: stored.complaintId };
    }
    const { values, problems } = checkAnswers(version.questions, answers);
    if (problems.length) throw new DomainError('invalid_input', 'Some answers need another look', problems);
    const stored = await storeAnswers(tx, { key, versionId: version.id, questions: version.questions, clientId: inv.client.id, channel: 'email', roundId: round.id, answeredAt: now, values });
    inv.answeredAt = now;
    await tx.flush();
    return { received: 'now', answerSetId: stored.answerSetId, complaintId: stored.complaintId };
  });
}
