// Records the sales report tests make through the API, the way people would: a client, a deal,
// an invoice and its payments. Test support only (imported by *.test.ts).
import { expect } from 'vitest';
import { demoEmail } from '../../../infra/db/demo-data.ts';
import type { TestStack } from '../../../infra/testing/stack.ts';

export async function employeeId(s: TestStack, key: string): Promise<string> {
  const rows = await s.em().getConnection().execute<{ id: string }[]>('select id from employee where email = ?', [demoEmail(key)]);
  return rows[0]!.id;
}

export async function newClient(s: TestStack, as: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await s.call<{ id: string }>('POST', '/api/clients', { as, body: { name: `Report ${crypto.randomUUID()}`, kind: 'person', ...extra } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

export async function newDeal(s: TestStack, as: string, body: Record<string, unknown>): Promise<string> {
  const res = await s.call<{ id: string }>('POST', '/api/deals', { as, body: { title: `Report deal ${crypto.randomUUID()}`, startRoute: false, ...body } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

export async function pay(s: TestStack, as: string, opts: { clientId: string; dealId?: string; amount: number; paidOn: string; issueDate?: string }): Promise<string> {
  const inv = await s.call<{ id: string }>('POST', '/api/invoices', { as, body: { clientId: opts.clientId, dealId: opts.dealId ?? null, amount: opts.amount, issueDate: opts.issueDate ?? opts.paidOn, dueDate: opts.paidOn } });
  expect(inv.status, JSON.stringify(inv.body)).toBe(201);
  const p = await s.call('POST', `/api/invoices/${inv.body.id}/payments`, { as, body: { paidOn: opts.paidOn, amount: opts.amount, documentNumber: `ПП-${crypto.randomUUID().slice(0, 8)}` } });
  expect(p.status, JSON.stringify(p.body)).toBe(201);
  return inv.body.id;
}

export async function stageIds(s: TestStack): Promise<Record<string, string>> {
  const rows = await s.em().getConnection().execute<{ id: string; code: string }[]>('select id, code from deal_stage');
  return Object.fromEntries(rows.map((r) => [r.code, r.id]));
}
