// The managers' report as the director reads it: won and lost with the win rate and refusal
// reasons, revenue against the plan with the tiered commission, and norms against the working
// days of a month with a public holiday (March 2024: 21 weekdays, 8 March off = 20 working days).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayIn } from '../../../domain/invoices/company-today.ts';
import { startTestStack, type TestStack } from '../../../infra/testing/stack.ts';
import { employeeId, newClient, newDeal, pay, stageIds } from './test-records.ts';

let s: TestStack;
let seller3: string;
beforeAll(async () => {
  s = await startTestStack();
  seller3 = await employeeId(s, 'seller3');
});
afterAll(async () => s?.close());

interface Managers {
  workingDays: number;
  rows: { employee: { id: string }; won: number; lost: number; winRate: number | null; avgDurationDays: number | null; stuck: number; revenue: number; plan: number | null; commission: number }[];
  refusals: { reason: string; count: number; share: number; byStage: { stage: { code: string }; count: number }[] }[];
  norms: { kind: string; perDay: number; fact: number; share: number }[];
}
const today = dayIn('Europe/Moscow', new Date());

describe('managers report', () => {
  it('pays 3 % up to the plan and 5 % above, and sets calls and proposals against the norm per working day', async () => {
    expect((await s.call('PUT', '/api/settings/reports', { as: 'director', body: { norms: { call: 2, proposal: 1 }, commission: { tiers: [{ fromShare: 0, percent: 3 }, { fromShare: 1, percent: 5 }] } } })).status).toBe(200);
    expect((await s.call('PUT', '/api/sales-plans', { as: 'director', body: { plans: [{ employeeId: seller3, month: '2024-03', amount: 100_000_000 }] } })).status).toBe(200);
    const client = await newClient(s, 'seller3');
    // 1 200 000,00 ₽ received in March 2024 against a plan of 1 000 000,00 ₽.
    await pay(s, 'seller3', { clientId: client, amount: 120_000_000, paidOn: '2024-03-15' });
    for (const day of ['04', '05', '06', '07']) {
      expect((await s.call('POST', '/api/interactions', { as: 'seller3', body: { clientId: client, kind: 'call', at: `2024-03-${day}T08:00:00.000Z`, status: 'done', report: 'Звонок' } })).status).toBe(201);
    }
    const r = await s.call<Managers>('GET', `/api/reports/managers?from=2024-03-01&to=2024-03-31&employeeId=${seller3}`, { as: 'director' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.workingDays).toBe(20);
    const row = r.body.rows.find((x) => x.employee.id === seller3)!;
    expect(row.revenue).toBe(120_000_000);
    expect(row.plan).toBe(100_000_000);
    // 3 % of 1 000 000 + 5 % of 200 000 = 40 000,00 ₽.
    expect(row.commission).toBe(4_000_000);
    // 4 calls over 20 working days = 0.2 a day of 2 = 10 %; no proposals: 0.
    expect(r.body.norms).toEqual([{ kind: 'call', perDay: 2, fact: 0.2, share: 0.1 }, { kind: 'proposal', perDay: 1, fact: 0, share: 0 }]);
  });

  it('counts won and lost deals with the win rate, and the refusal by reason and stage', async () => {
    const q = `/api/reports/managers?from=${today}&to=${today}&employeeId=${seller3}`;
    const before = (await s.call<Managers>('GET', q, { as: 'sales.head' })).body;
    const stages = await stageIds(s);
    const client = await newClient(s, 'seller3');
    const won = await newDeal(s, 'seller3', { clientId: client, amount: 100_000, stageId: stages.contract });
    const lost = await newDeal(s, 'seller3', { clientId: client, amount: 100_000, stageId: stages.decision });
    expect((await s.call('POST', `/api/deals/${won}/close`, { as: 'seller3', body: { outcome: 'won' } })).status).toBe(200);
    expect((await s.call('POST', `/api/deals/${lost}/close`, { as: 'seller3', body: { outcome: 'lost', reason: 'price' } })).status).toBe(200);
    const after = (await s.call<Managers>('GET', q, { as: 'sales.head' })).body;
    const mine = (m: Managers) => m.rows.find((x) => x.employee.id === seller3) ?? { won: 0, lost: 0, winRate: null, avgDurationDays: null };
    expect(mine(after).won - mine(before).won).toBe(1);
    expect(mine(after).lost - mine(before).lost).toBe(1);
    expect(mine(after).winRate).toBeCloseTo(mine(after).won / (mine(after).won + mine(after).lost), 4);
    expect(mine(after).avgDurationDays).not.toBeNull();
    const price = (m: Managers) => m.refusals.find((x) => x.reason === 'price') ?? { count: 0, byStage: [] };
    expect(price(after).count - price(before).count).toBe(1);
    const atDecision = (m: Managers) => price(m).byStage.find((b) => b.stage.code === 'decision')?.count ?? 0;
    expect(atDecision(after) - atDecision(before)).toBe(1);
    expect(after.refusals.reduce((t, x) => t + x.share, 0)).toBeCloseTo(1, 2);
  });

  it('refuses a seller, a filter outside the head\'s people, and a bad period by name', async () => {
    expect((await s.call('GET', '/api/reports/managers', { as: 'seller2' })).status).toBe(403);
    const engineer = await employeeId(s, 'engineer2');
    expect((await s.call('GET', `/api/reports/managers?employeeId=${engineer}`, { as: 'sales.head' })).status).toBe(403);
    const bad = await s.call('GET', '/api/reports/managers?from=yesterday', { as: 'director' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('from');
  });
});
