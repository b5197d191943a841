// A deal moved by its route, on real Temporal and PostgreSQL: opening a deal starts the shipped
// Deal route about it; completing the demonstration moves the deal to the proposal stage, the
// client's "new proposal" moves it back, and a refusal closes it lost with the reason and the
// stage it failed at - each move in the stage history "by the route", naming the case. The board's
// moves, the case's record in the case view and the inbox, and the rules around them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyTransition } from '../../domain/processes/apply-transition.ts';
import { AuditEntry, DealStageChange, Employee } from '../../domain/entities/index.ts';
import { demoEmail } from '../../infra/db/demo-data.ts';
import { eventually } from '../../infra/testing/eventually.ts';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';

type StageRef = { code: string };
type Deal = {
  id: string; title: string; amount: number; status: string; stage: StageRef; lostAtStage: StageRef | null; lossReason: string | null; closeComment: string | null;
  processId: string | null; version: number; case: { id: string; status: string; openSteps: { assignmentId: string; stepId: string; assignee: { id: string } | null }[] } | null;
  history: { kind: string; from: StageRef | null; to: StageRef; by: { id: string } | null; caseId: string | null }[];
};
type Moves = { caseId: string | null; patchable: boolean; steps: { assignmentId: string; stepId: string; moves: { outcome: string | null; stage: string | null; close: string | null; needsForm: boolean }[] }[] };
type Problem = { status: number; problems?: { path: string }[] };
type Case = { status: string; record: { type: string; id: string; label: string | null } | null; result: { outcome?: string; reason?: string } | null; timeline: { type: string; stepId: string | null }[] };

let s: TestStack;
let clientId: string;
const get = async (dealId: string) => (await s.call<Deal>('GET', `/api/deals/${dealId}`, { as: 'seller1' })).body;
const openStep = (dealId: string, stepId: string) =>
  eventually(async () => (await get(dealId)).case?.openSteps.find((o) => o.stepId === stepId), (o) => o !== undefined).then((o) => o!);
const complete = async (assignmentId: string, body: Record<string, unknown>) => {
  const res = await s.call('POST', `/api/assignments/${assignmentId}/complete`, { as: 'seller1', body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
};
const stageOf = (dealId: string, code: string) => eventually(() => get(dealId), (d) => d.stage.code === code);

beforeAll(async () => {
  s = await startTestStack();
  await s.startWorker();
  clientId = (await s.call<{ id: string }>('POST', '/api/clients', { as: 'seller1', body: { name: `Маршрутный ${crypto.randomUUID()}`, kind: 'person' } })).body.id;
});
afterAll(async () => s?.close());

describe('the Deal route drives the deal', () => {
  it('starts with the deal, moves it forward, back on a new proposal, and closes it lost with the reason and the stage', async () => {
    const created = await s.call<Deal>('POST', '/api/deals', { as: 'seller1', body: { clientId, title: 'Витрины для павильона 7' } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const deal = created.body;
    expect(deal.processId).toEqual(expect.any(String));
    expect(deal.case?.openSteps.map((o) => o.stepId)).toEqual(['demo']);

    // The case is about the deal: its view and the seller's inbox name it with the deal's title.
    const view = (await s.call<Case>('GET', `/api/processes/${deal.processId}`, { as: 'seller1' })).body;
    expect(view.record).toEqual({ type: 'deal', id: deal.id, label: 'Витрины для павильона 7' });
    const inbox = (await s.call<{ items: { process: { id: string; record: unknown } }[] }>('GET', '/api/assignments/inbox', { as: 'seller1' })).body.items;
    expect(inbox.find((i) => i.process.id === deal.processId)?.process.record).toEqual({ type: 'deal', id: deal.id, label: 'Витрины для павильона 7' });

    // The board may drag it to the proposal stage: that is where "interested" leads.
    const moves = (await s.call<Moves>('GET', `/api/deals/${deal.id}/moves`, { as: 'seller1' })).body;
    expect(moves.patchable).toBe(false);
    expect(moves.steps[0]!.moves.map((m) => [m.outcome, m.stage ?? m.close, m.needsForm])).toEqual([['interested', 'proposal', false], ['later', null, true], ['not_interested', 'lost', true]]);
    // While the route runs, the stage is not moved by hand.
    const patched = await s.call<Problem>('PATCH', `/api/deals/${deal.id}`, { as: 'seller1', body: { version: deal.version, stageId: crypto.randomUUID() } });
    expect(patched.status).toBe(409);

    await complete(moves.steps[0]!.assignmentId, { outcome: 'interested' });
    await stageOf(deal.id, 'proposal');
    await complete((await openStep(deal.id, 'proposal')).assignmentId, { form: { link: 'https://files.example/kp-1', amount: 450_000_00 } });
    const atDecision = await stageOf(deal.id, 'decision');
    expect(atDecision.amount).toBe(450_000_00);
    // The client asks for a new proposal: back to the proposal stage.
    await complete((await openStep(deal.id, 'decision')).assignmentId, { outcome: 'new_proposal', form: { reason: 'Нужен вариант дешевле' } });
    await stageOf(deal.id, 'proposal');
    await complete((await openStep(deal.id, 'proposal')).assignmentId, { form: { link: 'https://files.example/kp-2', amount: 390_000_00 } });
    await stageOf(deal.id, 'decision');
    await complete((await openStep(deal.id, 'decision')).assignmentId, { outcome: 'declined', form: { reason: 'Выбрали конкурента' } });

    const lost = await eventually(() => get(deal.id), (d) => d.status === 'lost');
    expect(lost).toMatchObject({ status: 'lost', lostAtStage: { code: 'decision' }, lossReason: 'other', closeComment: 'Выбрали конкурента', amount: 390_000_00 });
    expect(lost.history.map((h) => [h.kind, h.to.code, h.by === null ? 'route' : 'person', h.caseId])).toEqual([
      ['created', 'demonstration', 'person', null],
      ['moved', 'proposal', 'route', deal.processId],
      ['moved', 'decision', 'route', deal.processId],
      ['moved', 'proposal', 'route', deal.processId],
      ['moved', 'decision', 'route', deal.processId],
      ['lost', 'decision', 'route', deal.processId],
    ]);
    const ended = await eventually(async () => (await s.call<Case>('GET', `/api/processes/${deal.processId}`, { as: 'seller1' })).body, (c) => c.status !== 'running');
    expect(ended.result).toMatchObject({ outcome: 'failure' });
    // Every change the route made is audited as done by the case.
    const audit = await s.em().find(AuditEntry, { targetId: deal.id, action: 'deal.route-update' }, { orderBy: { at: 'asc', id: 'asc' } });
    expect(audit.map((a) => [a.actorKind, a.actorLabel])).toContainEqual(['case', `case ${deal.processId}`]);
    expect(audit.at(-1)?.details).toMatchObject({ status: 'lost', caseId: deal.processId });
  });

  it('applying the same change twice moves the deal once', async () => {
    const deal = (await s.call<Deal>('POST', '/api/deals', { as: 'seller1', body: { clientId, title: 'Повтор' } })).body;
    const effect = { type: 'update-record' as const, key: `process-${deal.processId}:record.updated:test:1`, nodeId: 'test', record: { type: 'deal', id: deal.id }, values: { stage: 'contract' }, at: new Date().toISOString() };
    for (let i = 0; i < 2; i++) await s.em().transactional((em) => applyTransition(em, { processId: deal.processId!, subject: 'x' }, [effect]));
    expect(await s.em().count(DealStageChange, { deal: deal.id, kind: 'moved' })).toBe(1);
    expect((await get(deal.id)).stage.code).toBe('contract');
  });

  it('a stage code the deal does not know is refused by the deal: the stage stays, the case goes on and its timeline says why', async () => {
    const deal = (await s.call<Deal>('POST', '/api/deals', { as: 'seller1', body: { clientId, title: 'Неизвестный этап' } })).body;
    const effect = { type: 'update-record' as const, key: `process-${deal.processId}:record.updated:test:9`, nodeId: 'test', record: { type: 'deal', id: deal.id }, values: { stage: 'moon' }, at: new Date().toISOString() };
    await s.em().transactional((em) => applyTransition(em, { processId: deal.processId!, subject: 'x' }, [effect]));
    expect((await get(deal.id)).stage.code).toBe('demonstration');
    const view = (await s.call<{ status: string; timeline: { type: string; data: { reason?: string } | null }[] }>('GET', `/api/processes/${deal.processId}`, { as: 'seller1' })).body;
    expect(view.status).toBe('running');
    expect(view.timeline.find((e) => e.type === 'record.refused')?.data?.reason).toContain('no pipeline stage has the code "moon"');
  });

  it('a deal lost by hand stops its route (its steps leave the inbox); it is won only by its route', async () => {
    const deal = (await s.call<Deal>('POST', '/api/deals', { as: 'seller1', body: { clientId, title: 'Клиент закрылся' } })).body;
    await openStep(deal.id, 'demo');
    const won = await s.call<Problem>('POST', `/api/deals/${deal.id}/close`, { as: 'seller1', body: { outcome: 'won' } });
    expect(won.status).toBe(409);
    expect(won.body.problems?.map((p) => p.path)).toEqual(['outcome']);
    expect((await get(deal.id)).status).toBe('open');
    // Someone who may not change the deal cannot close it, and its case runs on.
    expect((await s.call('POST', `/api/deals/${deal.id}/close`, { as: 'seller2', body: { outcome: 'lost', reason: 'other' } })).status).toBe(404);
    const lost = await s.call<Deal>('POST', `/api/deals/${deal.id}/close`, { as: 'seller1', body: { outcome: 'lost', reason: 'other', comment: 'Клиент закрыл магазин' } });
    expect(lost.status, JSON.stringify(lost.body)).toBe(200);
    expect(lost.body).toMatchObject({ status: 'lost', lostAtStage: { code: 'demonstration' } });
    const ended = await eventually(async () => (await s.call<{ status: string; result: { reason?: string } | null }>('GET', `/api/processes/${deal.processId}`, { as: 'seller1' })).body, (c) => c.status !== 'running');
    expect(ended).toMatchObject({ status: 'cancelled', result: { reason: 'Сделка закрыта вручную как неуспешная: Клиент закрыл магазин' } });
    const inbox = (await s.call<{ items: { process: { id: string } }[] }>('GET', '/api/assignments/inbox', { as: 'seller1' })).body.items;
    expect(inbox.some((i) => i.process.id === deal.processId)).toBe(false);
  });

  it('a case of the Deal route about no record fails at its first update-record, with the reason', async () => {
    const res = await s.call<{ id: string; status: string }>('POST', '/api/processes', { as: 'seller1', body: { routeKey: 'deal', subject: 'Без сделки', variables: { owner: demoEmail('seller1') } } });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('failed');
    const view = await eventually(async () => (await s.call<Case & { result: { reason?: string } }>('GET', `/api/processes/${res.body.id}`, { as: 'seller1' })).body, (c) => c.status === 'failed');
    expect(view.result?.reason).toBe('"stage-demo" changes the case\'s record, but this case is about no record');
  });
});

describe('rules around a case\'s record and the moves', () => {
  it('starting a case about a deal you may not see is 404; an unknown record type is 422 naming it; a bad record id is 400', async () => {
    const deal = (await s.call<Deal>('POST', '/api/deals', { as: 'seller1', body: { clientId, title: 'Чужая', startRoute: false } })).body;
    expect(deal.processId).toBeNull();
    const start = (as: string, record: unknown) => s.call<Problem>('POST', '/api/processes', { as, body: { routeKey: 'deal', subject: 'X', record, variables: { owner: demoEmail('seller1') } } });
    expect((await start('seller2', { type: 'deal', id: deal.id })).status).toBe(404);
    const unknown = await start('seller1', { type: 'spaceship', id: deal.id });
    expect(unknown.status).toBe(422);
    expect(unknown.body.problems?.map((p) => p.path)).toEqual(['record.type']);
    const bad = await start('seller1', { type: 'deal', id: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.body.problems?.map((p) => p.path)).toEqual(['record.id']);
  });

  it('moves: 404 for a deal you may not see, 400 for a bad id, and a deal without a case is moved by PATCH', async () => {
    const deal = (await s.call<Deal>('POST', '/api/deals', { as: 'seller1', body: { clientId, title: 'Без маршрута', startRoute: false } })).body;
    expect((await s.call('GET', `/api/deals/${deal.id}/moves`, { as: 'seller2' })).status).toBe(404);
    const bad = await s.call<Problem>('GET', '/api/deals/nope/moves', { as: 'seller1' });
    expect(bad.status).toBe(400);
    expect((await s.call<Moves>('GET', `/api/deals/${deal.id}/moves`, { as: 'seller1' })).body).toMatchObject({ caseId: null, patchable: true, steps: [] });
    // Someone who may see it but not hold its step gets no moves.
    const owned = (await s.call<Deal>('POST', '/api/deals', { as: 'seller1', body: { clientId, title: 'Чужой шаг' } })).body;
    expect((await s.call<Moves>('GET', `/api/deals/${owned.id}/moves`, { as: 'director' })).body).toMatchObject({ caseId: owned.processId, steps: [] });
    expect(await s.em().count(Employee, { email: demoEmail('seller1') })).toBe(1);
  });
});
