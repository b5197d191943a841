// The installation hand-off route drives its installation order, on real Temporal and PostgreSQL:
// an order opened by hand starts the shipped hand-off about it; the service head returns it for
// missing data (the reason and the deadline are required for that outcome only), the owner puts
// it right, the service head accepts and schedules it, an engineer completes it with the act and
// serial numbers - and each step moves the order, by the case, with the units entering the
// service register. A completion the order refuses (too few serial numbers) does not end the
// case: the timeline says why and the engineer is told to put it right on the order's page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail } from '../../infra/db/demo-data.ts';
import { eventually } from '../../infra/testing/eventually.ts';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';

type Item = { id: string; stepId: string; process: { id: string; record: { type: string; id: string } | null } };
type Order = {
  id: string; status: string; missing: string | null; returnDeadline: string | null; scheduledDate: string | null; engineer: { id: string } | null; actNumber: string | null;
  history: { move: string; to: string; by: { id: string } | null; caseId: string | null }[]; equipment: { model: string; serialNumber: string }[];
};
type CaseView = { status: string; record: { type: string; id: string } | null; timeline: { type: string; stepId: string | null; data: Record<string, unknown> | null }[] };
type Problem = { problems?: { path: string }[] };

let s: TestStack;
let clientId: string;
beforeAll(async () => {
  s = await startTestStack();
  await s.startWorker();
  clientId = (await s.call<{ id: string }>('POST', '/api/clients', { as: 'seller1', body: { name: `Монтажный ${crypto.randomUUID()}`, kind: 'legal' } })).body.id;
});
afterAll(async () => s?.close());

const lines = [{ model: 'Витрина «Полюс» 1,5 м', quantity: 2 }, { model: 'Ларь 400 л', quantity: 1 }];
const order = (id: string) => s.call<Order>('GET', `/api/installations/${id}`, { as: 'service.head' }).then((r) => r.body);
const orderIs = (id: string, status: string) => eventually(() => order(id), (o) => o.status === status);
const itemOf = (who: string, caseId: string, stepId: string, where: 'inbox' | 'queue' = 'inbox') =>
  eventually(async () => (await s.call<{ items: Item[] }>('GET', `/api/assignments/${where}?limit=100`, { as: who })).body.items.find((i) => i.process.id === caseId && i.stepId === stepId), (i) => i !== undefined).then((i) => i!);
const complete = (who: string, item: Item, body: Record<string, unknown>) => s.call<Problem>('POST', `/api/assignments/${item.id}/complete`, { as: who, body });
const completeOk = async (who: string, item: Item, body: Record<string, unknown>) => {
  const res = await complete(who, item, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
};
const claim = async (who: string, item: Item) => expect((await s.call('POST', `/api/assignments/${item.id}/claim`, { as: who })).status).toBe(200);

/** Opens an order by hand and finds the hand-off case the order started. */
async function openOrder(contract: string): Promise<{ orderId: string; caseId: string }> {
  const created = await s.call<Order>('POST', '/api/installations', { as: 'seller1', body: { clientId, contractNumber: contract, installBy: '2031-06-10', siteAddress: 'Москва, ул. Ленина, 1', lines } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const cases = await eventually(
    async () => (await s.call<{ items: { id: string; record: { type: string; id: string } | null }[] }>('GET', `/api/processes?clientId=${clientId}&limit=100`, { as: 'seller1' })).body.items,
    (items) => items.some((c) => c.record?.id === created.body.id),
  );
  return { orderId: created.body.id, caseId: cases.find((c) => c.record?.id === created.body.id)!.id };
}

/** The documents handed over by the sales assistant and the order accepted: the order stands accepted. */
async function handedOverAndAccepted(caseId: string, orderId: string): Promise<void> {
  const docs = await itemOf('assistant', caseId, 'handoff-documents', 'queue');
  await claim('assistant', docs);
  await completeOk('assistant', docs, { form: { documents_link: 'https://files.leader.example/d-1' } });
  await completeOk('service.head', await itemOf('service.head', caseId, 'accept'), { outcome: 'accepted' });
  await orderIs(orderId, 'accepted');
}

describe('the installation hand-off drives its order', () => {
  it('starts with an order opened by hand, returns it for missing data, accepts, schedules and completes it; the units enter the register', async () => {
    const { orderId, caseId } = await openOrder('Д-201');
    const view = (await s.call<CaseView>('GET', `/api/processes/${caseId}`, { as: 'seller1' })).body;
    expect(view.record).toMatchObject({ type: 'installation', id: orderId });

    const docs = await itemOf('assistant', caseId, 'handoff-documents', 'queue');
    await claim('assistant', docs);
    await completeOk('assistant', docs, { form: { documents_link: 'https://files.leader.example/d-201' } });

    // Returning needs what is missing and by when; accepting does not.
    const accept = await itemOf('service.head', caseId, 'accept');
    const bare = await complete('service.head', accept, { outcome: 'returned' });
    expect(bare.status).toBe(422);
    expect(bare.body.problems?.map((p) => p.path).sort()).toEqual(['form.missing', 'form.return_deadline']);
    expect((await order(orderId)).status).toBe('new');
    await completeOk('service.head', accept, { outcome: 'returned', form: { missing: 'Нет контакта на объекте', return_deadline: '2031-05-20' } });
    const returned = await orderIs(orderId, 'returned');
    expect(returned).toMatchObject({ missing: 'Нет контакта на объекте', returnDeadline: '2031-05-20' });

    // Back to the one who handed it over; putting it right sends the order back to the service head.
    await completeOk('seller1', await itemOf('seller1', caseId, 'fix-data'), { form: { documents_link: 'https://files.leader.example/d-201-2' } });
    await orderIs(orderId, 'new');
    await completeOk('service.head', await itemOf('service.head', caseId, 'accept'), { outcome: 'accepted' });
    await orderIs(orderId, 'accepted');

    const engineer1 = (await s.call<{ items: { id: string; email: string }[] }>('GET', '/api/employees?role=service', { as: 'service.head' })).body.items.find((e) => e.email === demoEmail('engineer1'))!.id;
    await completeOk('service.head', await itemOf('service.head', caseId, 'schedule-installation'), { form: { install_date: '2031-06-05', engineer_email: demoEmail('engineer1') } });
    const scheduled = await orderIs(orderId, 'scheduled');
    expect(scheduled).toMatchObject({ scheduledDate: '2031-06-05', engineer: { id: engineer1 } });

    const install = await itemOf('engineer1', caseId, 'install', 'queue');
    await claim('engineer1', install);
    // The act, its date and the serial numbers are required when the work is done.
    const noAct = await complete('engineer1', install, { outcome: 'installed' });
    expect(noAct.body.problems?.map((p) => p.path).sort()).toEqual(['form.act_date', 'form.act_no', 'form.serials']);
    await completeOk('engineer1', install, { outcome: 'installed', form: { act_no: 'А-201', act_date: '2031-06-05', serials: 'SN-201-1, SN-201-2, SN-201-3' } });

    const done = await orderIs(orderId, 'done');
    expect(done.actNumber).toBe('А-201');
    expect(done.equipment.map((e) => [e.model, e.serialNumber])).toEqual([
      ['Витрина «Полюс» 1,5 м', 'SN-201-1'], ['Витрина «Полюс» 1,5 м', 'SN-201-2'], ['Ларь 400 л', 'SN-201-3'],
    ]);
    // Every move after the opening was made by the case, and the register lists the units.
    expect(done.history.map((h) => [h.move, h.to, h.caseId])).toEqual([
      ['create', 'new', null], ['return', 'returned', caseId], ['resubmit', 'new', caseId], ['accept', 'accepted', caseId], ['schedule', 'scheduled', caseId], ['complete', 'done', caseId],
    ]);
    const register = (await s.call<{ items: { serialNumber: string }[] }>('GET', `/api/equipment?clientId=${clientId}&limit=100`, { as: 'service.head' })).body.items.map((e) => e.serialNumber);
    expect(register).toEqual(expect.arrayContaining(['SN-201-1', 'SN-201-2', 'SN-201-3']));
    expect((await eventually(() => s.call<CaseView>('GET', `/api/processes/${caseId}`, { as: 'seller1' }).then((r) => r.body), (c) => c.status !== 'running')).status).toBe('completed');
  });

  it('goes on when the order refuses what the engineer typed, says why on the timeline and tells the engineer', async () => {
    const { orderId, caseId } = await openOrder('Д-202');
    await handedOverAndAccepted(caseId, orderId);
    await completeOk('service.head', await itemOf('service.head', caseId, 'schedule-installation'), { form: { install_date: '2031-06-06', engineer_email: demoEmail('engineer2') } });
    await orderIs(orderId, 'scheduled');
    const install = await itemOf('engineer2', caseId, 'install', 'queue');
    await claim('engineer2', install);
    // Two serial numbers for three units: the order cannot take them.
    await completeOk('engineer2', install, { outcome: 'installed', form: { act_no: 'А-202', act_date: '2031-06-06', serials: 'SN-202-1, SN-202-2' } });

    const ended = await eventually(() => s.call<CaseView>('GET', `/api/processes/${caseId}`, { as: 'seller1' }).then((r) => r.body), (c) => c.status !== 'running');
    expect(ended.status).toBe('completed');
    const refused = ended.timeline.find((e) => e.type === 'record.refused');
    expect(refused?.stepId).toBe('mark-done');
    expect(String(refused?.data?.reason)).toContain('3 units; 2 serial numbers');
    const after = await order(orderId);
    expect(after).toMatchObject({ status: 'scheduled', actNumber: null, equipment: [] });
    const notes = (await s.call<{ items: { title: string; body: string }[] }>('GET', '/api/notifications', { as: 'engineer2' })).body.items;
    expect(notes.find((n) => n.title.startsWith('Not written into the installation'))?.body).toContain('serial_numbers');
    // The engineer then completes the order on its page, and the register takes the units.
    const fixed = await s.call<Order>('POST', `/api/installations/${orderId}/complete`, {
      as: 'engineer2',
      body: { actNumber: 'А-202', actDate: '2031-06-06', equipment: [{ model: 'Витрина «Полюс» 1,5 м', serialNumber: 'SN-202-1' }, { model: 'Витрина «Полюс» 1,5 м', serialNumber: 'SN-202-2' }, { model: 'Ларь 400 л', serialNumber: 'SN-202-3' }] },
    });
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
    expect(fixed.body.status).toBe('done');
  });

  it('starts no hand-off when asked not to, and none for someone who may not open orders', async () => {
    const quiet = await s.call<Order>('POST', '/api/installations', { as: 'seller1', body: { clientId, contractNumber: 'Д-203', installBy: '2031-06-10', siteAddress: 'Москва', lines, startRoute: false } });
    expect(quiet.status).toBe(201);
    const bad = await s.call<Problem>('POST', '/api/installations', { as: 'seller1', body: { clientId, contractNumber: 'Д-204', installBy: '2031-06-10', siteAddress: 'Москва', lines, startRoute: 'yes' } });
    expect(bad.status).toBe(400);
    expect(bad.body.problems?.map((p) => p.path)).toEqual(['startRoute']);
    const stranger = await s.call('POST', '/api/installations', { as: 'seller2', body: { clientId, contractNumber: 'Д-205', installBy: '2031-06-10', siteAddress: 'Москва', lines } });
    expect([403, 404]).toContain(stranger.status);
    const cases = (await s.call<{ items: { record: { id: string } | null }[] }>('GET', `/api/processes?clientId=${clientId}&limit=100`, { as: 'seller1' })).body.items;
    expect(cases.some((c) => c.record?.id === quiet.body.id)).toBe(false);
  });
});
