// Deals through the API on the real database: the seeded pipeline; a deal opened with product
// lines (amount = their sum, owner = the client's owner, first stage, its probability); list
// filters, sort and paging; the board's counts and ruble sums; moving the stage recorded in the
// history; a stale version refused with the current deal; closing as lost with reason and stage;
// who sees and who changes a deal; stage editing; bad input named by field; the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry, Employee } from '../../domain/entities/index.ts';
import { demoEmail } from '../../infra/db/demo-data.ts';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';

type StageRef = { id: string; code: string; name: string; nameEn: string | null };
type Stage = StageRef & { position: number; probability: number; deals: number };
type Deal = {
  id: string; title: string; amount: number; lines: { name: string; quantity: number; price: number }[]; probability: number; plannedCloseDate: string | null;
  owner: { id: string }; client: { id: string; name: string }; stage: StageRef; status: string; lossReason: string | null; lostAtStage: StageRef | null;
  closeComment: string | null; closedBy: { id: string } | null; processId: string | null; version: number; rights: { write: boolean };
  history: { kind: string; from: StageRef | null; to: StageRef; by: { id: string } | null }[];
};
type Problem = { status: number; detail: string; problems?: { path: string; message: string }[]; current?: Deal };
type Page = { items: Deal[]; total: number };
type Board = { columns: { stage: StageRef; count: number; amount: number; items: Deal[] }[] };

let s: TestStack;
const id: Record<string, string> = {};
let stages: Stage[];
const stage = (code: string) => stages.find((t) => t.code === code)!;
let clientId: string;

const newClient = async (as: string, name = `Сделочный ${crypto.randomUUID()}`) => {
  const res = await s.call<{ id: string }>('POST', '/api/clients', { as, body: { name, kind: 'person' } });
  expect(res.status).toBe(201);
  return res.body.id;
};
// These deals are moved by PATCH, as deals without a case are: the Deal route is not started
// (deal-route.test.ts covers deals whose route moves them).
const create = (as: string, body: Record<string, unknown>) => s.call<Deal & Problem>('POST', '/api/deals', { as, body: { startRoute: false, ...body } });
const get = (as: string, dealId: string) => s.call<Deal & Problem>('GET', `/api/deals/${dealId}`, { as });
const patch = (as: string, dealId: string, body: Record<string, unknown>) => s.call<Deal & Problem>('PATCH', `/api/deals/${dealId}`, { as, body });
const close = (as: string, dealId: string, body: Record<string, unknown>) => s.call<Deal & Problem>('POST', `/api/deals/${dealId}/close`, { as, body });
const list = (as: string, query = '') => s.call<Page & Problem>('GET', `/api/deals${query}`, { as });
const paths = (res: { body: Problem }) => res.body.problems?.map((p) => p.path);

beforeAll(async () => {
  s = await startTestStack();
  for (const key of ['seller1', 'seller2', 'sales.head', 'director']) id[key] = (await s.em().findOneOrFail(Employee, { email: demoEmail(key) })).id;
  stages = (await s.call<{ items: Stage[] }>('GET', '/api/deal-stages', { as: 'seller1' })).body.items;
  clientId = await newClient('seller1', 'ООО «Пингвин»');
});
afterAll(async () => s?.close());

describe('the pipeline', () => {
  it('is seeded with the reference company\'s five stages, in order', () => {
    expect(stages.map((t) => [t.code, t.name])).toEqual([
      ['demonstration', 'Демонстрация/презентация'],
      ['proposal', 'Подготовка предложения'],
      ['decision', 'Принятие решения'],
      ['contract', 'Подготовка, согласование и подписание договора'],
      ['handoff', 'Документы, передача в монтаж'],
    ]);
    expect(stages.map((t) => t.probability)).toEqual([10, 25, 50, 75, 90]);
  });

  it('demo deals stand in every stage, and some are won and some lost with reasons', async () => {
    for (const t of stages) expect((await list('admin', `?stageId=${t.id}&status=open`)).body.total, t.code).toBeGreaterThan(0);
    expect((await list('admin', '?status=won')).body.total).toBeGreaterThan(0);
    const lost = (await list('admin', '?status=lost&limit=200')).body.items;
    expect(lost.length).toBeGreaterThan(0);
    expect(lost.every((d) => d.lossReason !== null && d.lostAtStage !== null)).toBe(true);
  });

  it('admins and management add, rename and delete stages; a stage in use is not deleted', async () => {
    const added = await s.call<Stage & Problem>('POST', '/api/deal-stages', { as: 'director', body: { code: 'audit', name: 'Аудит объекта', probability: 15, position: 15 } });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body).toMatchObject({ code: 'audit', position: 15, deals: 0 });
    expect((await s.call<Problem>('POST', '/api/deal-stages', { as: 'admin', body: { code: 'audit', name: 'Ещё раз', probability: 15 } })).status).toBe(409);
    const renamed = await s.call<Stage>('PATCH', `/api/deal-stages/${added.body.id}`, { as: 'admin', body: { name: 'Обследование объекта', nameEn: 'Site survey' } });
    expect(renamed.body).toMatchObject({ name: 'Обследование объекта', nameEn: 'Site survey', code: 'audit' });
    const order = (await s.call<{ items: Stage[] }>('GET', '/api/deal-stages', { as: 'seller1' })).body.items.map((t) => t.code);
    expect(order.slice(0, 3)).toEqual(['demonstration', 'audit', 'proposal']);
    expect((await s.call('DELETE', `/api/deal-stages/${stage('decision').id}`, { as: 'admin' })).status).toBe(409);
    expect((await s.call('DELETE', `/api/deal-stages/${added.body.id}`, { as: 'admin' })).status).toBe(204);
    expect((await s.call<{ items: Stage[] }>('GET', '/api/deal-stages', { as: 'seller1' })).body.items).toHaveLength(5);
  });

  it('sellers, heads of sales and designers may not edit the pipeline', async () => {
    for (const who of ['seller1', 'sales.head', 'designer']) {
      expect((await s.call('POST', '/api/deal-stages', { as: who, body: { code: 'x', name: 'X', probability: 1 } })).status, who).toBe(403);
      expect((await s.call('PATCH', `/api/deal-stages/${stage('decision').id}`, { as: who, body: { name: 'X' } })).status, who).toBe(403);
      expect((await s.call('DELETE', `/api/deal-stages/${stage('decision').id}`, { as: who })).status, who).toBe(403);
    }
    expect(stage('decision').name).toBe('Принятие решения');
  });
});

describe('a deal', () => {
  let deal: Deal;

  it('opens with the lines\' sum as its amount, the client\'s owner, the first stage and its probability', async () => {
    const res = await create('sales.head', {
      clientId, title: 'Витрины для павильона', plannedCloseDate: '2026-12-20',
      lines: [{ name: 'Витрина 1,5 м', quantity: 3, price: 18_500_000 }, { name: 'Монтаж', quantity: 1, price: 3_500_000 }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    deal = res.body;
    expect(deal).toMatchObject({ amount: 59_000_000, owner: { id: id['seller1'] }, stage: { code: 'demonstration' }, probability: 10, status: 'open', version: 1, processId: null, plannedCloseDate: '2026-12-20', rights: { write: true } });
    expect(deal.history.map((h) => [h.kind, h.from, h.to.code, h.by?.id])).toEqual([['created', null, 'demonstration', id['sales.head']]]);
  });

  it('refuses an amount that is not the lines\' sum, naming the field', async () => {
    const res = await create('seller1', { clientId, title: 'Неверная сумма', amount: 100, lines: [{ name: 'Ларь', quantity: 2, price: 6_200_000 }] });
    expect(res.status).toBe(400);
    expect(paths(res)).toEqual(['amount']);
  });

  it('moves to another stage: the history records who and when, the probability follows the stage', async () => {
    const moved = await patch('seller1', deal.id, { version: 1, stageId: stage('proposal').id });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ stage: { code: 'proposal' }, probability: 25, version: 2 });
    expect(moved.body.history.map((h) => [h.kind, h.from?.code ?? null, h.to.code, h.by?.id])).toEqual([
      ['created', null, 'demonstration', id['sales.head']],
      ['moved', 'demonstration', 'proposal', id['seller1']],
    ]);
  });

  it('refuses a stale version with 409 and the current deal, changing nothing', async () => {
    const stale = await patch('sales.head', deal.id, { version: 1, title: 'Чужая правка' });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ id: deal.id, version: 2, title: 'Витрины для павильона', stage: { code: 'proposal' } });
    expect((await get('seller1', deal.id)).body.title).toBe('Витрины для павильона');
  });

  it('closes as lost with its reason, comment and the stage it failed at; then stays closed', async () => {
    expect(paths(await close('seller1', deal.id, { outcome: 'lost' }))).toEqual(['reason']);
    const lost = await close('seller1', deal.id, { outcome: 'lost', reason: 'price', comment: 'Нашли дешевле у конкурента', version: 2 });
    expect(lost.status, JSON.stringify(lost.body)).toBe(200);
    expect(lost.body).toMatchObject({ status: 'lost', lossReason: 'price', closeComment: 'Нашли дешевле у конкурента', lostAtStage: { code: 'proposal' }, probability: 0, closedBy: { id: id['seller1'] } });
    expect(lost.body.history.at(-1)).toMatchObject({ kind: 'lost', to: { code: 'proposal' } });
    expect((await close('seller1', deal.id, { outcome: 'won' })).status).toBe(409);
    expect((await patch('seller1', deal.id, { version: lost.body.version, title: 'Ещё' })).status).toBe(409);
  });

  it('closes as won', async () => {
    const d = (await create('seller1', { clientId, title: 'Выигранная', amount: 1_000_000, stageId: stage('contract').id })).body;
    const won = await close('seller1', d.id, { outcome: 'won' });
    expect(won.body).toMatchObject({ status: 'won', probability: 100, lossReason: null, lostAtStage: null });
    expect((await close('seller1', (await create('seller1', { clientId, title: 'X' })).body.id, { outcome: 'won', reason: 'price' })).body.problems?.[0]?.path).toBe('reason');
  });
});

describe('the list and the board', () => {
  let listClient: string;
  const made: Deal[] = [];

  beforeAll(async () => {
    listClient = await newClient('seller2', 'ИП Морозов');
    const specs: [string, number, string, string][] = [
      ['Ларь для кафе', 5_000_000, 'demonstration', '2026-12-01'],
      ['Витрина для рыбы', 20_000_000, 'demonstration', '2027-01-15'],
      ['Камера на склад', 45_000_000, 'decision', '2027-02-10'],
      ['Шкаф для напитков', 9_000_000, 'handoff', '2026-12-25'],
    ];
    for (const [title, amount, code, date] of specs) {
      const res = await create('seller2', { clientId: listClient, title, amount, stageId: stage(code).id, plannedCloseDate: date });
      expect(res.status).toBe(201);
      made.push(res.body);
    }
  });

  const titles = (p: Page) => p.items.map((d) => d.title);

  it('filters by client, stage, amount range, planned close dates and text, with the total', async () => {
    const q = `?clientId=${listClient}`;
    expect((await list('seller2', q)).body.total).toBe(4);
    expect(titles((await list('seller2', `${q}&stageId=${stage('demonstration').id}&sort=amount`)).body)).toEqual(['Ларь для кафе', 'Витрина для рыбы']);
    expect(titles((await list('seller2', `${q}&amountMin=9000000&amountMax=20000000&sort=-amount`)).body)).toEqual(['Витрина для рыбы', 'Шкаф для напитков']);
    expect(titles((await list('seller2', `${q}&closeFrom=2026-12-01&closeTo=2026-12-31&sort=plannedCloseDate`)).body)).toEqual(['Ларь для кафе', 'Шкаф для напитков']);
    expect(titles((await list('seller2', `?q=${encodeURIComponent('морозов')}&sort=title`)).body)).toEqual(['Витрина для рыбы', 'Камера на склад', 'Ларь для кафе', 'Шкаф для напитков']);
    expect(titles((await list('seller2', `?q=${encodeURIComponent('камера на')}`)).body)).toEqual(['Камера на склад']);
    expect((await list('seller2', `${q}&ownerId=${id['seller1']}`)).body.total).toBe(0);
    expect((await list('seller2', `${q}&status=won`)).body.total).toBe(0);
  });

  it('sorts and pages, the total counting every page', async () => {
    const q = `?clientId=${listClient}&sort=-amount&limit=2`;
    const first = (await list('seller2', q)).body;
    const second = (await list('seller2', `${q}&offset=2`)).body;
    expect([first.total, second.total]).toEqual([4, 4]);
    expect([...titles(first), ...titles(second)]).toEqual(['Камера на склад', 'Витрина для рыбы', 'Шкаф для напитков', 'Ларь для кафе']);
    expect(titles((await list('seller2', `?clientId=${listClient}&sort=stage`)).body).at(-1)).toBe('Шкаф для напитков');
  });

  it('the board gives every stage its count, ruble sum and cards', async () => {
    const board = (await s.call<Board>('GET', `/api/deals/board?clientId=${listClient}`, { as: 'seller2' })).body;
    expect(board.columns.map((c) => [c.stage.code, c.count, c.amount, c.items.map((d) => d.title).sort()])).toEqual([
      ['demonstration', 2, 25_000_000, ['Витрина для рыбы', 'Ларь для кафе']],
      ['proposal', 0, 0, []],
      ['decision', 1, 45_000_000, ['Камера на склад']],
      ['contract', 0, 0, []],
      ['handoff', 1, 9_000_000, ['Шкаф для напитков']],
    ]);
    const capped = (await s.call<Board>('GET', `/api/deals/board?clientId=${listClient}&cards=1`, { as: 'seller2' })).body.columns[0]!;
    expect([capped.count, capped.amount, capped.items.length]).toEqual([2, 25_000_000, 1]);
  });

  it('the whole board agrees with the list: each column\'s count is the open deals the person sees in that stage', async () => {
    const board = (await s.call<Board>('GET', '/api/deals/board', { as: 'seller2' })).body;
    for (const c of board.columns) {
      const page = (await list('seller2', `?status=open&stageId=${c.stage.id}&limit=200`)).body;
      expect(c.count, c.stage.code).toBe(page.total);
      expect(c.amount, c.stage.code).toBe(page.items.reduce((sum, d) => sum + d.amount, 0));
    }
  });
});

describe('who sees and changes a deal', () => {
  let deal: Deal;
  beforeAll(async () => {
    deal = (await create('seller1', { clientId, title: 'Видимость', amount: 100_000 })).body;
  });

  it('whoever sees the client sees the deal; others get 404 and do not list it', async () => {
    for (const who of ['seller1', 'sales.head', 'director', 'admin', 'quality']) expect((await get(who, deal.id)).status, who).toBe(200);
    for (const who of ['seller2', 'engineer1', 'designer']) expect((await get(who, deal.id)).status, who).toBe(404);
    expect((await list('seller2', `?clientId=${clientId}`)).body.total).toBe(0);
    const board = (await s.call<Board>('GET', `/api/deals/board?clientId=${clientId}`, { as: 'seller2' })).body;
    expect(board.columns.every((c) => c.count === 0 && c.amount === 0)).toBe(true);
  });

  it('a deal of a client you cannot see is 404 on create, change and close; nothing changes', async () => {
    expect((await create('seller2', { clientId, title: 'Чужой клиент' })).status).toBe(404);
    expect((await patch('seller2', deal.id, { version: 1, title: 'Чужая' })).status).toBe(404);
    expect((await close('seller2', deal.id, { outcome: 'won' })).status).toBe(404);
    expect((await get('seller1', deal.id)).body).toMatchObject({ title: 'Видимость', status: 'open', version: 1 });
  });

  it('the quality officer reads but may not change; the owner\'s manager may', async () => {
    expect((await get('quality', deal.id)).body.rights.write).toBe(false);
    expect((await patch('quality', deal.id, { version: 1, title: 'Качество' })).status).toBe(403);
    expect((await close('quality', deal.id, { outcome: 'won' })).status).toBe(403);
    expect((await create('quality', { clientId, title: 'От качества' })).status).toBe(403);
    expect((await patch('sales.head', deal.id, { version: 1, probability: 60 })).body).toMatchObject({ probability: 60, version: 2 });
  });

  it('the owner may be the client\'s owner, yourself or one of your reports only', async () => {
    expect((await create('seller1', { clientId, title: 'Чужому', ownerId: id['seller2'] })).status).toBe(403);
    expect((await create('sales.head', { clientId, title: 'Продавцу 2', ownerId: id['seller2'] })).body.owner.id).toBe(id['seller2']);
  });
});

describe('bad input is named by field', () => {
  let deal: Deal;
  beforeAll(async () => {
    deal = (await create('seller1', { clientId, title: 'Для проверок' })).body;
  });

  it.each([
    ['GET /api/deals', () => list('seller1', '?amountMin=-1'), ['query.amountMin']],
    ['GET /api/deals (sort)', () => list('seller1', '?sort=price'), ['query.sort']],
    ['GET /api/deals/board', () => s.call<Problem>('GET', '/api/deals/board?cards=1000', { as: 'seller1' }), ['query.cards']],
    ['POST /api/deals', () => create('seller1', { clientId, title: '   ' }), ['title']],
    ['POST /api/deals (lines)', () => create('seller1', { clientId, title: 'X', lines: [{ name: 'Ларь', quantity: 0, price: 1 }] }), ['lines[0].quantity']],
    ['POST /api/deals (date)', () => create('seller1', { clientId, title: 'X', plannedCloseDate: '2026-13-01' }), ['plannedCloseDate']],
    ['GET /api/deals/{id}', () => get('seller1', 'not-a-uuid'), ['param.id']],
    ['PATCH /api/deals/{id}', () => patch('seller1', deal.id, { version: 1, probability: 101 }), ['probability']],
    ['PATCH /api/deals/{id} (no version)', () => patch('seller1', deal.id, { title: 'X' }), ['version']],
    ['POST /api/deals/{id}/close', () => close('seller1', deal.id, { outcome: 'maybe' }), ['outcome']],
    ['POST /api/deals/{id}/close (reason)', () => close('seller1', deal.id, { outcome: 'lost', reason: 'moon' }), ['reason']],
    ['POST /api/deal-stages', () => s.call<Problem>('POST', '/api/deal-stages', { as: 'admin', body: { code: 'Этап 1', name: 'Этап', probability: 10 } }), ['code']],
    ['PATCH /api/deal-stages/{id}', () => s.call<Problem>('PATCH', `/api/deal-stages/${stage('decision').id}`, { as: 'admin', body: { probability: 200 } }), ['probability']],
    ['DELETE /api/deal-stages/{id}', () => s.call<Problem>('DELETE', '/api/deal-stages/nope', { as: 'admin' }), ['param.id']],
  ] as const)('%s', async (_name, run, want) => {
    const res = await run();
    expect(res.status).toBe(400);
    expect(paths(res)).toEqual(want);
  });

  it('an unknown stage is 422 naming stageId', async () => {
    const res = await create('seller1', { clientId, title: 'X', stageId: crypto.randomUUID() });
    expect(res.status).toBe(422);
    expect(paths(res)).toEqual(['stageId']);
  });
});

describe('the audit log', () => {
  it('records opening, changing and closing a deal, and pipeline edits', async () => {
    const d = (await create('seller1', { clientId, title: 'Аудит', amount: 500 })).body;
    await patch('seller1', d.id, { version: 1, stageId: stage('decision').id });
    await close('seller1', d.id, { outcome: 'lost', reason: 'competitor' });
    const entries = await s.em().find(AuditEntry, { targetId: d.id }, { orderBy: { at: 'asc', id: 'asc' } });
    expect(entries.map((e) => [e.action, e.actor, e.targetType])).toEqual([
      ['deal.create', id['seller1'], 'deal'],
      ['deal.update', id['seller1'], 'deal'],
      ['deal.close', id['seller1'], 'deal'],
    ]);
    expect(entries[1]!.details).toMatchObject({ fields: ['stageId'], stageId: stage('decision').id });
    expect(entries[2]!.details).toEqual({ outcome: 'lost', reason: 'competitor', lostAtStage: 'decision' });
    const st = (await s.call<Stage>('POST', '/api/deal-stages', { as: 'admin', body: { code: 'audit-trail', name: 'Временный', probability: 5 } })).body;
    await s.call('DELETE', `/api/deal-stages/${st.id}`, { as: 'admin' });
    expect((await s.em().find(AuditEntry, { targetId: st.id }, { orderBy: { at: 'asc', id: 'asc' } })).map((e) => e.action)).toEqual(['deal-stage.create', 'deal-stage.delete']);
  });
});
