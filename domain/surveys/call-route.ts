// The phone survey's call as a route whose task form IS the questionnaire. A route's task form is
// static, so publishing a questionnaire generates the body route `survey-call-<key>` from that
// version and publishes it as the route's next version: each question becomes a typed form field
// (a score: a choice of its values; single choice: a choice; multiple choice: one checkbox per
// option; yes/no: a choice of "да"/"нет"; text: text), required when the call is answered, and
// the step after the call stores the answers with `survey.record-answers` naming the version. The
// engine, the inbox and the task page need nothing new: the task is an ordinary task. A case keeps
// the version it started with, so a call in progress answers the questions it showed.
import type { FormField } from '../routes/route-schema.ts';
import type { FormValue } from '../routes/step-input.ts';
import { scaleRange, type Question } from './questions.ts';

export const CALL_NODE = 'call';
export const callRouteKey = (questionnaireKey: string): string => `survey-call-${questionnaireKey.replaceAll('_', '-')}`;

const YES = 'да';
const NO = 'нет';
const optionField = (q: Question, i: number): string => `${q.id}__${i + 1}`;

export function formFields(questions: readonly Question[]): FormField[] {
  const fields: FormField[] = [];
  for (const q of questions) {
    const base = { label: q.text.slice(0, 200), required: false, ...(q.required ? { requiredFor: ['answered'] } : {}) };
    switch (q.type) {
      case 'score': {
        const [min, max] = scaleRange(q.scale ?? '1-5');
        fields.push({ id: q.id, type: 'choice', ...base, options: Array.from({ length: max - min + 1 }, (_, i) => String(min + i)) });
        break;
      }
      case 'single':
        fields.push({ id: q.id, type: 'choice', ...base, options: q.options! });
        break;
      case 'multiple':
        q.options!.forEach((o, i) => fields.push({ id: optionField(q, i), type: 'boolean', label: `${q.text}: ${o}`.slice(0, 200), required: false }));
        break;
      case 'yesno':
        fields.push({ id: q.id, type: 'choice', ...base, options: [YES, NO] });
        break;
      case 'text':
        fields.push({ id: q.id, type: 'text', ...base });
        break;
    }
  }
  return fields;
}

/** What the call's form held, as the questionnaire's answers (unanswered questions left out). */
export function answersFromForm(questions: readonly Question[], form: Readonly<Record<string, FormValue>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const q of questions) {
    const v = form[q.id];
    if (q.type === 'multiple') {
      const picked = q.options!.filter((_, i) => form[optionField(q, i)] === true);
      if (picked.length) out[q.id] = picked;
    } else if (v === null || v === undefined || v === '') continue;
    else if (q.type === 'yesno') out[q.id] = v === YES ? true : v === NO ? false : v;
    else if (q.type === 'score') out[q.id] = typeof v === 'string' ? Number(v) : v;
    else out[q.id] = v;
  }
  return out;
}

export interface CallRouteSource {
  questionnaireId: string;
  key: string;
  name: string;
  intro: string;
  version: number;
  questions: readonly Question[];
}

/** The body route of the phone survey for one questionnaire version (route language v1). */
export function callRoute(q: CallRouteSource): Record<string, unknown> {
  return {
    language: 'route/v1',
    name: `Опрос по телефону: ${q.name}`.slice(0, 200),
    description: `Звонок клиенту по анкете «${q.name}» (версия ${q.version}). Создан из анкеты при её публикации; изменения вносите в анкету, не в маршрут.`,
    subject: 'client',
    variables: {
      owner: { type: 'text', label: 'Ответственный за клиента (e-mail)', required: true },
    },
    start: CALL_NODE,
    nodes: [
      {
        id: CALL_NODE, kind: 'task', name: `Опрос клиента: ${q.name}`.slice(0, 200),
        instructions: `Позвоните клиенту и задайте вопросы анкеты. ${q.intro}`.slice(0, 4000),
        assignee: { type: 'variable', variable: 'owner' },
        due: { working: 'P3D' },
        outcomes: [{ id: 'answered', label: 'Клиент ответил' }, { id: 'not_reached', label: 'Не дозвонился(ась)' }, { id: 'refused', label: 'Отказался отвечать' }],
        form: formFields(q.questions),
        next: 'answered',
      },
      { id: 'answered', kind: 'decision', name: 'Ответил?', branches: [{ label: 'Ответил', when: { '==': [{ var: `outcomes.${CALL_NODE}` }, 'answered'] }, next: 'record' }], otherwise: 'no-answer' },
      {
        id: 'record', kind: 'action', name: 'Сохранить ответы',
        do: { type: 'call', operation: 'survey.record-answers', args: { questionnaireId: q.questionnaireId, version: q.version, from: CALL_NODE, channel: 'phone' } },
        next: 'done',
      },
      { id: 'done', kind: 'end', result: 'success' },
      { id: 'no-answer', kind: 'end', result: 'failure', reason: 'Клиент не ответил на вопросы' },
    ],
  };
}
