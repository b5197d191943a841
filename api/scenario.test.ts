// The reference company's day, end to end through the API on real Temporal (time skipping for
// the days) and PostgreSQL, with the shipped routes: a complaint where legal answers late and is
// escalated, decided and written back into the complaint; a deal from demonstration to signing
// with one loop back to the proposal, the installation hand-off starting at once on signing, and
// the payment call opening 3 working days before the invoice is due - across the New Year
// holidays. The complaint comes from the customer portal and the client follows it to the decision.
// Each person's inbox is asserted at each point, and the deal's and the complaint's histories at the end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailMessage } from '../domain/entities/index.ts';
import { eventually } from '../infra/testing/eventually.ts';
import { startTestStack, type TestStack } from '../infra/testing/stack.ts';

type Item = { id: string; stepId: string; priority: string; dueAt: string | null; process: { id: string } };
type StageRef = { code: string };
type Deal = { id: string; status: string; stage: StageRef; processId: string | null; history: { kind: string; to: StageRef; caseId: string | null }[] };
type Complaint = { id: string; status: string; decisionText: string | null; decisionKind: string | null; history: { to: string; caseId: string | null }[] };
type Order = { id: string; status: string; contractNumber: string; installBy: string; lines: { model: string; quantity: number }[] };
type CaseView = { status: string; children: { id: string; subject: string; status: string }[] };

let s: TestStack;
beforeAll(async () => {
  s = await startTestStack({ timeSkipping: true });
  await s.startWorker();
});
afterAll(async () => s?.close());

/** The step ids of this case in someone's inbox (or their roles' queue). */
const stepsOf = async (who: string, processId: string, where: 'inbox' | 'queue' = 'inbox') =>
  (await s.call<{ items: Item[] }>('GET', `/api/assignments/${where}?limit=100`, { as: who })).body.items.filter((i) => i.process.id === processId).map((i) => i.stepId).sort();
const itemOf = (who: string, processId: string, stepId: string, where: 'inbox' | 'queue' = 'inbox') =>
  eventually(async () => (await s.call<{ items: Item[] }>('GET', `/api/assignments/${where}?limit=100`, { as: who })).body.items.find((i) => i.process.id === processId && i.stepId === stepId), (i) => i !== undefined).then((i) => i!);
const complete = async (who: string, item: Item, body: Record<string, unknown>) => {
  const res = await s.call('POST', `/api/assignments/${item.id}/complete`, { as: who, body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
};
type PortalCase = { status: string; decision: { kind: string; text: string } | null };
/** A customer's call to the portal, from an address of their own (the portal rate-limits per address). */
async function portal<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await s.app.request(path, { method, headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.7' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}
const skipTo = async (at: Date) => {
  const ms = at.getTime() - (await s.now());
  if (ms > 0) await s.skip(`${Math.ceil(ms / 1000)} seconds`);
};

describe('the reference company, end to end', () => {
  it('handles a portal client\'s complaint where legal answers late: escalated to the lawyer\'s manager, made urgent, decided, written into the complaint and followed by the client to its decision', async () => {
    // The client submits the complaint on the portal, without an account, and confirms it by the e-mailed link.
    const subject = `Витрина не держит температуру ${crypto.randomUUID().slice(0, 6)}`;
    const email = `cafe-${crypto.randomUUID()}@example.com`;
    const submitted = await portal('POST', '/api/portal/requests', { name: 'Ирина Петрова', email, kind: 'complaint', subject, text: 'После монтажа витрина греется до +9.' });
    expect(submitted.status).toBe(202);
    const mail = await s.em().findOneOrFail(MailMessage, { to: email, key: { $like: 'portal-confirm:%' } });
    const token = /\/portal\/confirm\/([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
    const confirmed = await portal<{ accessToken: string }>('POST', '/api/portal/confirm', { token });
    expect(confirmed.status).toBe(200);
    const follow = () => portal<PortalCase>('GET', `/api/portal/cases/${confirmed.body.accessToken}`).then((r) => r.body);
    expect((await follow()).decision).toBeNull();

    const complaintId = await eventually(async () => (await s.call<{ items: { id: string; subject: string }[] }>('GET', '/api/complaints?limit=100', { as: 'quality' })).body.items.find((c) => c.subject === subject)?.id, (id) => id !== undefined).then((id) => id!);
    const caseId = await eventually(async () => (await s.call<{ items: { id: string; record: { id: string } | null }[] }>('GET', '/api/processes?limit=100', { as: 'quality' })).body.items.find((p) => p.record?.id === complaintId)?.id, (id) => id !== undefined);

    // The quality officer reviews it and involves legal only.
    expect(await stepsOf('quality', caseId!)).toEqual(['review']);
    await complete('quality', await itemOf('quality', caseId!, 'review'), { outcome: 'involve', form: { legal: true, service: false, sales: false } });
    const opinion = await itemOf('lawyer', caseId!, 'legal-opinion');
    expect(await stepsOf('quality', caseId!)).toEqual([]);
    expect(await stepsOf('engineer1', caseId!, 'queue')).toEqual([]);
    const inWork = (await s.call<Complaint>('GET', `/api/complaints/${complaintId}`, { as: 'quality' })).body;
    expect(inWork.status).toBe('in-work');

    // The lawyer does not answer by the due time: the director (the lawyer's manager) hears of it,
    // then the opinion becomes urgent.
    await skipTo(new Date(new Date(opinion.dueAt!).getTime() + 7 * 86_400_000));
    await eventually(async () => (await s.call<{ items: { title: string }[] }>('GET', '/api/notifications', { as: 'director' })).body.items.map((n) => n.title), (t) => t.includes('Overdue in your team: Заключение юриста по жалобе'));
    expect((await itemOf('lawyer', caseId!, 'legal-opinion')).priority).toBe('urgent');

    await complete('lawyer', opinion, { form: { opinion: 'Претензия обоснована: гарантийный случай.' } });
    await complete('quality', await itemOf('quality', caseId!, 'call-client'), { form: { call_notes: 'Клиент согласен на замену компрессора.' } });
    await complete('quality', await itemOf('quality', caseId!, 'decide'), { form: { decision: 'Заменим компрессор по гарантии в течение 5 дней.', decision_kind: 'Удовлетворена' } });

    const decided = await eventually(async () => (await s.call<Complaint>('GET', `/api/complaints/${complaintId}`, { as: 'quality' })).body, (c) => c.status === 'decided');
    expect(decided).toMatchObject({ decisionText: 'Заменим компрессор по гарантии в течение 5 дней.', decisionKind: 'satisfied' });
    expect(decided.history.map((h) => [h.to, h.caseId])).toEqual([['registered', null], ['in-work', caseId], ['decided', caseId]]);
    expect((await s.call<CaseView>('GET', `/api/processes/${caseId}`, { as: 'quality' })).body.status).toBe('completed');
    expect(await stepsOf('lawyer', caseId!)).toEqual([]);
    // The client follows it by the link to the decision.
    expect(await follow()).toMatchObject({ status: 'decided', decision: { kind: 'satisfied', text: 'Заменим компрессор по гарантии в течение 5 дней.' } });
  });

  it('runs a deal from demonstration to signing with one loop back, hands it to installation at once, and calls for payment 3 working days before the due date across the holidays', async () => {
    const client = await s.call<{ id: string }>('POST', '/api/clients', { as: 'seller1', body: { name: `Павильон 12 ${crypto.randomUUID().slice(0, 6)}`, kind: 'legal' } });
    const created = await s.call<Deal & { case: { openSteps: { stepId: string }[] } }>('POST', '/api/deals', {
      as: 'seller1', body: { clientId: client.body.id, title: 'Три витрины для павильона 12', lines: [{ name: 'Витрина «Полюс» 1,5 м', quantity: 3, price: 450_000_00 }] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const deal = created.body;
    const caseId = deal.processId!;
    const stage = (code: string) => eventually(async () => (await s.call<Deal>('GET', `/api/deals/${deal.id}`, { as: 'seller1' })).body, (d) => d.stage.code === code);

    expect(await stepsOf('seller1', caseId)).toEqual(['demo']);
    await complete('seller1', await itemOf('seller1', caseId, 'demo'), { outcome: 'interested' });
    await stage('proposal');
    await complete('seller1', await itemOf('seller1', caseId, 'proposal'), { form: { link: 'https://files.leader.example/kp-1' } });
    await stage('decision');
    // The client asks for another proposal: back one stage, and the seller has the proposal again.
    await complete('seller1', await itemOf('seller1', caseId, 'decision'), { outcome: 'new_proposal', form: { reason: 'Нужен вариант с двумя витринами' } });
    await stage('proposal');
    expect(await stepsOf('seller1', caseId)).toEqual(['proposal']);
    await complete('seller1', await itemOf('seller1', caseId, 'proposal'), { form: { link: 'https://files.leader.example/kp-2' } });
    await stage('decision');
    await complete('seller1', await itemOf('seller1', caseId, 'decision'), { outcome: 'accepted' });
    await stage('contract');
    await complete('seller1', await itemOf('seller1', caseId, 'contract-draft'), { form: { contract_no: 'Д-118', install_by: '2027-02-15' } });

    // The lawyer and the sales assistant work on the contract at the same time.
    const legal = await itemOf('lawyer', caseId, 'legal-review');
    const docs = await itemOf('assistant', caseId, 'prepare-documents', 'queue');
    expect(await stepsOf('seller1', caseId)).toEqual([]);
    await complete('lawyer', legal, { outcome: 'approved' });
    expect((await s.call('POST', `/api/assignments/${docs.id}/claim`, { as: 'assistant' })).status).toBe(200);
    // The assistant issues the invoice for the deal, due on Wednesday 13 January 2027, right after
    // the New Year holidays: issuing it starts the payment reminder about it.
    const invoice = await s.call<{ id: string; number: string }>('POST', '/api/invoices', { as: 'seller1', body: { clientId: client.body.id, dealId: deal.id, issueDate: new Date(await s.now()).toISOString().slice(0, 10), dueDate: '2027-01-13', amount: 1_350_000_00 } });
    expect(invoice.status, JSON.stringify(invoice.body)).toBe(201);
    await complete('assistant', docs, { form: { invoice_no: invoice.body.number } });
    await complete('seller1', await itemOf('seller1', caseId, 'sign'), { outcome: 'signed' });

    // Signed: the deal is won at the hand-off stage, and the installation hand-off runs at once,
    // as a sub-case about the installation order the signing made from the deal.
    const atHandoff = await stage('handoff');
    expect(atHandoff.status).toBe('won');
    const child = await eventually(async () => (await s.call<CaseView>('GET', `/api/processes/${caseId}`, { as: 'seller1' })).body.children, (c) => c.length === 1);
    expect(child[0]!.status).toBe('running');
    const orders = (await s.call<{ items: Order[] }>('GET', `/api/installations?dealId=${deal.id}`, { as: 'service.head' })).body.items;
    expect(orders.map((o) => [o.status, o.contractNumber, o.installBy, o.lines])).toEqual([['new', 'Д-118', '2027-02-15', [{ model: 'Витрина «Полюс» 1,5 м', quantity: 3 }]]]);
    expect((await s.call<{ record: { type: string; id: string } | null }>('GET', `/api/processes/${child[0]!.id}`, { as: 'seller1' })).body.record).toMatchObject({ type: 'installation', id: orders[0]!.id });
    expect((await itemOf('assistant', child[0]!.id, 'handoff-documents', 'queue')).stepId).toBe('handoff-documents');
    expect(await stepsOf('seller1', caseId)).toEqual([]);
    const reminder = await eventually(
      async () => (await s.call<{ items: { id: string; record: { type: string; id: string } | null }[] }>('GET', `/api/processes?clientId=${client.body.id}&limit=100`, { as: 'seller1' })).body.items.find((c) => c.record?.type === 'invoice'),
      (c) => c !== undefined,
    ).then((c) => c!.id);

    // 3 working days before 13 January: 12 and 11 January, then 10-1 January (weekend and the
    // holidays) and 31 December (a day off in the company's calendar) are skipped - Wednesday
    // 30 December 2026 at the start of the working day, 09:00 Moscow time.
    const callAt = new Date('2026-12-30T06:00:00Z');
    await skipTo(new Date(callAt.getTime() - 10 * 60_000));
    expect(await stepsOf('seller1', reminder)).toEqual([]);
    await skipTo(new Date(callAt.getTime() + 60_000));
    const call = await itemOf('seller1', reminder, 'call');
    expect(call.stepId).toBe('call');

    const history = (await s.call<Deal>('GET', `/api/deals/${deal.id}`, { as: 'seller1' })).body.history;
    expect(history.map((h) => [h.kind, h.to.code, h.caseId])).toEqual([
      ['created', 'demonstration', null],
      ['moved', 'proposal', caseId],
      ['moved', 'decision', caseId],
      ['moved', 'proposal', caseId],
      ['moved', 'decision', caseId],
      ['moved', 'contract', caseId],
      ['moved', 'handoff', caseId],
      ['won', 'handoff', caseId],
    ]);
  });
});
