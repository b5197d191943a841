// The read side of questionnaires: the list with how many answer sets each has, and one
// questionnaire's draft with its publication state.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { DomainError } from '../../domain/errors.ts';
import { callRouteKey } from '../../domain/surveys/call-route.ts';
import { SURVEY_ROUTES_ENABLED } from '../../domain/surveys/publish-call-route.ts';
import type { Question } from '../../domain/surveys/questions.ts';
import { isoTimestamp } from '../timestamps.ts';

interface Row {
  id: string; key: string; name: string; intro: string; questions: Question[]; status: 'draft' | 'published'; dirty: boolean;
  published_version: number; revision: number; updated_at: Date; answer_sets: number;
}

const select = sql`select q.id, q.key, q.name, q.intro, q.questions, q.status, q.dirty, q.published_version, q.revision, q.updated_at,
  (select count(*)::int from survey_answer_set s join questionnaire_version v on v.id = s.questionnaire_version_id where v.questionnaire_id = q.id) as answer_sets
  from questionnaire q`;

const out = (r: Row) => ({
  id: r.id, key: r.key, name: r.name, intro: r.intro, questions: r.questions, status: r.status, dirty: r.dirty, publishedVersion: r.published_version,
  revision: r.revision, callRoute: SURVEY_ROUTES_ENABLED && r.published_version > 0 ? callRouteKey(r.key) : null, answerSets: r.answer_sets, updatedAt: isoTimestamp(r.updated_at),
});

export async function listQuestionnaires(em: EntityManager) {
  const { rows } = await sql<Row>`${select} order by q.name, q.id`.execute(em.getKysely());
  return { items: rows.map((r) => { const { intro: _i, questions, ...rest } = out(r); return { ...rest, questionCount: questions.length }; }) };
}

export async function questionnaireDetail(em: EntityManager, id: string) {
  const { rows } = await sql<Row>`${select} where q.id = ${id}::uuid`.execute(em.getKysely());
  if (!rows[0]) throw new DomainError('not_found', `No questionnaire ${id}`);
  return out(rows[0]);
}
