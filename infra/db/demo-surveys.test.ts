// The demo company's survey answers: the results page of the satisfaction questionnaire has about
// 40 answer sets over the last two months, by phone and e-mail, with a few low scores that opened
// complaints; writing them again (a start stopped half-way) adds nothing.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../testing/stack.ts';
import { writeDemoSurveys } from './demo-surveys.ts';

let s: TestStack;
beforeAll(async () => {
  s = await startTestStack();
});
afterAll(async () => s?.close());

it('gives the satisfaction questionnaire charts on day one', async () => {
  await s.em().transactional((em) => writeDemoSurveys(em, new Date(), 20));
  await s.em().transactional((em) => writeDemoSurveys(em, new Date(), 20));
  const list = await s.call<{ items: { id: string; key: string; answerSets: number }[] }>('GET', '/api/surveys/questionnaires', { as: 'marketer' });
  const q = list.body.items.find((i) => i.key === 'satisfaction')!;
  expect(q.answerSets).toBe(20);
  const summary = await s.call<{ byChannel: { phone: number; email: number }; lowSets: number; lowAnswers: { complaintNumber: string | null }[] }>('GET', `/api/surveys/questionnaires/${q.id}/summary`, { as: 'director' });
  expect(summary.body.byChannel).toEqual({ phone: 10, email: 10 });
  expect(summary.body.lowSets).toBe(3);
  expect(summary.body.lowAnswers.every((l) => l.complaintNumber)).toBe(true);
});
