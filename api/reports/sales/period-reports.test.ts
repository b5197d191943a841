// The at-any-moment activity report and the monthly report over records made through the API,
// read as the director would: differences before and after a seller's day of work.
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

interface Activity { rows: { employee: { id: string }; kind: string; done: number; overdue: number; planned: number }[]; totals: { employee: { id: string }; done: number; overdue: number; planned: number }[] }
interface Monthly {
  month: string;
  rows: { employee: { id: string; fullName: string }; newInterests: number; proposals: number; proposalsAmount: number; plan: number | null; fact: number; fulfilment: number | null }[];
  salesFunnel: { stage: { code: string }; entered: number; wentOn: number; conversion: number }[];
  activityFunnel: { step: string; count: number; conversion: number }[];
}

const today = dayIn('Europe/Moscow', new Date());
const month = today.slice(0, 7);
const at = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

describe('activity report', () => {
  it('counts a seller\'s done, overdue and planned contacts by kind', async () => {
    const q = `/api/reports/activity?from=${today}&to=${today}&employeeId=${seller3}`;
    const before = await s.call<Activity>('GET', q, { as: 'director' });
    expect(before.status, JSON.stringify(before.body)).toBe(200);
    const client = await newClient(s, 'seller3');
    const add = async (body: Record<string, unknown>) => expect((await s.call('POST', '/api/interactions', { as: 'seller3', body: { clientId: client, ...body } })).status).toBe(201);
    await add({ kind: 'call', at: at(-3), status: 'done', report: 'Обсудили витрины' });
    await add({ kind: 'call', at: at(-2), status: 'done', report: 'Перезвонили' });
    await add({ kind: 'call', at: at(-1), status: 'planned' }); // its time passed: overdue
    await add({ kind: 'meeting', at: at(2), status: 'planned' });
    const after = (await s.call<Activity>('GET', q, { as: 'sales.head' })).body;
    const row = (r: Activity, kind: string) => r.rows.find((x) => x.kind === kind) ?? { done: 0, overdue: 0, planned: 0 };
    expect(row(after, 'call').done - row(before.body, 'call').done).toBe(2);
    expect(row(after, 'call').overdue - row(before.body, 'call').overdue).toBe(1);
    expect(row(after, 'meeting').planned - row(before.body, 'meeting').planned).toBe(1);
    expect(after.totals).toHaveLength(1);
    expect(after.totals[0]!.employee.id).toBe(seller3);
  });

  it('refuses a seller, someone outside the head\'s people, a reversed and an over-long period', async () => {
    expect((await s.call('GET', '/api/reports/activity', { as: 'seller3' })).status).toBe(403);
    const engineer = await employeeId(s, 'engineer1');
    expect((await s.call('GET', `/api/reports/activity?employeeId=${engineer}`, { as: 'sales.head' })).status).toBe(403);
    const reversed = await s.call('GET', '/api/reports/activity?from=2026-03-01&to=2026-02-01', { as: 'director' });
    expect(reversed.status).toBe(400);
    expect(JSON.stringify(reversed.body)).toContain('from');
    expect((await s.call('GET', '/api/reports/activity?from=2020-01-01&to=2026-01-01', { as: 'director' })).status).toBe(400);
    expect(JSON.stringify((await s.call('GET', '/api/reports/activity?to=2026-02-30', { as: 'director' })).body)).toContain('to');
  });
});

describe('monthly report', () => {
  it('shows a seller\'s new interest, proposal, plan against payments and the deal through both funnels', async () => {
    const q = `/api/reports/monthly?month=${month}&employeeId=${seller3}`;
    const before = (await s.call<Monthly>('GET', q, { as: 'director' })).body;
    const mine = (r: Monthly) => r.rows.find((x) => x.employee.id === seller3) ?? { newInterests: 0, proposals: 0, proposalsAmount: 0, plan: null, fact: 0, fulfilment: null };
    const funnel = (r: Monthly, code: string) => r.salesFunnel.find((x) => x.stage.code === code)!;
    const step = (r: Monthly, name: string) => r.activityFunnel.find((x) => x.step === name)!.count;
    const stages = await stageIds(s);

    expect((await s.call('PUT', '/api/sales-plans', { as: 'director', body: { plans: [{ employeeId: seller3, month, amount: 2_000_000 }] } })).status).toBe(200);
    const client = await newClient(s, 'seller3', { interest: 'Холодильные витрины для сети магазинов' });
    const deal = await newDeal(s, 'seller3', { clientId: client, amount: 800_000, stageId: stages.demonstration });
    let version = 1;
    for (const code of ['proposal', 'decision', 'contract']) {
      const moved = await s.call<{ version: number }>('PATCH', `/api/deals/${deal}`, { as: 'seller3', body: { version, stageId: stages[code] } });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      version = moved.body.version;
    }
    expect((await s.call('POST', `/api/deals/${deal}/close`, { as: 'seller3', body: { outcome: 'won' } })).status).toBe(200);
    await pay(s, 'seller3', { clientId: client, dealId: deal, amount: 500_000, paidOn: today });

    const after = (await s.call<Monthly>('GET', q, { as: 'sales.head' })).body;
    expect(after.month).toBe(month);
    expect(mine(after).newInterests - mine(before).newInterests).toBe(1);
    expect(mine(after).proposals - mine(before).proposals).toBe(1);
    expect(mine(after).proposalsAmount - mine(before).proposalsAmount).toBe(800_000);
    expect(mine(after).plan).toBe(2_000_000);
    expect(mine(after).fact - mine(before).fact).toBe(500_000);
    expect(mine(after).fulfilment).toBeCloseTo(mine(after).fact / 2_000_000, 4);
    for (const code of ['demonstration', 'proposal', 'decision', 'contract']) {
      expect(funnel(after, code).entered - funnel(before, code).entered, code).toBe(1);
      expect(funnel(after, code).wentOn - funnel(before, code).wentOn, code).toBe(1);
    }
    expect(step(after, 'proposals') - step(before, 'proposals')).toBe(1);
    expect(step(after, 'contracts') - step(before, 'contracts')).toBe(1);
    expect(step(after, 'won') - step(before, 'won')).toBe(1);
    expect(after.activityFunnel.map((r) => r.step)).toEqual(['contacts', 'meetings', 'proposals', 'contracts', 'won']);
  });

  it('refuses a seller and a bad month by name', async () => {
    expect((await s.call('GET', '/api/reports/monthly', { as: 'seller1' })).status).toBe(403);
    const bad = await s.call('GET', '/api/reports/monthly?month=2026-13', { as: 'director' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('month');
  });
});
