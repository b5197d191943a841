// The director's daily report over records made through the API: what came in today and this
// month, what the open deals are worth weighted by probability and when they are planned to
// close, and how the open deals stand by stage. A head reads his own people only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../domain/reports/sales/period.ts';
import { dayIn } from '../../../domain/invoices/company-today.ts';
import { startTestStack, type TestStack } from '../../../infra/testing/stack.ts';
import { employeeId, newClient, newDeal, pay, stageIds } from './test-records.ts';

interface Daily {
  date: string;
  revenue: { day: number; monthToDate: number; byDay: { date: string; amount: number }[] };
  expected: { weighted: number; total: number; byMonth: { month: string; deals: number; total: number; weighted: number }[] };
  openByStage: { stage: { code: string; name: string; nameEn: string | null }; deals: number; amount: number; weighted: number }[];
}

let s: TestStack;
const today = dayIn('Europe/Moscow', new Date());
const monthAfter = addDays(`${today.slice(0, 7)}-01`, 40).slice(0, 7);

beforeAll(async () => {
  s = await startTestStack();
});
afterAll(async () => s?.close());

const daily = async (as: string, query = '') => s.call<Daily>('GET', `/api/reports/daily?date=${today}${query}`, { as });
const bucket = (r: Daily, month: string) => r.expected.byMonth.find((b) => b.month === month) ?? { deals: 0, total: 0, weighted: 0 };
const stage = (r: Daily, code: string) => r.openByStage.find((b) => b.stage.code === code)!;

describe('daily report', () => {
  it('adds today\'s payments, the weighted open deals by planned month and the open deals by stage', async () => {
    const seller2 = await employeeId(s, 'seller2');
    const before = await daily('director');
    const mineBefore = await daily('director', `&employeeId=${seller2}`);
    expect(before.status, JSON.stringify(before.body)).toBe(200);
    const stages = await stageIds(s);

    const client = await newClient(s, 'seller2');
    // 10 000,00 ₽ at 40 % planned for next month; 5 000,00 ₽ at 15 % whose planned day has passed.
    const planned = await newDeal(s, 'seller2', { clientId: client, amount: 1_000_000, probability: 40, plannedCloseDate: `${monthAfter}-10`, stageId: stages.decision });
    await newDeal(s, 'seller2', { clientId: client, amount: 500_000, probability: 15, plannedCloseDate: addDays(today, -1), stageId: stages.decision });
    // 3 000,00 ₽ paid today against the first deal, 1 234,56 ₽ today for an invoice with no deal.
    await pay(s, 'seller2', { clientId: client, dealId: planned, amount: 300_000, paidOn: today });
    await pay(s, 'seller2', { clientId: client, amount: 123_456, paidOn: today });

    const after = (await daily('director')).body;
    expect(after.date).toBe(today);
    expect(after.revenue.day - before.body.revenue.day).toBe(423_456);
    expect(after.revenue.monthToDate - before.body.revenue.monthToDate).toBe(423_456);
    expect(after.revenue.byDay.at(-1)).toEqual({ date: today, amount: after.revenue.day });
    expect(after.revenue.byDay[0]!.date).toBe(`${today.slice(0, 7)}-01`);
    expect(after.expected.total - before.body.expected.total).toBe(1_500_000);
    // 400 000 + 75 000 kopecks.
    expect(after.expected.weighted - before.body.expected.weighted).toBe(475_000);
    expect(bucket(after, monthAfter).weighted - bucket(before.body, monthAfter).weighted).toBe(400_000);
    expect(bucket(after, 'overdue').deals - bucket(before.body, 'overdue').deals).toBe(1);
    expect(bucket(after, 'overdue').weighted - bucket(before.body, 'overdue').weighted).toBe(75_000);
    expect(after.expected.byMonth[0]!.month).toBe('overdue');
    expect(stage(after, 'decision').deals - stage(before.body, 'decision').deals).toBe(2);
    expect(stage(after, 'decision').amount - stage(before.body, 'decision').amount).toBe(1_500_000);
    expect(stage(after, 'decision').stage.nameEn).toBe('Decision');
    expect(after.openByStage.map((r) => r.stage.code)).toEqual(['demonstration', 'proposal', 'decision', 'contract', 'handoff']);

    // Filtered to seller2 the same differences show; the stage table sums to the expected total.
    const mine = (await daily('director', `&employeeId=${seller2}`)).body;
    expect(mine.revenue.day - mineBefore.body.revenue.day).toBe(423_456);
    expect(mine.openByStage.reduce((t, r) => t + r.amount, 0)).toBe(mine.expected.total);
    expect(mine.expected.total).toBeLessThan(after.expected.total);
  });

  it('shows a head his own people only: the director\'s own deal is not in the head of sales\' report', async () => {
    const head = (await daily('sales.head')).body;
    const director = await employeeId(s, 'director');
    const client = await newClient(s, 'director');
    await newDeal(s, 'director', { clientId: client, amount: 7_000_000, probability: 50, ownerId: director });
    expect((await daily('sales.head')).body.expected.total).toBe(head.expected.total);
    const mine = await daily('director', `&employeeId=${director}`);
    expect(mine.body.expected.total).toBeGreaterThanOrEqual(7_000_000);
  });

  it('refuses sellers, people outside the reader\'s team and bad parameters', async () => {
    expect((await daily('seller1')).status).toBe(403);
    const engineer = await employeeId(s, 'engineer1');
    const outside = await daily('sales.head', `&employeeId=${engineer}`);
    expect(outside.status).toBe(403);
    const bad = await s.call<{ errors: { path: string }[] }>('GET', '/api/reports/daily?date=2026-13-01', { as: 'director' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('date');
    const badId = await s.call('GET', '/api/reports/daily?departmentId=nope', { as: 'director' });
    expect(badId.status).toBe(400);
    expect(JSON.stringify(badId.body)).toContain('departmentId');
  });
});
