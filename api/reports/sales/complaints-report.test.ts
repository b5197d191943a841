// The complaints report as management reads it: open complaints by status, those decided in the
// period with their handling time in working time, and the decisions taken.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayIn } from '../../../domain/invoices/company-today.ts';
import { startTestStack, type TestStack } from '../../../infra/testing/stack.ts';
import { employeeId, newClient } from './test-records.ts';

let s: TestStack;
beforeAll(async () => {
  s = await startTestStack();
});
afterAll(async () => s?.close());

interface Report {
  open: { status: string; count: number; overdue: number }[];
  handling: { decided: number; medianMs: number | null; averageMs: number | null; withinSla: number | null };
  decisions: { kind: string; count: number; share: number }[];
}
const today = dayIn('Europe/Moscow', new Date());

describe('complaints report', () => {
  it('counts a newly registered complaint as open and a decided one with its handling time and decision', async () => {
    const seller3 = await employeeId(s, 'seller3');
    const q = `/api/reports/complaints?from=${today}&to=${today}&employeeId=${seller3}`;
    const before = await s.call<Report>('GET', q, { as: 'director' });
    expect(before.status, JSON.stringify(before.body)).toBe(200);
    const client = await newClient(s, 'seller3');
    const register = async () => {
      const r = await s.call<{ id: string; version: number }>('POST', '/api/complaints', { as: 'quality', body: { source: 'phone', subject: 'Витрина не холодит', text: 'Температура +12', clientId: client } });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body;
    };
    await register();
    const second = await register();
    const decided = await s.call('POST', `/api/complaints/${second.id}/decision`, { as: 'quality', body: { version: second.version, kind: 'partly', text: 'Заменим компрессор за наш счёт' } });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);

    const after = (await s.call<Report>('GET', q, { as: 'director' })).body;
    const registered = (r: Report) => r.open.find((x) => x.status === 'registered')!.count;
    expect(registered(after) - registered(before.body)).toBe(1);
    expect(after.handling.decided - before.body.handling.decided).toBe(1);
    expect(after.handling.medianMs).not.toBeNull();
    // Decided within minutes of coming in: in time.
    expect(after.handling.withinSla).toBeGreaterThan(0);
    const partly = (r: Report) => r.decisions.find((x) => x.kind === 'partly')!.count;
    expect(partly(after) - partly(before.body)).toBe(1);
    expect(after.decisions.map((d) => d.kind)).toEqual(['satisfied', 'partly', 'refused']);
  });

  it('refuses a seller, the quality officer (not a head), and a reversed period', async () => {
    expect((await s.call('GET', '/api/reports/complaints', { as: 'seller1' })).status).toBe(403);
    expect((await s.call('GET', '/api/reports/complaints', { as: 'quality' })).status).toBe(403);
    const bad = await s.call('GET', '/api/reports/complaints?from=2026-05-02&to=2026-05-01', { as: 'director' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('from');
  });
});
