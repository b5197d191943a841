// Sales plans entered by a head for his people and by the director, and the report settings
// (norms, commission rule) kept by management: what they see back, who is refused, the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../../../infra/testing/stack.ts';
import { employeeId } from './test-records.ts';

let s: TestStack;
beforeAll(async () => {
  s = await startTestStack();
});
afterAll(async () => s?.close());

interface Plans { month: string; items: { employee: { id: string; fullName: string }; amount: number | null }[] }

describe('sales plans', () => {
  it('a head plans his sellers\' month, sees them back, and the change is in the audit log', async () => {
    const [seller1, seller2] = [await employeeId(s, 'seller1'), await employeeId(s, 'seller2')];
    const put = await s.call('PUT', '/api/sales-plans', { as: 'sales.head', body: { plans: [{ employeeId: seller1, month: '2026-12', amount: 150_000_000 }, { employeeId: seller2, month: '2026-12', amount: 90_000_000 }] } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    // Changed again by the director: the last figure stands.
    expect((await s.call('PUT', '/api/sales-plans', { as: 'director', body: { plans: [{ employeeId: seller2, month: '2026-12', amount: 95_000_000 }] } })).status).toBe(200);
    const list = (await s.call<Plans>('GET', '/api/sales-plans?month=2026-12', { as: 'sales.head' })).body;
    expect(list.items.find((r) => r.employee.id === seller1)?.amount).toBe(150_000_000);
    expect(list.items.find((r) => r.employee.id === seller2)?.amount).toBe(95_000_000);
    // A seller without a plan is listed with none (seller3).
    const seller3 = await employeeId(s, 'seller3');
    expect(list.items.find((r) => r.employee.id === seller3)?.amount).toBeNull();
    const audit = await s.call<{ items: { action: string }[] }>('GET', '/api/audit?action=sales-plan.save', { as: 'admin' });
    expect(audit.body.items.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a plan for someone else\'s people, for himself, and bad rows by their field', async () => {
    const engineer = await employeeId(s, 'engineer1');
    const head = await employeeId(s, 'sales.head');
    const seller1 = await employeeId(s, 'seller1');
    const other = await s.call<{ errors?: { path: string }[] }>('PUT', '/api/sales-plans', { as: 'sales.head', body: { plans: [{ employeeId: seller1, month: '2026-12', amount: 1 }, { employeeId: engineer, month: '2026-12', amount: 1 }] } });
    expect(other.status).toBe(403);
    expect(JSON.stringify(other.body)).toContain('plans[1].employeeId');
    expect((await s.call('PUT', '/api/sales-plans', { as: 'sales.head', body: { plans: [{ employeeId: head, month: '2026-12', amount: 1 }] } })).status).toBe(403);
    expect((await s.call('PUT', '/api/sales-plans', { as: 'seller1', body: { plans: [{ employeeId: seller1, month: '2026-12', amount: 1 }] } })).status).toBe(403);
    const bad = await s.call('PUT', '/api/sales-plans', { as: 'director', body: { plans: [{ employeeId: seller1, month: '2026-13', amount: -5 }] } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/plans\[0\]\.month/);
    expect(JSON.stringify(bad.body)).toMatch(/plans\[0\]\.amount/);
    // Nothing of the refused rows was saved.
    const list = (await s.call<Plans>('GET', '/api/sales-plans?month=2026-12', { as: 'director' })).body;
    expect(list.items.find((r) => r.employee.id === seller1)?.amount ?? null).not.toBe(1);
    expect((await s.call('GET', '/api/sales-plans?month=12-2026', { as: 'director' })).status).toBe(400);
  });
});

describe('report settings', () => {
  it('management changes the norms and the commission tiers; the defaults come first', async () => {
    const first = await s.call<{ norms: Record<string, number>; commission: { tiers: unknown[] }; updatedAt: string | null }>('GET', '/api/settings/reports', { as: 'director' });
    expect(first.status).toBe(200);
    expect(first.body.commission.tiers.length).toBeGreaterThan(0);
    const body = { norms: { call: 25, proposal: 30 }, commission: { tiers: [{ fromShare: 1, percent: 5 }, { fromShare: 0, percent: 3 }] } };
    const put = await s.call<{ norms: Record<string, number>; commission: { tiers: { fromShare: number }[] }; updatedAt: string }>('PUT', '/api/settings/reports', { as: 'director', body });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.norms).toEqual({ call: 25, proposal: 30 });
    expect(put.body.commission.tiers.map((t) => t.fromShare)).toEqual([0, 1]);
    expect(put.body.updatedAt).not.toBeNull();
    const audit = await s.call<{ items: unknown[] }>('GET', '/api/audit?action=settings.reports', { as: 'admin' });
    expect(audit.body.items.length).toBe(1);
  });

  it('refuses heads and sellers, and a rule with no tier from 0 by its field', async () => {
    expect((await s.call('GET', '/api/settings/reports', { as: 'sales.head' })).status).toBe(403);
    expect((await s.call('PUT', '/api/settings/reports', { as: 'seller1', body: { norms: {}, commission: { tiers: [{ fromShare: 0, percent: 3 }] } } })).status).toBe(403);
    const bad = await s.call('PUT', '/api/settings/reports', { as: 'admin', body: { norms: { call: -1 }, commission: { tiers: [{ fromShare: 1, percent: 3 }] } } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/norms\.call/);
    expect(JSON.stringify(bad.body)).toMatch(/commission\.tiers\[0\]\.fromShare/);
  });
});
