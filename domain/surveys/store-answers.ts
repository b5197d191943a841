// Storing one client's answers to a questionnaire version, once per key (a route operation's key,
// or the personal link's invitation): a second store with the same key changes nothing and answers
// the first set. A score under its question's threshold registers a complaint about the client in
// the same transaction - once per answer set, its id derived from the set's - with the low
// answers in the subject and every answer in the text; the complaint's route is started after the
// commit by whoever has a Temporal client (api/surveys/survey-complaints.ts).
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { registerComplaint } from '../complaints/register-complaint.ts';
import { deriveId } from '../idempotency/derive-ids.ts';
import { portalActor } from '../portal/confirm-request.ts';
import type { ComplaintSource } from '../complaints/entities.ts';
import { SurveyAnswer, SurveyAnswerSet, type SurveyChannel } from './entities.ts';
import { isLow, type AnswerValue, type Question } from './questions.ts';

export interface StoreAnswersOptions {
  key: string;
  versionId: string;
  questions: readonly Question[];
  clientId: string;
  channel: SurveyChannel;
  roundId?: string | null;
  processId?: string | null;
  answeredBy?: string | null;
  answeredAt: Date;
  /** Checked already (checkAnswers). */
  values: Readonly<Record<string, AnswerValue>>;
}

export interface StoredAnswers {
  answerSetId: string;
  created: boolean;
  complaintId: string | null;
}

const formatValue = (v: AnswerValue): string => (Array.isArray(v) ? v.join(', ') : typeof v === 'boolean' ? (v ? 'да' : 'нет') : String(v));

/** The subject and text of the complaint a low score opens. */
export function lowScoreComplaint(questions: readonly Question[], values: Readonly<Record<string, AnswerValue>>): { subject: string; text: string } | null {
  const low = questions.filter((q) => isLow(q, values[q.id]));
  if (low.length === 0) return null;
  const subject = `Низкая оценка в опросе: ${low.map((q) => q.text).join('; ')}`.slice(0, 300);
  const lines = questions.filter((q) => values[q.id] !== undefined).map((q) => `${q.text}: ${formatValue(values[q.id]!)}${isLow(q, values[q.id]) ? ' (низкая оценка)' : ''}`);
  return { subject, text: `Ответы клиента в опросе:\n${lines.join('\n')}` };
}

export async function storeAnswers(em: EntityManager, opts: StoreAnswersOptions): Promise<StoredAnswers> {
  const id = deriveId('survey', opts.key, 'survey.answer-set');
  // A concurrent store with the same key waits here and then finds the set.
  await em.execute('select pg_advisory_xact_lock(hashtext(?))', [`survey-answers:${opts.key}`]);
  const existing = await em.findOne(SurveyAnswerSet, { key: opts.key });
  if (existing) return { answerSetId: existing.id, created: false, complaintId: existing.complaint?.id ?? null };
  const complaint = lowScoreComplaint(opts.questions, opts.values);
  const set = em.create(SurveyAnswerSet, {
    id, key: opts.key, questionnaireVersion: opts.versionId, client: opts.clientId, channel: opts.channel, round: opts.roundId ?? null,
    processId: opts.processId ?? null, answeredAt: opts.answeredAt, answeredBy: opts.answeredBy ?? null, low: complaint !== null, complaint: null, complaintRouteAt: null,
  });
  for (const q of opts.questions) {
    const value = opts.values[q.id];
    if (value === undefined) continue;
    em.create(SurveyAnswer, { id: crypto.randomUUID(), answerSet: set, questionId: q.id, value, score: q.type === 'score' ? (value as number) : null });
  }
  await em.flush();
  if (!complaint) return { answerSetId: id, created: true, complaintId: null };
  const { rows } = await sql<{ name: string; email: string | null; phone: string | null }>`
    select name, email, phones[1] as phone from client where id = ${opts.clientId}::uuid`.execute(em.getKysely());
  const source: ComplaintSource = opts.channel === 'phone' ? 'phone' : 'email';
  const complaintId = await registerComplaint(em, await portalActor(em), {
    id: deriveId('survey', id, 'survey.low-score-complaint'), source, subject: complaint.subject, text: complaint.text, clientId: opts.clientId,
    contactName: rows[0]?.name ?? null, contactPhone: rows[0]?.phone ?? null, contactEmail: rows[0]?.email ?? null, equipmentSerial: null, departments: [], registeredAt: opts.answeredAt,
  });
  await sql`update survey_answer_set set complaint_id = ${complaintId}::uuid where id = ${id}::uuid`.execute(em.getKysely());
  return { answerSetId: id, created: true, complaintId };
}
