// Writing questionnaires: quality and marketing create and edit the draft (on the revision they
// read: a stale one is refused with the current draft), and publish it as the next numbered
// version, frozen - answers refer to a version, so editing the draft never changes what earlier
// answers meant.
import type { EntityManager } from '@mikro-orm/postgresql';
import { StaleVersion, flushVersioned } from '../clients/stale-version.ts';
import { DomainError } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import { Questionnaire, QuestionnaireVersion } from './entities.ts';
import type { Question } from './questions.ts';
import { requireSurveyEditor } from './survey-access.ts';

export interface QuestionnaireDraft {
  key: string;
  name: string;
  intro: string;
  questions: Question[];
}

export async function createQuestionnaire(em: EntityManager, actor: Actor, draft: QuestionnaireDraft, id: string = crypto.randomUUID()): Promise<string> {
  requireSurveyEditor(actor);
  if (await em.count(Questionnaire, { id })) return id; // a retried request
  if (await em.count(Questionnaire, { key: draft.key })) throw new DomainError('conflict', `A questionnaire "${draft.key}" exists already`, [{ path: 'key', message: 'is taken' }]);
  const now = new Date();
  em.create(Questionnaire, { id, ...draft, status: 'draft', dirty: true, publishedVersion: 0, createdBy: actor.employeeId, createdAt: now, updatedAt: now });
  await em.flush();
  return id;
}

export async function updateQuestionnaire(em: EntityManager, actor: Actor, id: string, revision: number, change: Omit<QuestionnaireDraft, 'key'>): Promise<void> {
  requireSurveyEditor(actor);
  const q = await em.findOne(Questionnaire, id);
  if (!q) throw new DomainError('not_found', `No questionnaire ${id}`);
  if (q.revision !== revision) throw new StaleVersion('The questionnaire', id, revision, q.revision);
  Object.assign(q, change, { dirty: true, updatedAt: new Date() });
  await flushVersioned(() => em.flush(), 'The questionnaire', id, revision);
}

/** Publishes the draft as the next version; answers the version's id. Publishing an unchanged draft answers the current one. */
export async function publishQuestionnaire(em: EntityManager, actor: Actor, id: string, revision: number, at = new Date()): Promise<{ versionId: string; version: number; created: boolean }> {
  requireSurveyEditor(actor);
  return em.transactional(async (tx) => {
    const q = await tx.findOne(Questionnaire, id);
    if (!q) throw new DomainError('not_found', `No questionnaire ${id}`);
    if (q.revision !== revision) throw new StaleVersion('The questionnaire', id, revision, q.revision);
    if (!q.dirty && q.publishedVersion > 0) {
      const current = await tx.findOneOrFail(QuestionnaireVersion, { questionnaire: id, version: q.publishedVersion });
      return { versionId: current.id, version: current.version, created: false };
    }
    if (q.questions.length === 0) throw new DomainError('unprocessable', 'A questionnaire needs at least one question to be published', [{ path: 'questions', message: 'add a question' }]);
    const version = q.publishedVersion + 1;
    const v = tx.create(QuestionnaireVersion, {
      id: crypto.randomUUID(), questionnaire: id, version, name: q.name, intro: q.intro, questions: q.questions, publishedAt: at, publishedBy: actor.employeeId,
    });
    Object.assign(q, { status: 'published', dirty: false, publishedVersion: version, updatedAt: at });
    await flushVersioned(() => tx.flush(), 'The questionnaire', id, revision);
    return { versionId: v.id, version, created: true };
  });
}

/** The version answers are given to now: the latest published one. */
export async function currentVersion(em: EntityManager, questionnaireId: string) {
  const q = await em.findOne(Questionnaire, questionnaireId);
  if (!q || q.publishedVersion === 0) return null;
  return em.findOneOrFail(QuestionnaireVersion, { questionnaire: questionnaireId, version: q.publishedVersion });
}
