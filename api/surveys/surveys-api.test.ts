// Surveys as their users notice them, on real PostgreSQL and Temporal: quality writes and
// publishes a questionnaire (marketing edits it, management reads it, a seller cannot); the results
// page's figures on fixed answers, hand-computed; an e-mail round whose personal link shows the
// questionnaire, names a bad answer's question, stores the answers once, opens one complaint with
// its route running for a low score, and says nothing for a wrong or expired link; the phone
// call's `survey.record-answers` operation storing once per key; the phone round's candidates.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIST_SOURCES } from '../../domain/processes/list-sources.ts';
import { ROUTE_OPERATIONS, type OperationContext } from '../../domain/processes/route-operations.ts';
import { storeAnswers } from '../../domain/surveys/store-answers.ts';
import { previousMonth } from '../../domain/surveys/survey-clients.ts';
import { QuestionnaireVersion } from '../../domain/surveys/entities.ts';
import type { AnswerValue } from '../../domain/surveys/questions.ts';
import { eventually } from '../../infra/testing/eventually.ts';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';

type Problem = { title: string; detail: string; problems?: { path: string; message: string }[] };
type Q = { id: string; revision: number; publishedVersion: number; status: string; dirty: boolean; answerSets: number };

const QUESTIONS = [
  { id: 'equipment', type: 'score', text: 'Оборудование', scale: '1-5', lowBelow: 3, required: true },
  { id: 'recommend', type: 'score', text: 'Порекомендуете ли вы нас?', scale: '0-10', nps: true },
  { id: 'channel', type: 'single', text: 'Как вы о нас узнали?', options: ['Реклама', 'Знакомые'] },
  { id: 'bought', type: 'multiple', text: 'Что вы купили?', options: ['Витрина', 'Камера', 'Сплит'] },
  { id: 'again', type: 'yesno', text: 'Купите ещё?' },
  { id: 'improve', type: 'text', text: 'Что улучшить?' },
];

let s: TestStack;
let qid: string;
let clients: string[];

beforeAll(async () => {
  s = await startTestStack();
  await s.startWorker();
  const created = await s.call<Q & Problem>('POST', '/api/surveys/questionnaires', { as: 'quality', body: { key: 'test-satisfaction', name: 'Опрос', intro: 'Пара вопросов', questions: QUESTIONS } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  qid = created.body.id;
  const pub = await s.call<Q>('POST', `/api/surveys/questionnaires/${qid}/publish`, { as: 'quality', body: { revision: created.body.revision } });
  expect(pub.status).toBe(200);
  const { rows } = await sql<{ id: string }>`select id from client order by name limit 4`.execute(s.em().getKysely());
  clients = rows.map((r) => r.id);
});
afterAll(async () => {
  await s?.close();
});

describe('questionnaires', () => {
  it('are written by quality and marketing, read by management, refused to a seller', async () => {
    const bad = await s.call<Problem>('POST', '/api/surveys/questionnaires', { as: 'quality', body: { key: 'bad', name: 'Плохая', questions: [{ id: 'x', type: 'score', text: 'Без шкалы' }] } });
    expect(bad.status).toBe(400);
    expect(bad.body.problems?.map((e) => e.path)).toContain('questions[0].scale');
    expect((await s.call('POST', '/api/surveys/questionnaires', { as: 'seller1', body: { key: 'nope', name: 'Нет' } })).status).toBe(403);
    expect((await s.call('GET', `/api/surveys/questionnaires/${qid}`, { as: 'seller1' })).status).toBe(403);
    expect((await s.call('GET', `/api/surveys/questionnaires/${qid}`, { as: 'director' })).status).toBe(200);
    expect((await s.call('PUT', `/api/surveys/questionnaires/${qid}`, { as: 'director', body: { revision: 1, name: 'x', intro: '', questions: [] } })).status).toBe(403);

    const draft = await s.call<Q>('POST', '/api/surveys/questionnaires', { as: 'marketer', body: { key: 'draft-one', name: 'Черновик', questions: QUESTIONS.slice(0, 1) } });
    const changed = await s.call<Q>('PUT', `/api/surveys/questionnaires/${draft.body.id}`, { as: 'marketer', body: { revision: draft.body.revision, name: 'Черновик 2', intro: '', questions: QUESTIONS.slice(0, 2) } });
    expect(changed.status).toBe(200);
    // Someone else's change since: refused.
    expect((await s.call('PUT', `/api/surveys/questionnaires/${draft.body.id}`, { as: 'quality', body: { revision: draft.body.revision, name: 'Старый', intro: '', questions: [] } })).status).toBe(409);
    const v1 = await s.call<Q>('POST', `/api/surveys/questionnaires/${draft.body.id}/publish`, { as: 'quality', body: { revision: changed.body.revision } });
    expect(v1.body).toMatchObject({ status: 'published', publishedVersion: 1, dirty: false });
    // Publishing an unchanged draft makes no new version.
    const again = await s.call<Q>('POST', `/api/surveys/questionnaires/${draft.body.id}/publish`, { as: 'quality', body: { revision: v1.body.revision } });
    expect(again.body.publishedVersion).toBe(1);
    const list = await s.call<{ items: { key: string }[] }>('GET', '/api/surveys/questionnaires', { as: 'director' });
    expect(list.body.items.map((i) => i.key)).toEqual(expect.arrayContaining(['test-satisfaction', 'draft-one']));
  });
});

describe('the summary', () => {
  it('gives per question the figures computed by hand from fixed answers', async () => {
    const em = s.em();
    const version = await em.findOneOrFail(QuestionnaireVersion, { questionnaire: qid, version: 1 });
    const sets: Record<string, AnswerValue>[] = [
      { equipment: 5, recommend: 10, channel: 'Реклама', bought: ['Витрина', 'Камера'], again: true, improve: 'Быстрее доставка' },
      { equipment: 4, recommend: 9, channel: 'Реклама', bought: ['Витрина'], again: false },
      { equipment: 2, recommend: 7, channel: 'Знакомые', again: true, improve: 'Монтаж аккуратнее' },
      { equipment: 5, recommend: 3, again: true },
    ];
    for (const [i, values] of sets.entries()) {
      await storeAnswers(s.em(), { key: `summary-${i}`, versionId: version.id, questions: version.questions, clientId: clients[i]!, channel: i < 2 ? 'phone' : 'email', answeredAt: new Date(Date.now() - (4 - i) * 60_000), values });
    }
    type Summary = { answerSets: number; byChannel: Record<string, number>; lowSets: number; questions: { question: { id: string }; summary: Record<string, unknown> }[]; lowAnswers: { clientName: string; complaintNumber: string | null }[] };
    const res = await s.call<Summary>('GET', `/api/surveys/questionnaires/${qid}/summary`, { as: 'director' });
    expect(res.status).toBe(200);
    const by = Object.fromEntries(res.body.questions.map((q) => [q.question.id, q.summary]));
    expect(res.body).toMatchObject({ answerSets: 4, byChannel: { phone: 2, email: 2 }, lowSets: 1 });
    // (5 + 4 + 2 + 5) / 4 = 4; one answer of four under 3.
    expect(by.equipment).toMatchObject({ count: 4, average: 4, lowCount: 1, lowShare: 0.25, distribution: [{ value: 1, count: 0 }, { value: 2, count: 1 }, { value: 3, count: 0 }, { value: 4, count: 1 }, { value: 5, count: 2 }] });
    // Promoters 10 and 9, passive 7, detractor 3: (2 - 1) / 4 = 25.
    expect(by.recommend).toMatchObject({ count: 4, average: 7.25, nps: { promoters: 2, passives: 1, detractors: 1, score: 25 } });
    expect(by.channel).toMatchObject({ count: 3, options: [{ option: 'Реклама', count: 2, share: 0.6667 }, { option: 'Знакомые', count: 1, share: 0.3333 }] });
    expect(by.bought).toMatchObject({ count: 2, options: [{ option: 'Витрина', count: 2, share: 1 }, { option: 'Камера', count: 1, share: 0.5 }, { option: 'Сплит', count: 0, share: 0 }] });
    expect(by.again).toMatchObject({ count: 4, options: [{ option: 'да', count: 3, share: 0.75 }, { option: 'нет', count: 1, share: 0.25 }] });
    expect(by.improve).toMatchObject({ count: 2, latest: [{ text: 'Монтаж аккуратнее' }, { text: 'Быстрее доставка' }] });
    // The low score opened a complaint, shown with its number.
    expect(res.body.lowAnswers).toHaveLength(1);
    expect(res.body.lowAnswers[0]!.complaintNumber).toMatch(/^Ж-/);
    // Filtered to the phone: two sets.
    const phone = await s.call<Summary>('GET', `/api/surveys/questionnaires/${qid}/summary?channel=phone`, { as: 'quality' });
    expect(phone.body.answerSets).toBe(2);
    expect((await s.call('GET', `/api/surveys/questionnaires/${qid}/summary?from=2026-02-30`, { as: 'quality' })).status).toBe(400);
    expect((await s.call('GET', `/api/surveys/questionnaires/${qid}/summary`, { as: 'seller1' })).status).toBe(403);
  });
});

describe('the e-mail survey and its public page', () => {
  let token: string;
  let clientId: string;

  beforeAll(async () => {
    const c = await s.call<{ id: string }>('POST', '/api/clients', { as: 'seller1', body: { name: `ООО «Постоянный» ${crypto.randomUUID().slice(0, 6)}`, kind: 'legal', email: `regular-${crypto.randomUUID().slice(0, 6)}@example.com` } });
    expect(c.status).toBe(201);
    clientId = c.body.id;
    await sql`update client set stage = 'regular' where id = ${clientId}::uuid`.execute(s.em().getKysely());
  });

  it('sends each regular client a letter with a personal link; sellers cannot start a round', async () => {
    expect((await s.call('POST', '/api/surveys/rounds', { as: 'seller1', body: { questionnaireId: qid, channel: 'email', segment: 'regular' } })).status).toBe(403);
    expect((await s.call('POST', '/api/surveys/rounds', { as: 'marketer', body: { questionnaireId: qid, channel: 'sms', segment: 'regular' } })).status).toBe(400);
    const round = await s.call<{ invited: number }>('POST', '/api/surveys/rounds', { as: 'marketer', body: { questionnaireId: qid, channel: 'email', segment: 'regular' } });
    expect(round.status).toBe(201);
    expect(round.body.invited).toBeGreaterThanOrEqual(1);
    const { rows } = await sql<{ text: string }>`select m.text from mail_message m join client c on c.email = m."to" where c.id = ${clientId}::uuid and m.key like 'survey:%'`.execute(s.em().getKysely());
    expect(rows).toHaveLength(1);
    expect(rows[0]!.text).toContain('Лидер');
    token = /\/s\/([A-Za-z0-9_-]+)/.exec(rows[0]!.text)![1]!;
  });

  it('shows the questionnaire, names a bad answer, stores the answers once and opens one complaint for a low score', async () => {
    const page = await s.call<{ name: string; questions: unknown[]; answered: boolean }>('GET', `/api/survey/${token}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ name: 'Опрос', answered: false });
    expect(page.body.questions).toHaveLength(QUESTIONS.length);

    const bad = await s.call<Problem>('POST', `/api/survey/${token}/answers`, { body: { answers: { equipment: 7, channel: 'Телевизор' } } });
    expect(bad.status).toBe(400);
    expect(bad.body.problems?.map((e) => e.path).sort()).toEqual(['answers.channel', 'answers.equipment']);

    const ok = await s.call<{ status: string }>('POST', `/api/survey/${token}/answers`, { body: { answers: { equipment: 1, recommend: 8, bought: ['Сплит'], again: false, improve: 'Сервис не приехал' } } });
    expect(ok.status).toBe(201);
    const again = await s.call<{ status: string }>('POST', `/api/survey/${token}/answers`, { body: { answers: { equipment: 5 } } });
    expect(again).toMatchObject({ status: 200, body: { status: 'already-received' } });
    expect((await s.call<{ answered: boolean }>('GET', `/api/survey/${token}`)).body.answered).toBe(true);

    const db = s.em().getKysely();
    const { rows: sets } = await sql<{ complaint_id: string | null }>`select complaint_id from survey_answer_set where client_id = ${clientId}::uuid`.execute(db);
    expect(sets).toHaveLength(1);
    const { rows: complaints } = await sql<{ id: string; subject: string; text: string }>`select id, subject, text from complaint where client_id = ${clientId}::uuid`.execute(db);
    expect(complaints).toHaveLength(1);
    expect(complaints[0]!.subject).toBe('Низкая оценка в опросе: Оборудование');
    expect(complaints[0]!.text).toContain('Что улучшить?: Сервис не приехал');
    // The complaint route runs about it: the quality officer has its first step.
    const cases = await eventually(
      async () => (await sql<{ status: string }>`select status from process where record_type = 'complaint' and record_id = ${complaints[0]!.id}::uuid`.execute(db)).rows,
      (rows) => rows.length > 0,
    );
    expect(cases.map((r) => r.status)).toEqual(['running']);
  });

  it('answers a wrong or an expired link with the same 404', async () => {
    const wrong = await s.call<Problem>('GET', `/api/survey/${'x'.repeat(43)}`);
    expect(wrong.status).toBe(404);
    expect((await s.call('POST', `/api/survey/${'x'.repeat(43)}/answers`, { body: { answers: {} } })).status).toBe(404);
    await sql`update survey_invitation set expires_at = now() - interval '1 minute' where client_id = ${clientId}::uuid`.execute(s.em().getKysely());
    const expired = await s.call<Problem>('GET', `/api/survey/${token}`);
    expect(expired.status).toBe(404);
    expect(expired.body.title).toBe(wrong.body.title);
  });
});

describe('the phone survey: route operation and list source', () => {
  it('survey.record-answers stores a call\'s answers once, however often its batch is retried', async () => {
    const op = ROUTE_OPERATIONS.get('survey.record-answers')!;
    const processId = crypto.randomUUID();
    const run = () => s.em().transactional(async (em) => {
      const ctx: OperationContext = {
        em, processId, parentProcessId: null, record: { type: 'client', id: clients[3]! }, variables: {},
        forms: { call: { equipment: '4', recommend: '10', channel: 'Знакомые', bought__1: true, bought__3: true, again: 'да', improve: 'Всё хорошо' } },
        key: `${processId}:record:1`, at: new Date(), actorId: null,
      };
      await op.run(ctx, op.args.parse({ questionnaireId: qid, version: 1, from: 'call', channel: 'phone' }));
    });
    await run();
    await run();
    const { rows } = await sql<{ question_id: string; value: unknown }>`select a.question_id, a.value from survey_answer a join survey_answer_set s on s.id = a.answer_set_id where s.process_id = ${processId}::uuid order by a.question_id`.execute(s.em().getKysely());
    expect(Object.fromEntries(rows.map((r) => [r.question_id, r.value]))).toEqual({ again: true, bought: ['Витрина', 'Сплит'], channel: 'Знакомые', equipment: 4, improve: 'Всё хорошо', recommend: 10 });
  });

  it('survey.phone-candidates gives clients who first bought last month and only once', async () => {
    const month = previousMonth(new Date().toISOString().slice(0, 10));
    const day = `${month}-15`;
    const make = async (name: string, payments: string[]) => {
      const c = await s.call<{ id: string }>('POST', '/api/clients', { as: 'seller1', body: { name: `${name} ${crypto.randomUUID().slice(0, 6)}`, kind: 'legal' } });
      for (const [i, paidOn] of payments.entries()) {
        const inv = await s.call<{ id: string }>('POST', '/api/invoices', { as: 'seller1', body: { clientId: c.body.id, issueDate: paidOn, dueDate: paidOn, amount: 100_000 } });
        expect(inv.status, JSON.stringify(inv.body)).toBe(201);
        const paid = await s.call('POST', `/api/invoices/${inv.body.id}/payments`, { as: 'seller1', body: { paidOn, amount: 100_000, documentNumber: `ПП-${i}` } });
        expect(paid.status, JSON.stringify(paid.body)).toBe(201);
      }
      return c.body.id;
    };
    const once = await make('ООО «Один раз»', [day]);
    const twice = await make('ООО «Дважды»', [day, `${month}-20`]);
    const older = await make('ООО «Давно»', [`${previousMonth(day)}-10`]);
    const source = LIST_SOURCES.get('survey.phone-candidates')!;
    const items = await s.em().transactional((em) => source.resolve({ em, processId: crypto.randomUUID(), parentProcessId: null, record: null, variables: {}, forms: {}, key: 'k', at: new Date(), actorId: null }, source.args.parse({ month })));
    const ids = items.map((i) => i.record?.id);
    expect(ids).toContain(once);
    expect(ids).not.toContain(twice);
    expect(ids).not.toContain(older);
    expect(items.find((i) => i.record?.id === once)?.variables).toEqual({ owner: 'seller1@leader.example' });
  });
});
