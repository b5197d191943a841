// An invoice's payment reminder on real Temporal and PostgreSQL: issuing the invoice starts the
// shipped payment-reminder route about it; a client who pays in full before the reminder's day
// gets no call (the case ends paid at once); and a payment whose event was lost on the way (the
// payment is recorded, Temporal did not hear of it) is sent again by the housekeeping sweep and
// taken once, however often it is sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAYMENTS_SCOPE } from '../../domain/invoices/invoice-access.ts';
import { recordPayment } from '../../domain/invoices/record-payment.ts';
import { eventually } from '../../infra/testing/eventually.ts';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';

type CaseView = { status: string; result: Record<string, unknown> | null; timeline: { type: string; stepId: string | null; data: { name?: string } | null }[] };
type Listed = { items: { id: string; record: { type: string; id: string } | null }[] };

let s: TestStack;
let clientId: string;
beforeAll(async () => {
  s = await startTestStack();
  await s.startWorker();
  clientId = (await s.call<{ id: string }>('POST', '/api/clients', { as: 'seller1', body: { name: `Плательщик ${crypto.randomUUID()}`, kind: 'legal' } })).body.id;
});
afterAll(async () => s?.close());

const today = () => new Date().toISOString().slice(0, 10);
async function issue(amount: number): Promise<{ invoiceId: string; caseId: string }> {
  const inv = await s.call<{ id: string }>('POST', '/api/invoices', { as: 'seller1', body: { clientId, issueDate: today(), dueDate: '2031-03-14', amount } });
  expect(inv.status, JSON.stringify(inv.body)).toBe(201);
  const listed = await eventually(() => s.call<Listed>('GET', `/api/processes?clientId=${clientId}&limit=100`, { as: 'seller1' }).then((r) => r.body.items), (items) => items.some((c) => c.record?.id === inv.body.id));
  return { invoiceId: inv.body.id, caseId: listed.find((c) => c.record?.id === inv.body.id)!.id };
}
const caseOf = (id: string) => s.call<CaseView>('GET', `/api/processes/${id}`, { as: 'seller1' }).then((r) => r.body);

describe('the payment reminder of an invoice', () => {
  it('ends at once, with no call, when the client pays in full before the reminder\'s day', async () => {
    const { invoiceId, caseId } = await issue(250_000_00);
    expect((await caseOf(caseId)).status).toBe('running');
    // A part payment is not the payment the reminder waits for.
    const part = await s.call('POST', `/api/invoices/${invoiceId}/payments`, { as: 'seller1', body: { paidOn: today(), amount: 100_000_00, documentNumber: 'ПП-1' } });
    expect(part.status, JSON.stringify(part.body)).toBe(201);
    expect((await caseOf(caseId)).status).toBe('running');
    const rest = await s.call('POST', `/api/invoices/${invoiceId}/payments`, { as: 'seller1', body: { paidOn: today(), amount: 150_000_00, documentNumber: 'ПП-2' } });
    expect(rest.status).toBe(201);
    const ended = await eventually(() => caseOf(caseId), (c) => c.status !== 'running');
    expect(ended.status).toBe('completed');
    expect(ended.timeline.find((e) => e.type === 'event.received')).toMatchObject({ stepId: 'paid-early', data: { name: 'payment_received' } });
    const inbox = (await s.call<{ items: { process: { id: string } }[] }>('GET', '/api/assignments/inbox', { as: 'seller1' })).body.items;
    expect(inbox.some((i) => i.process.id === caseId)).toBe(false);
  });

  it('hears of a payment whose event was lost from the housekeeping sweep, and takes it once', async () => {
    const { invoiceId, caseId } = await issue(90_000_00);
    // Recorded as the API records it, but the event never reaches Temporal.
    await recordPayment(s.em(), { kind: 'integration', keyId: crypto.randomUUID(), name: '1С: Бухгалтерия', scopes: { events: [PAYMENTS_SCOPE], cases: [] } }, invoiceId, { paidOn: today(), amount: 90_000_00, documentNumber: 'ПП-77', overpayment: false });
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await caseOf(caseId)).status).toBe('running');
    // The sweep sends it again (each round, while the case runs); the case takes it and ends paid.
    await s.startHousekeeping({ intervalMs: 300, paymentGraceMs: 0 });
    const ended = await eventually(() => caseOf(caseId), (c) => c.status !== 'running', 20_000);
    expect(ended.status).toBe('completed');
    const received = ended.timeline.filter((e) => e.type === 'event.received');
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ data: { name: 'payment_received', sentBy: { kind: 'integration', label: '1С: Бухгалтерия' } } });
  });
});
