// A questionnaire's results per question over a period and channel, from every published version
// (answers are matched to the latest version's questions by question id). Scores: how many
// answered, the average, how many gave each value, the share under the threshold, and for the
// "would you recommend" question the NPS: per cent promoters (9-10) minus per cent detractors
// (0-6). Choices: counts and shares of those who answered the question; yes/no the same; text:
// the latest answers, paged. The arithmetic is pure (`summariseQuestion`); SQL only counts.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { DomainError } from '../errors.ts';
import { Questionnaire } from './entities.ts';
import { currentVersion } from './save-questionnaire.ts';
import { scaleRange, type AnswerValue, type Question } from './questions.ts';

export interface ValueCount {
  value: AnswerValue;
  count: number;
}

export interface ScoreSummary {
  type: 'score';
  count: number;
  average: number | null;
  distribution: { value: number; count: number }[];
  lowCount: number;
  lowShare: number | null;
  nps: { promoters: number; passives: number; detractors: number; score: number } | null;
}
export interface ChoiceSummary {
  type: 'single' | 'multiple' | 'yesno';
  count: number;
  options: { option: string; count: number; share: number | null }[];
}
export interface TextSummary {
  type: 'text';
  count: number;
  latest: { text: string; clientName: string; answeredAt: Date }[];
}
export type QuestionSummary = ScoreSummary | ChoiceSummary | TextSummary;

const round = (x: number, digits = 4): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** The figures of one question from how many answers gave each value (`count`: answer sets, for multiple choice per option). */
export function summariseQuestion(q: Question, counts: readonly ValueCount[], answered: number): ScoreSummary | ChoiceSummary {
  if (q.type === 'score') {
    const [min, max] = scaleRange(q.scale ?? '1-5');
    const by = new Map<number, number>();
    for (const c of counts) if (typeof c.value === 'number') by.set(c.value, (by.get(c.value) ?? 0) + c.count);
    const distribution = Array.from({ length: max - min + 1 }, (_, i) => ({ value: min + i, count: by.get(min + i) ?? 0 }));
    const n = distribution.reduce((s, d) => s + d.count, 0);
    const sum = distribution.reduce((s, d) => s + d.value * d.count, 0);
    const lowCount = q.lowBelow === undefined ? 0 : distribution.filter((d) => d.value < q.lowBelow!).reduce((s, d) => s + d.count, 0);
    let nps: ScoreSummary['nps'] = null;
    if (q.nps && n > 0) {
      const promoters = (by.get(9) ?? 0) + (by.get(10) ?? 0);
      const detractors = distribution.filter((d) => d.value <= 6).reduce((s, d) => s + d.count, 0);
      nps = { promoters, passives: n - promoters - detractors, detractors, score: round(((promoters - detractors) / n) * 100, 1) };
    }
    return { type: 'score', count: n, average: n ? round(sum / n, 2) : null, distribution, lowCount, lowShare: n && q.lowBelow !== undefined ? round(lowCount / n) : null, nps };
  }
  const options = q.type === 'yesno' ? ['да', 'нет'] : q.options ?? [];
  const key = (v: AnswerValue): string => (typeof v === 'boolean' ? (v ? 'да' : 'нет') : String(v));
  const by = new Map<string, number>();
  for (const c of counts) by.set(key(c.value), (by.get(key(c.value)) ?? 0) + c.count);
  return {
    type: q.type as ChoiceSummary['type'],
    count: answered,
    options: options.map((o) => ({ option: o, count: by.get(o) ?? 0, share: answered ? round((by.get(o) ?? 0) / answered) : null })),
  };
}

export interface SummaryFilter {
  from?: string | undefined;
  to?: string | undefined;
  channel?: 'phone' | 'email' | undefined;
  textLimit: number;
  textOffset: number;
  timeZone: string;
}

export async function questionnaireSummary(em: EntityManager, questionnaireId: string, f: SummaryFilter) {
  const q = await em.findOne(Questionnaire, questionnaireId);
  if (!q) throw new DomainError('not_found', `No questionnaire ${questionnaireId}`);
  const version = await currentVersion(em, questionnaireId);
  const questions = version?.questions ?? q.questions;
  const db = em.getKysely();
  const where = sql`v.questionnaire_id = ${questionnaireId}::uuid
    ${f.from ? sql`and s.answered_at >= (${f.from}::date::timestamp at time zone ${f.timeZone})` : sql``}
    ${f.to ? sql`and s.answered_at < ((${f.to}::date + 1)::timestamp at time zone ${f.timeZone})` : sql``}
    ${f.channel ? sql`and s.channel = ${f.channel}` : sql``}`;
  const sets = sql`survey_answer_set s join questionnaire_version v on v.id = s.questionnaire_version_id`;
  const [totals, counts, answeredPer, low] = await Promise.all([
    sql<{ sets: number; phone: number; email: number; low: number }>`select count(*)::int as sets, count(*) filter (where s.channel = 'phone')::int as phone,
      count(*) filter (where s.channel = 'email')::int as email, count(*) filter (where s.low)::int as low from ${sets} where ${where}`.execute(db),
    // Scalars count as they are; a multiple choice counts each option picked.
    sql<{ question_id: string; value: AnswerValue; count: number }>`select a.question_id, x.value, count(*)::int as count
      from ${sets} join survey_answer a on a.answer_set_id = s.id
      cross join lateral (select e as value from jsonb_array_elements(case when jsonb_typeof(a.value) = 'array' then a.value else jsonb_build_array(a.value) end) e) x
      where ${where} and a.question_id = any(${questions.filter((x) => x.type !== 'text').map((x) => x.id)}::text[])
      group by a.question_id, x.value`.execute(db),
    sql<{ question_id: string; n: number }>`select a.question_id, count(*)::int as n from ${sets} join survey_answer a on a.answer_set_id = s.id where ${where} group by a.question_id`.execute(db),
    sql<{ id: string; answered_at: Date; channel: string; client_name: string; complaint_id: string | null; complaint_number: string | null }>`
      select s.id, s.answered_at, s.channel, c.name as client_name, s.complaint_id, k.number as complaint_number
      from ${sets} join client c on c.id = s.client_id left join complaint k on k.id = s.complaint_id
      where ${where} and s.low order by s.answered_at desc, s.id limit 50`.execute(db),
  ]);
  const answered = new Map(answeredPer.rows.map((r) => [r.question_id, r.n]));
  const items = [];
  for (const question of questions) {
    const n = answered.get(question.id) ?? 0;
    let summary: QuestionSummary;
    if (question.type === 'text') {
      const { rows } = await sql<{ text: string; client_name: string; answered_at: Date }>`
        select a.value #>> '{}' as text, c.name as client_name, s.answered_at from ${sets} join survey_answer a on a.answer_set_id = s.id join client c on c.id = s.client_id
        where ${where} and a.question_id = ${question.id} order by s.answered_at desc, s.id limit ${f.textLimit} offset ${f.textOffset}`.execute(db);
      summary = { type: 'text', count: n, latest: rows.map((r) => ({ text: r.text, clientName: r.client_name, answeredAt: r.answered_at })) };
    } else {
      summary = summariseQuestion(question, counts.rows.filter((r) => r.question_id === question.id), n);
    }
    items.push({ question, summary });
  }
  const t = totals.rows[0]!;
  return {
    questionnaire: { id: q.id, key: q.key, name: q.name, version: q.publishedVersion },
    answerSets: t.sets, byChannel: { phone: t.phone, email: t.email }, lowSets: t.low,
    questions: items,
    lowAnswers: low.rows.map((r) => ({ answerSetId: r.id, answeredAt: r.answered_at, channel: r.channel, clientName: r.client_name, complaintId: r.complaint_id, complaintNumber: r.complaint_number })),
  };
}
