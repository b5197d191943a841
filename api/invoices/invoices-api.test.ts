// Invoices through the API on the real database: numbering per year; statuses derived on a fixed
// day (asOf) in the list, its filters and sums; payments, the overpayment refusal and the same
// document twice; an integration key with and without the payments scope; the schedule;
// receivables per client by hand-computed figures; who sees and who changes an invoice; bad input
// named by field; the audit rows; and what a route may set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry, Employee } from '../../domain/entities/index.ts';
import { invoiceRouteUpdates } from '../../domain/invoices/route-updates.ts';
import { demoEmail } from '../../infra/db/demo-data.ts';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';

type Invoice = {
  id: string; number: string; amount: number; paid: number; outstanding: number; status: string; dueDate: string; issueDate: string; version: number;
  client: { id: string }; deal: { id: string } | null; lines: unknown[]; schedule: { dueOn: string; amount: number }[];
  payments: { amount: number; documentNumber: string; overpayment: boolean; recordedBy: { id: string } | null; integration: { name: string } | null }[];
  cancelReason: string | null; reminderCalledAt: string | null; paymentPromisedOn: string | null; rights: { write: boolean; pay: boolean };
};
type Problem = { status: number; detail: string; problems?: { path: string; message: string }[]; current?: Invoice; left?: number; existing?: { amount: number } };
type Page = { items: Invoice[]; total: number; sums: { amount: number; paid: number; outstanding: number; overdue: number } };
type Receivable = { client: { id: string; name: string }; outstanding: number; overdue: number; oldestOverdueDue: string | null; invoices: number };
type Paid = { payment: { id: string; amount: number }; invoice: { status: string; paid: number; outstanding: number } };

let s: TestStack;
const id: Record<string, string> = {};
const tag = crypto.randomUUID().slice(0, 8);

const newClient = async (as: string, name: string) => {
  const res = await s.call<{ id: string }>('POST', '/api/clients', { as, body: { name: `${name} ${tag}`, kind: 'person' } });
  expect(res.status).toBe(201);
  return res.body.id;
};
const create = (as: string, body: Record<string, unknown>) => s.call<Invoice & Problem>('POST', '/api/invoices', { as, body });
const get = (as: string, invoiceId: string) => s.call<Invoice & Problem>('GET', `/api/invoices/${invoiceId}`, { as });
const pay = (as: string, invoiceId: string, body: Record<string, unknown>) => s.call<Paid & Problem>('POST', `/api/invoices/${invoiceId}/payments`, { as, body });
const list = (as: string, query: string) => s.call<Page & Problem>('GET', `/api/invoices?${query}`, { as });
const paths = (res: { body: Problem }) => res.body.problems?.map((p) => p.path);

async function issue(as: string, body: Record<string, unknown>): Promise<Invoice> {
  const res = await create(as, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

let clientA: string;
let clientB: string;

beforeAll(async () => {
  s = await startTestStack();
  for (const key of ['seller1', 'seller2', 'sales.head', 'assistant']) id[key] = (await s.em().findOneOrFail(Employee, { email: demoEmail(key) })).id;
  clientA = await newClient('seller2', 'Счётный А');
  clientB = await newClient('seller2', 'Счётный Б');
});
afterAll(async () => s?.close());

describe('the demo company', () => {
  it('has paid, partly paid, overdue and upcoming invoices, and clients owing money', async () => {
    for (const status of ['paid', 'partly-paid', 'overdue', 'issued']) expect((await list('director', `status=${status}`)).body.total, status).toBeGreaterThan(0);
    const owing = await s.call<{ items: Receivable[]; total: number }>('GET', '/api/receivables?overdueOnly=true', { as: 'director' });
    expect(owing.body.total).toBeGreaterThan(0);
    expect(owing.body.items.every((r) => r.overdue > 0 && r.oldestOverdueDue !== null)).toBe(true);
    // A seller sees only their own clients' part of it.
    const mine = await s.call<{ total: number }>('GET', '/api/receivables', { as: 'seller1' });
    const all = await s.call<{ total: number }>('GET', '/api/receivables', { as: 'director' });
    expect(mine.body.total).toBeLessThan(all.body.total);
  });
});

describe('numbering', () => {
  it('numbers invoices per issue year, "<year>-0001" upwards, unless a number is given; a taken number is 409', async () => {
    const first = await issue('seller2', { clientId: clientA, amount: 1_000, issueDate: '2031-02-01', dueDate: '2031-02-10' });
    const second = await issue('seller2', { clientId: clientA, amount: 1_000, issueDate: '2031-05-01', dueDate: '2031-05-10' });
    const otherYear = await issue('seller2', { clientId: clientA, amount: 1_000, issueDate: '2032-01-03', dueDate: '2032-01-10' });
    expect([first.number, second.number, otherYear.number]).toEqual(['2031-0001', '2031-0002', '2032-0001']);
    const given = await issue('seller2', { clientId: clientA, amount: 1_000, issueDate: '2031-06-01', dueDate: '2031-06-10', number: '2031-0100' });
    expect(given.number).toBe('2031-0100');
    expect((await issue('seller2', { clientId: clientA, amount: 1_000, issueDate: '2031-07-01', dueDate: '2031-07-10' })).number).toBe('2031-0101');
    const taken = await create('seller2', { clientId: clientA, amount: 1_000, issueDate: '2031-07-01', dueDate: '2031-07-10', number: '2031-0100' });
    expect(taken.status).toBe(409);
    expect(paths(taken)).toEqual(['number']);
  });

  it('gives different numbers to invoices created at the same time', async () => {
    const made = await Promise.all(Array.from({ length: 5 }, () => issue('seller2', { clientId: clientA, amount: 1_000, issueDate: '2033-03-01', dueDate: '2033-03-10' })));
    expect(made.map((i) => i.number).sort()).toEqual(['2033-0001', '2033-0002', '2033-0003', '2033-0004', '2033-0005']);
  });
});

describe('an invoice and its payments', () => {
  let inv: Invoice;

  it('is issued with the lines\' sum and its schedule; its status is derived on the day asked', async () => {
    inv = await issue('seller2', {
      clientId: clientB, issueDate: '2026-03-01', dueDate: '2026-03-20',
      lines: [{ name: 'Витрина «Полюс»', quantity: 2, price: 18_500_000 }, { name: 'Монтаж', quantity: 1, price: 3_000_000 }],
      schedule: [{ dueOn: '2026-03-05', amount: 20_000_000 }, { dueOn: '2026-03-20', amount: 20_000_000 }],
    });
    expect(inv).toMatchObject({ amount: 40_000_000, paid: 0, outstanding: 40_000_000, schedule: [{ dueOn: '2026-03-05', amount: 20_000_000 }, { dueOn: '2026-03-20', amount: 20_000_000 }], rights: { write: true, pay: true } });
    const on = async (day: string) => (await list('seller2', `clientId=${clientB}&asOf=${day}`)).body.items.find((i) => i.id === inv.id)!.status;
    expect(await on('2026-03-20')).toBe('issued');
    expect(await on('2026-03-21')).toBe('overdue');
  });

  it('takes a part payment: partly paid before the due date, overdue after it', async () => {
    const res = await pay('seller2', inv.id, { paidOn: '2026-03-04', amount: 15_000_000, documentNumber: 'ПП-101' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.invoice).toMatchObject({ paid: 15_000_000, outstanding: 25_000_000 });
    const byStatus = async (status: string, day: string) => (await list('seller2', `clientId=${clientB}&status=${status}&asOf=${day}`)).body.items.map((i) => i.id);
    expect(await byStatus('partly-paid', '2026-03-10')).toEqual([inv.id]);
    expect(await byStatus('overdue', '2026-03-25')).toEqual([inv.id]);
    expect((await list('seller2', `clientId=${clientB}&overdue=true&asOf=2026-03-10`)).body.total).toBe(0);
  });

  it('refuses more than is left (409 saying how much), unless marked as an overpayment', async () => {
    const over = await pay('seller2', inv.id, { paidOn: '2026-03-22', amount: 30_000_000, documentNumber: 'ПП-102' });
    expect(over.status).toBe(409);
    expect(over.body.left).toBe(25_000_000);
    expect(over.body.detail).toContain('25000000');
    expect(paths(over)).toEqual(['amount']);
    expect((await get('seller2', inv.id)).body.paid).toBe(15_000_000);
    const accepted = await pay('seller2', inv.id, { paidOn: '2026-03-22', amount: 30_000_000, documentNumber: 'ПП-102', overpayment: true });
    expect(accepted.status).toBe(201);
    expect(accepted.body.invoice).toMatchObject({ status: 'paid', paid: 45_000_000, outstanding: 0 });
    const page = (await get('seller2', inv.id)).body;
    expect(page.payments.map((p) => [p.documentNumber, p.amount, p.overpayment, p.recordedBy?.id])).toEqual([
      ['ПП-101', 15_000_000, false, id['seller2']],
      ['ПП-102', 30_000_000, true, id['seller2']],
    ]);
  });

  it('refuses the same document number twice, naming the payment already recorded, and changes nothing', async () => {
    const again = await pay('sales.head', inv.id, { paidOn: '2026-03-04', amount: 15_000_000, documentNumber: 'ПП-101', overpayment: true });
    expect(again.status).toBe(409);
    expect(paths(again)).toEqual(['documentNumber']);
    expect(again.body.existing).toMatchObject({ amount: 15_000_000 });
    expect((await get('seller2', inv.id)).body.payments).toHaveLength(2);
  });

  it('is not cancelled once paid; an unpaid one is cancelled with its reason and takes no payments', async () => {
    expect((await s.call('POST', `/api/invoices/${inv.id}/cancel`, { as: 'seller2', body: { reason: 'Ошибка' } })).status).toBe(409);
    const other = await issue('seller2', { clientId: clientB, amount: 5_000, issueDate: '2026-03-01', dueDate: '2026-03-02' });
    expect(paths(await s.call<Problem>('POST', `/api/invoices/${other.id}/cancel`, { as: 'seller2', body: { reason: ' ' } }))).toEqual(['reason']);
    const cancelled = await s.call<Invoice>('POST', `/api/invoices/${other.id}/cancel`, { as: 'seller2', body: { reason: 'Выставлен повторно' } });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'Выставлен повторно', outstanding: 0 });
    expect((await pay('seller2', other.id, { paidOn: '2026-03-02', amount: 5_000, documentNumber: 'ПП-1' })).status).toBe(409);
  });
});

describe('changes', () => {
  it('a stale version is 409 with the current invoice; a draft is issued by a change; due before issue is refused', async () => {
    const draft = await issue('seller2', { clientId: clientA, amount: 9_000, issueDate: '2026-04-01', dueDate: '2026-04-30', draft: true });
    expect(draft.status).toBe('draft');
    const changed = await s.call<Invoice>('PATCH', `/api/invoices/${draft.id}`, { as: 'seller2', body: { version: 1, issue: true, amount: 12_000, paymentPromisedOn: '2026-04-25' } });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ amount: 12_000, version: 2, paymentPromisedOn: '2026-04-25' });
    expect(changed.body.status).not.toBe('draft');
    const stale = await s.call<Problem>('PATCH', `/api/invoices/${draft.id}`, { as: 'sales.head', body: { version: 1, amount: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ id: draft.id, version: 2, amount: 12_000 });
    const backwards = await s.call<Problem>('PATCH', `/api/invoices/${draft.id}`, { as: 'seller2', body: { version: 2, dueDate: '2026-03-01' } });
    expect(backwards.status).toBe(400);
    expect(paths(backwards)).toEqual(['dueDate']);
  });

  it('the schedule is replaced on the version read and may not exceed the amount', async () => {
    const inv = await issue('seller2', { clientId: clientA, amount: 10_000, issueDate: '2026-04-01', dueDate: '2026-04-30' });
    const too = await s.call<Problem>('PUT', `/api/invoices/${inv.id}/schedule`, { as: 'seller2', body: { version: 1, items: [{ dueOn: '2026-04-10', amount: 6_000 }, { dueOn: '2026-04-30', amount: 6_000 }] } });
    expect(too.status).toBe(422);
    expect(paths(too)).toEqual(['schedule']);
    const ok = await s.call<Invoice>('PUT', `/api/invoices/${inv.id}/schedule`, { as: 'seller2', body: { version: 1, items: [{ dueOn: '2026-04-10', amount: 4_000 }, { dueOn: '2026-04-30', amount: 6_000 }] } });
    expect(ok.status).toBe(200);
    expect(ok.body.schedule.map((p) => p.amount)).toEqual([4_000, 6_000]);
    expect(ok.body.version).toBe(2);
  });
});

describe('receivables', () => {
  it('per client: what is owed on issued invoices, the overdue part and its oldest due date (hand-computed)', async () => {
    const client = await newClient('seller2', 'Должник');
    await issue('seller2', { clientId: client, amount: 100_000, issueDate: '2026-03-01', dueDate: '2026-03-10' });
    const partly = await issue('seller2', { clientId: client, amount: 250_000, issueDate: '2026-04-01', dueDate: '2026-04-20' });
    expect((await pay('seller2', partly.id, { paidOn: '2026-04-02', amount: 50_000, documentNumber: '7' })).status).toBe(201);
    await issue('seller2', { clientId: client, amount: 70_000, issueDate: '2026-04-15', dueDate: '2026-06-01' });
    const paid = await issue('seller2', { clientId: client, amount: 30_000, issueDate: '2026-01-01', dueDate: '2026-01-10' });
    expect((await pay('seller2', paid.id, { paidOn: '2026-01-05', amount: 30_000, documentNumber: '8' })).status).toBe(201);
    await issue('seller2', { clientId: client, amount: 555, issueDate: '2026-01-01', dueDate: '2026-01-02', draft: true });
    const cancelled = await issue('seller2', { clientId: client, amount: 999, issueDate: '2026-01-01', dueDate: '2026-01-02' });
    await s.call('POST', `/api/invoices/${cancelled.id}/cancel`, { as: 'seller2', body: { reason: 'Ошибка' } });

    const one = await s.call<Receivable & { clientId: string }>('GET', `/api/clients/${client}/receivables?asOf=2026-05-01`, { as: 'seller2' });
    expect(one.body).toMatchObject({ clientId: client, outstanding: 370_000, overdue: 300_000, oldestOverdueDue: '2026-03-10', invoices: 3 });
    const before = await s.call<Receivable>('GET', `/api/clients/${client}/receivables?asOf=2026-03-05`, { as: 'sales.head' });
    expect(before.body).toMatchObject({ outstanding: 370_000, overdue: 0, oldestOverdueDue: null });

    const page = await s.call<{ items: Receivable[]; total: number; sums: { outstanding: number; overdue: number } }>('GET', `/api/receivables?q=${encodeURIComponent(tag)}&asOf=2026-05-01&sort=-overdue`, { as: 'seller2' });
    expect(page.status).toBe(200);
    expect(page.body.items[0]).toMatchObject({ client: { id: client }, outstanding: 370_000, overdue: 300_000, oldestOverdueDue: '2026-03-10', invoices: 3 });
    expect(page.body.items.map((r) => r.overdue)).toEqual([...page.body.items.map((r) => r.overdue)].sort((a, b) => b - a));
    expect(page.body.sums.outstanding).toBe(page.body.items.reduce((t, r) => t + r.outstanding, 0));
    const invoices = await list('seller2', `clientId=${client}&asOf=2026-05-01`);
    expect(invoices.body.sums).toEqual({ amount: 100_000 + 250_000 + 70_000 + 30_000 + 555, paid: 80_000, outstanding: 370_000, overdue: 300_000 });
    expect(invoices.body.total).toBe(6);
  });

  it('lists only clients the viewer sees: another seller sees none of these', async () => {
    const page = await s.call<{ items: Receivable[]; total: number }>('GET', `/api/receivables?q=${encodeURIComponent(tag)}&asOf=2026-05-01`, { as: 'seller1' });
    expect(page.body.total).toBe(0);
    expect((await list('seller1', `q=${encodeURIComponent(tag)}`)).body.total).toBe(0);
  });
});

describe('rights', () => {
  let inv: Invoice;
  beforeAll(async () => {
    inv = await issue('seller2', { clientId: clientA, amount: 50_000, issueDate: '2026-05-01', dueDate: '2026-05-31' });
  });

  it('an invoice or client one may not see is 404 on every endpoint', async () => {
    expect((await get('seller1', inv.id)).status).toBe(404);
    expect((await s.call('PATCH', `/api/invoices/${inv.id}`, { as: 'seller1', body: { version: 1, notes: 'x' } })).status).toBe(404);
    expect((await s.call('POST', `/api/invoices/${inv.id}/cancel`, { as: 'seller1', body: { reason: 'x' } })).status).toBe(404);
    expect((await s.call('PUT', `/api/invoices/${inv.id}/schedule`, { as: 'seller1', body: { version: 1, items: [] } })).status).toBe(404);
    expect((await s.call('GET', `/api/invoices/${inv.id}/payments`, { as: 'seller1' })).status).toBe(404);
    expect((await pay('seller1', inv.id, { paidOn: '2026-05-02', amount: 1, documentNumber: 'x' })).status).toBe(404);
    expect((await create('seller1', { clientId: clientA, amount: 1, issueDate: '2026-05-01', dueDate: '2026-05-02' })).status).toBe(404);
    expect((await s.call('GET', `/api/clients/${clientA}/receivables`, { as: 'seller1' })).status).toBe(404);
    expect((await get('seller1', crypto.randomUUID())).status).toBe(404);
  });

  it('the head of sales changes it; the assistant sees and changes every invoice; quality only reads', async () => {
    expect((await get('sales.head', inv.id)).body.rights).toEqual({ write: true, pay: true });
    const assistant = await get('assistant', inv.id);
    expect(assistant.status).toBe(200);
    expect(assistant.body.rights).toEqual({ write: true, pay: true });
    expect((await issue('assistant', { clientId: clientA, amount: 7_000, issueDate: '2026-05-01', dueDate: '2026-05-31' })).client.id).toBe(clientA);
    expect((await get('quality', inv.id)).body.rights).toEqual({ write: false, pay: false });
    expect((await s.call('PATCH', `/api/invoices/${inv.id}`, { as: 'quality', body: { version: 1, notes: 'x' } })).status).toBe(403);
    expect((await pay('quality', inv.id, { paidOn: '2026-05-02', amount: 1, documentNumber: 'q' })).status).toBe(403);
    expect((await create('quality', { clientId: clientA, amount: 1, issueDate: '2026-05-01', dueDate: '2026-05-02' })).status).toBe(403);
  });

  it('an integration key records payments only with the scope invoices/payments; a retry of the same document changes nothing', async () => {
    const withScope = await s.call<{ secret: string }>('POST', '/api/integration-keys', { as: 'admin', body: { name: '1С Бухгалтерия', scopes: { events: ['invoices/payments'] } } });
    const without = await s.call<{ secret: string }>('POST', '/api/integration-keys', { as: 'admin', body: { name: 'Склад', scopes: { events: ['matrix/*'] } } });
    const body = { paidOn: '2026-05-03', amount: 20_000, documentNumber: 'ПП-9001' };
    expect((await s.call('POST', `/api/invoices/${inv.id}/payments`, { token: without.body.secret, body })).status).toBe(403);
    const first = await s.call<Paid>('POST', `/api/invoices/${inv.id}/payments`, { token: withScope.body.secret, body });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.invoice).toMatchObject({ paid: 20_000, outstanding: 30_000 });
    const retry = await s.call<Problem>('POST', `/api/invoices/${inv.id}/payments`, { token: withScope.body.secret, body });
    expect(retry.status).toBe(409);
    expect((await get('seller2', inv.id)).body.payments.map((p) => [p.amount, p.recordedBy, p.integration?.name])).toEqual([[20_000, null, '1С Бухгалтерия']]);
    expect((await s.call('GET', `/api/invoices/${inv.id}`, { token: withScope.body.secret })).status).toBe(403);
    expect((await s.call('GET', '/api/receivables', { token: withScope.body.secret })).status).toBe(403);
    const audit = await s.em().find(AuditEntry, { targetId: inv.id, action: 'invoice.payment' });
    expect(audit.map((e) => [e.actorKind, e.actorLabel])).toEqual([['api-key', '1С Бухгалтерия']]);
  });
});

describe('bad input', () => {
  it('names the field on every endpoint', async () => {
    const inv = await issue('seller2', { clientId: clientA, amount: 1_000, issueDate: '2026-05-01', dueDate: '2026-05-31' });
    expect(paths(await create('seller2', { clientId: clientA, amount: 1_000, issueDate: '2026-05-10', dueDate: '2026-05-01' }))).toEqual(['dueDate']);
    expect(paths(await create('seller2', { clientId: clientA, issueDate: '2026-05-10', dueDate: '2026-05-11' }))).toEqual(['amount']);
    expect(paths(await create('seller2', { clientId: clientA, amount: -5, issueDate: '2026-05-10', dueDate: '2026-05-11' }))).toEqual(['amount']);
    expect(paths(await create('seller2', { clientId: clientA, amount: 5, issueDate: '31.12.2026', dueDate: '2026-05-11' }))).toEqual(['issueDate']);
    expect((await create('seller2', { clientId: clientA, amount: 5, issueDate: '2026-05-10', dueDate: '2026-05-11', dealId: crypto.randomUUID() })).status).toBe(422);
    expect(paths(await s.call<Problem>('PATCH', `/api/invoices/${inv.id}`, { as: 'seller2', body: { amount: 5 } }))).toEqual(['version']);
    expect(paths(await s.call<Problem>('PUT', `/api/invoices/${inv.id}/schedule`, { as: 'seller2', body: { version: 1, items: [{ dueOn: 'soon', amount: 1 }] } }))).toEqual(['items[0].dueOn']);
    expect(paths(await pay('seller2', inv.id, { paidOn: '2026-05-02', amount: 0, documentNumber: 'x' }))).toEqual(['amount']);
    expect(paths(await pay('seller2', inv.id, { paidOn: '2026-05-02', amount: 1 }))).toEqual(['documentNumber']);
    expect((await s.call('GET', '/api/invoices/not-a-uuid', { as: 'seller2' })).status).toBe(400);
    expect((await list('seller2', 'status=unpaid')).status).toBe(400);
    expect((await s.call('GET', '/api/receivables?sort=size', { as: 'seller2' })).status).toBe(400);
    expect((await s.call('GET', `/api/clients/${clientA}/receivables?asOf=yesterday`, { as: 'seller2' })).status).toBe(400);
  });
});

describe('audit and routes', () => {
  it('records every write with who did it', async () => {
    const inv = await issue('seller2', { clientId: clientA, amount: 2_000, issueDate: '2026-05-01', dueDate: '2026-05-31' });
    await s.call('PATCH', `/api/invoices/${inv.id}`, { as: 'seller2', body: { version: 1, notes: 'Звонить бухгалтеру' } });
    await s.call('PUT', `/api/invoices/${inv.id}/schedule`, { as: 'seller2', body: { version: 2, items: [{ dueOn: '2026-05-31', amount: 2_000 }] } });
    await pay('sales.head', inv.id, { paidOn: '2026-05-02', amount: 500, documentNumber: 'A-1' });
    const other = await issue('seller2', { clientId: clientA, amount: 2_000, issueDate: '2026-05-01', dueDate: '2026-05-31' });
    await s.call('POST', `/api/invoices/${other.id}/cancel`, { as: 'seller2', body: { reason: 'Дубль' } });
    const rows = await s.em().find(AuditEntry, { targetId: { $in: [inv.id, other.id] } }, { orderBy: { at: 'asc', id: 'asc' } });
    expect(rows.map((e) => [e.action, e.actor, e.targetId])).toEqual([
      ['invoice.create', id['seller2'], inv.id],
      ['invoice.update', id['seller2'], inv.id],
      ['invoice.schedule', id['seller2'], inv.id],
      ['invoice.payment', id['sales.head'], inv.id],
      ['invoice.create', id['seller2'], other.id],
      ['invoice.cancel', id['seller2'], other.id],
    ]);
    expect(rows[0]!.details).toMatchObject({ clientId: clientA, number: inv.number, amount: 2_000 });
    expect(rows[3]!.details).toMatchObject({ amount: 500, documentNumber: 'A-1' });
  });

  it('a route issues a draft and marks the reminder call; the same values twice change nothing; a bad value names the field', async () => {
    const draft = await issue('seller2', { clientId: clientA, amount: 3_000, issueDate: '2026-05-01', dueDate: '2026-05-31', draft: true });
    const caseId = crypto.randomUUID();
    const values = { status: 'issued', reminder_called_at: '2026-05-27' };
    await invoiceRouteUpdates.apply(s.em(), draft.id, values, caseId);
    await invoiceRouteUpdates.apply(s.em(), draft.id, values, caseId);
    const after = (await get('seller2', draft.id)).body;
    expect(after).toMatchObject({ reminderCalledAt: '2026-05-27', version: 2 });
    expect(after.status).not.toBe('draft');
    const audit = await s.em().find(AuditEntry, { targetId: draft.id, action: 'invoice.route-update' });
    expect(audit.map((e) => [e.actorKind, e.details])).toEqual([['case', { caseId, fields: ['status', 'reminder_called_at'] }]]);
    await expect(invoiceRouteUpdates.apply(s.em(), draft.id, { reminder_called_at: 'tomorrow' }, caseId)).rejects.toMatchObject({ code: 'unprocessable', problems: [{ path: 'reminder_called_at' }] });
    await expect(invoiceRouteUpdates.apply(s.em(), draft.id, { amount: 1 }, caseId)).rejects.toMatchObject({ problems: [{ path: 'amount' }] });
  });
});
