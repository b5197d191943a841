// Pure survey rules: which answers a question takes (and how a refusal names it), the phone call's
// form generated from a questionnaire and read back into answers, the low-score complaint's text,
// and the round's first working day.
import { describe, expect, it } from 'vitest';
import { buildRussianCalendar } from '../calendar/russian-calendar.ts';
import { answersFromForm, callRoute, formFields } from './call-route.ts';
import { isFirstWorkingDayOfMonth } from './first-working-day.ts';
import { checkAnswers, questionsSchema } from './questions.ts';
import { SATISFACTION } from './satisfaction.ts';
import { lowScoreComplaint } from './store-answers.ts';

const questions = questionsSchema.parse([
  { id: 'equipment', type: 'score', text: 'Оборудование', scale: '1-5', lowBelow: 3, required: true },
  { id: 'bought', type: 'multiple', text: 'Что купили', options: ['Витрина', 'Камера'] },
  { id: 'again', type: 'yesno', text: 'Купите ещё?' },
]);

describe('answers', () => {
  it('are refused per question, naming it and why; blank optional ones are left out', () => {
    expect(checkAnswers(questions, { equipment: 6, bought: ['Диван'], extra: 1 }).problems).toEqual([
      { path: 'answers.extra', message: 'no such question' },
      { path: 'answers.equipment', message: 'a whole number from 1 to 5' },
      { path: 'answers.bought', message: 'some of: Витрина, Камера' },
    ]);
    expect(checkAnswers(questions, { equipment: '4', again: false, bought: [] })).toEqual({ values: { equipment: 4, again: false }, problems: [] });
    expect(checkAnswers(questions, {}).problems).toEqual([{ path: 'answers.equipment', message: 'an answer is required' }]);
  });

  it('with a low score make a complaint naming the question', () => {
    expect(lowScoreComplaint(questions, { equipment: 2, again: true })).toEqual({
      subject: 'Низкая оценка в опросе: Оборудование',
      text: 'Ответы клиента в опросе:\nОборудование: 2 (низкая оценка)\nКупите ещё?: да',
    });
    expect(lowScoreComplaint(questions, { equipment: 3 })).toBeNull();
  });
});

describe('the phone call form', () => {
  it('carries every question as a typed field and reads back into answers', () => {
    expect(formFields(questions)).toEqual([
      { id: 'equipment', type: 'choice', label: 'Оборудование', required: false, requiredFor: ['answered'], options: ['1', '2', '3', '4', '5'] },
      { id: 'bought__1', type: 'boolean', label: 'Что купили: Витрина', required: false },
      { id: 'bought__2', type: 'boolean', label: 'Что купили: Камера', required: false },
      { id: 'again', type: 'choice', label: 'Купите ещё?', required: false, options: ['да', 'нет'] },
    ]);
    expect(answersFromForm(questions, { equipment: '2', bought__2: true, bought__1: false, again: 'нет' })).toEqual({ equipment: 2, bought: ['Камера'], again: false });
  });

  it('is the task of the generated call route, followed by survey.record-answers on an answered call', () => {
    const route = callRoute({ questionnaireId: '00000000-0000-4000-8000-000000000001', key: 'satisfaction', name: 'Удовлетворённость', intro: '', version: 2, questions: SATISFACTION.questions }) as { subject: string; nodes: { id: string; form?: unknown[]; do?: unknown }[] };
    expect(route.subject).toBe('client');
    expect(route.nodes.find((n) => n.id === 'call')?.form).toHaveLength(5);
    expect(route.nodes.find((n) => n.id === 'record')?.do).toEqual({ type: 'call', operation: 'survey.record-answers', args: { questionnaireId: '00000000-0000-4000-8000-000000000001', version: 2, from: 'call', channel: 'phone' } });
  });
});

describe('the first working day of a month', () => {
  it('skips the New Year holidays and weekends', () => {
    const cal = buildRussianCalendar({ years: [2026, 2027] });
    expect(isFirstWorkingDayOfMonth(cal, '2027-01-01')).toBe(false);
    expect(isFirstWorkingDayOfMonth(cal, '2027-01-11')).toBe(true);
    expect(isFirstWorkingDayOfMonth(cal, '2026-12-01')).toBe(true);
    expect(isFirstWorkingDayOfMonth(cal, '2026-12-02')).toBe(false);
  });
});
