// The service department's records through the API on the real database: a seller hands an
// installation order over; the service head returns it for missing data, the seller supplies it,
// the head accepts and schedules it; the engineer completes it with an act and the units enter the
// register - once, even when two completions race; moves not allowed from a status are refused;
// serial numbers are unique per model; visits and consultations; who sees and who changes what;
// bad input named by field; the audit log; the route-updatable record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry, Employee, Equipment } from '../../domain/entities/index.ts';
import { installationUpdates } from '../../domain/service/route-updates.ts';
import { demoEmail } from '../../infra/db/demo-data.ts';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';

type Order = {
  id: string; status: string; version: number; missing: string | null; scheduledDate: string | null; engineer: { id: string } | null; actNumber: string | null;
  history: { move: string; from: string | null; to: string; by: { id: string } | null; caseId: string | null }[];
  equipment: { serialNumber: string; model: string; status: string; contractTo: string | null }[];
  rights: { edit: boolean; actions: string[] };
};
type Problem = { status: number; detail: string; problems?: { path: string; message: string }[] };
type Page<T> = { items: T[]; total: number };
type Unit = { id: string; model: string; serialNumber: string; status: string; expiringSoon: boolean; client: { id: string }; version: number };

let s: TestStack;
const id: Record<string, string> = {};
let clientId: string;
const paths = (res: { body: Problem }) => res.body.problems?.map((p) => p.path);

const newClient = async (as: string) => (await s.call<{ id: string }>('POST', '/api/clients', { as, body: { name: `Сервисный ${crypto.randomUUID()}`, kind: 'person' } })).body.id;
const newOrder = async (as = 'seller1', client = clientId, lines = [{ model: 'Витрина «Полюс» 1,5 м', quantity: 2 }, { model: 'Ларь 400 л', quantity: 1 }]) =>
  s.call<Order & Problem>('POST', '/api/installations', { as, body: { clientId: client, contractNumber: 'Д-118', installBy: '2031-06-10', siteAddress: 'Москва, ул. Ленина, 1, павильон 12', lines } });
const act = (as: string, orderId: string, action: string, body: unknown) => s.call<Order & Problem>('POST', `/api/installations/${orderId}/${action}`, { as, body });
const serials = (prefix: string) => [
  { model: 'Витрина «Полюс» 1,5 м', serialNumber: `${prefix}-1` }, { model: 'Витрина «Полюс» 1,5 м', serialNumber: `${prefix}-2` }, { model: 'Ларь 400 л', serialNumber: `${prefix}-3` },
];
const completion = (prefix: string) => ({ actNumber: `А-${prefix}`, actDate: '2031-06-05', equipment: serials(prefix), contract: { number: `СО-${prefix}`, validFrom: '2031-06-05', validTo: '2032-06-04' } });
async function scheduled(): Promise<string> {
  const o = await newOrder();
  expect((await act('service.head', o.body.id, 'accept', {})).status).toBe(200);
  expect((await act('service.head', o.body.id, 'schedule', { date: '2031-06-05', engineerId: id.engineer1 })).status).toBe(200);
  return o.body.id;
}

beforeAll(async () => {
  s = await startTestStack();
  for (const key of ['seller1', 'seller2', 'engineer1', 'service.head']) id[key] = (await s.em().findOneOrFail(Employee, { email: demoEmail(key) })).id;
  clientId = await newClient('seller1');
});
afterAll(async () => s?.close());

describe('the demo company', () => {
  it('has installation orders in every status, equipment with contracts ending soon, visits and consultations', async () => {
    for (const status of ['new', 'returned', 'accepted', 'scheduled', 'done', 'cancelled']) {
      expect((await s.call<Page<unknown>>('GET', `/api/installations?status=${status}`, { as: 'service.head' })).body.total, status).toBeGreaterThan(0);
    }
    expect((await s.call<Page<unknown>>('GET', '/api/equipment?expiringSoon=true', { as: 'service.head' })).body.total).toBeGreaterThan(0);
    expect((await s.call<Page<unknown>>('GET', '/api/equipment?status=contract-expired', { as: 'service.head' })).body.total).toBeGreaterThan(0);
    expect((await s.call<Page<unknown>>('GET', '/api/service-visits?done=false', { as: 'engineer1' })).body.total).toBeGreaterThan(0);
    expect((await s.call<Page<unknown>>('GET', '/api/consultations', { as: 'engineer1' })).body.total).toBeGreaterThan(0);
  });
});

describe('an installation order from hand-off to the register', () => {
  it('is handed over by the seller, returned, resubmitted, accepted, scheduled and completed; the units enter the register', async () => {
    const created = await newOrder();
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ status: 'new', rights: { edit: true, actions: ['cancel'] } });
    const o = created.body.id;

    expect((await s.call<Order>('GET', `/api/installations/${o}`, { as: 'service.head' })).body.rights.actions.sort()).toEqual(['accept', 'cancel', 'return']);
    const returned = await act('service.head', o, 'return', { missing: 'Нет схемы размещения', deadline: '2031-05-20' });
    expect(returned.body).toMatchObject({ status: 'returned', missing: 'Нет схемы размещения', returnDeadline: '2031-05-20' });

    const fixed = await s.call<Order>('PATCH', `/api/installations/${o}`, { as: 'seller1', body: { version: returned.body.version, siteAddress: 'Москва, ул. Ленина, 1, павильон 12 (схема приложена)' } });
    expect(fixed.status).toBe(200);
    expect(fixed.body.status).toBe('new');

    expect((await act('seller1', o, 'accept', {})).status).toBe(403);
    expect((await act('service.head', o, 'accept', {})).body.status).toBe('accepted');
    expect((await s.call('PATCH', `/api/installations/${o}`, { as: 'seller1', body: { version: 99, notes: 'x' } })).status).toBe(403);
    const sch = await act('service.head', o, 'schedule', { date: '2031-06-05', engineerId: id.engineer1 });
    expect(sch.body).toMatchObject({ status: 'scheduled', scheduledDate: '2031-06-05', engineer: { id: id.engineer1 } });

    const done = await act('engineer1', o, 'complete', completion('SN-A'));
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', actNumber: 'А-SN-A', doneBy: { id: id.engineer1 }, rights: { actions: [] } });
    expect(done.body.equipment.map((e) => e.serialNumber).sort()).toEqual(['SN-A-1', 'SN-A-2', 'SN-A-3']);
    expect(done.body.history.map((h) => [h.move, h.to])).toEqual([['create', 'new'], ['return', 'returned'], ['resubmit', 'new'], ['accept', 'accepted'], ['schedule', 'scheduled'], ['complete', 'done']]);
    expect(done.body.history.every((h) => h.by !== null)).toBe(true);

    const register = await s.call<Page<Unit>>('GET', `/api/equipment?installationId=${o}`, { as: 'engineer1' });
    expect(register.body.total).toBe(3);
    expect(register.body.items.every((u) => u.status === 'in-service' && u.client.id === clientId)).toBe(true);
    // The seller sees their client's equipment on the card.
    expect((await s.call<Page<Unit>>('GET', `/api/clients/${clientId}/equipment`, { as: 'seller1' })).body.total).toBe(3);

    // Completing again is refused and adds nothing.
    expect((await act('engineer1', o, 'complete', completion('SN-A'))).status).toBe(409);
    expect(await s.em().count(Equipment, { installation: o })).toBe(3);
  });

  it('puts the units in the register once when two completions race', async () => {
    for (let round = 0; round < 3; round++) {
      const o = await scheduled();
      const [a, b] = await Promise.all([act('engineer1', o, 'complete', completion(`RACE${round}`)), act('service.head', o, 'complete', completion(`RACE${round}`))]);
      expect([a.status, b.status].sort(), JSON.stringify([a.body, b.body])).toEqual([200, 409]);
      expect(await s.em().fork().count(Equipment, { installation: o })).toBe(3);
    }
  });

  it('refuses moves the status does not allow, and serials that do not match the lines or are taken', async () => {
    const o = (await newOrder()).body.id;
    const early = await act('service.head', o, 'schedule', { date: '2031-06-01', engineerId: id.engineer1 });
    expect(early.status).toBe(409);
    expect(paths(early)).toEqual(['status']);
    expect((await act('service.head', o, 'complete', completion('X'))).status).toBe(409);

    const sch = await scheduled();
    const short = await act('engineer1', sch, 'complete', { ...completion('S'), equipment: serials('S').slice(0, 2) });
    expect(short.status).toBe(400);
    expect(paths(short)).toEqual(['equipment']);
    const taken = await act('engineer1', sch, 'complete', completion('SN-A'));
    expect(taken.status).toBe(409);
    expect(paths(taken)).toEqual(['equipment[0].serialNumber']);
    const notEngineer = await act('service.head', (await (async () => { const x = (await newOrder()).body.id; await act('service.head', x, 'accept', {}); return x; })()), 'schedule', { date: '2031-06-01', engineerId: id.seller1 });
    expect(notEngineer.status).toBe(422);
    expect(paths(notEngineer)).toEqual(['engineerId']);

    const cancelled = await act('seller1', o, 'cancel', { reason: 'Клиент передумал' });
    expect(cancelled.body.status).toBe('cancelled');
    expect((await act('service.head', o, 'accept', {})).status).toBe(409);
  });

  it('names the field of bad input on every write', async () => {
    const bad = await s.call<Problem>('POST', '/api/installations', { as: 'seller1', body: { clientId, contractNumber: ' ', installBy: '2031-13-01', siteAddress: 'x', lines: [] } });
    expect(bad.status).toBe(400);
    expect(paths(bad)?.sort()).toEqual(['contractNumber', 'installBy', 'lines']);
    const o = (await newOrder()).body.id;
    expect(paths(await act('service.head', o, 'return', { missing: 'x' }))).toEqual(['deadline']);
    expect(paths(await act('service.head', o, 'schedule', { date: 'soon', engineerId: id.engineer1 }))).toEqual(['date']);
    expect((await s.call<Problem>('PATCH', `/api/installations/${o}`, { as: 'seller1', body: { installBy: '2031-01-01' } })).body.problems?.map((p) => p.path)).toEqual(['version']);
    expect(paths(await s.call<Problem>('POST', '/api/equipment', { as: 'engineer1', body: { clientId, model: 'M', serialNumber: '', siteAddress: 'a' } }))).toEqual(['serialNumber']);
    expect(paths(await s.call<Problem>('POST', '/api/service-visits', { as: 'engineer1', body: { equipmentId: crypto.randomUUID(), plannedDate: '2031-01-01', engineerId: id.engineer1, kind: 'cleaning' } }))).toEqual(['kind']);
    expect(paths(await s.call<Problem>('POST', '/api/consultations', { as: 'engineer1', body: { clientId, question: 'Шумит компрессор', durationMinutes: -1 } }))).toEqual(['durationMinutes']);
    expect((await s.call<Problem>('GET', '/api/equipment?status=broken', { as: 'engineer1' })).status).toBe(400);
  });
});

describe('the register, visits and consultations', () => {
  it('keeps a serial number unique per model, computes the status and flags contracts ending soon', async () => {
    const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const body = { clientId, model: 'Камера КХН-6', serialNumber: 'K-77', siteAddress: 'Склад', contractNumber: 'СО-1', contractFrom: '2025-01-01', contractTo: soon };
    const made = await s.call<Unit & Problem>('POST', '/api/equipment', { as: 'engineer1', body });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ status: 'in-service', expiringSoon: true });
    const twice = await s.call<Problem>('POST', '/api/equipment', { as: 'engineer2', body });
    expect(twice.status).toBe(409);
    expect(paths(twice)).toEqual(['serialNumber']);
    expect((await s.call('POST', '/api/equipment', { as: 'engineer2', body: { ...body, model: 'Камера КХН-8' } })).status).toBe(201);

    const expired = await s.call<Unit>('PATCH', `/api/equipment/${made.body.id}`, { as: 'service.head', body: { version: made.body.version, contractTo: '2025-12-31' } });
    expect(expired.body).toMatchObject({ status: 'contract-expired', expiringSoon: false });
    const removed = await s.call<Unit>('PATCH', `/api/equipment/${made.body.id}`, { as: 'service.head', body: { version: expired.body.version, removedOn: '2026-01-10' } });
    expect(removed.body.status).toBe('removed');
    expect((await s.call<Problem>('PATCH', `/api/equipment/${made.body.id}`, { as: 'service.head', body: { version: expired.body.version, notes: 'старая версия' } })).status).toBe(409);
    const listed = await s.call<Page<Unit>>('GET', `/api/equipment?clientId=${clientId}&status=removed`, { as: 'engineer1' });
    expect(listed.body.items.map((u) => u.serialNumber)).toEqual(['K-77']);
    expect((await s.call<Page<Unit>>('GET', '/api/equipment?q=K-77&expiringSoon=true', { as: 'engineer1' })).body.items.map((u) => u.model)).toEqual(['Камера КХН-8']);
  });

  it('plans a visit, records its result, and records a phone consultation', async () => {
    const unit = (await s.call<Page<Unit>>('GET', `/api/clients/${clientId}/equipment?q=SN-A-1`, { as: 'engineer1' })).body.items[0]!;
    const visit = await s.call<{ id: string; version: number; kind: string; engineer: { id: string }; doneAt: string | null } & Problem>('POST', '/api/service-visits', { as: 'service.head', body: { equipmentId: unit.id, plannedDate: '2031-09-01', engineerId: id.engineer1, kind: 'maintenance' } });
    expect(visit.status, JSON.stringify(visit.body)).toBe(201);
    const done = await s.call<{ result: string; doneAt: string }>('PATCH', `/api/service-visits/${visit.body.id}`, { as: 'engineer1', body: { version: visit.body.version, result: 'Почищен конденсатор', doneAt: '2031-09-01T10:00:00Z' } });
    expect(done.body).toMatchObject({ result: 'Почищен конденсатор', doneAt: '2031-09-01T10:00:00.000Z' });
    expect((await s.call<Page<unknown>>('GET', `/api/service-visits?engineerId=${id.engineer1}&done=true&from=2031-09-01&to=2031-09-30`, { as: 'engineer1' })).body.total).toBe(1);

    const call = await s.call<{ id: string; by: { id: string }; equipment: { id: string } } & Problem>('POST', '/api/consultations', { as: 'engineer2', body: { clientId, equipmentId: unit.id, question: 'Витрина не держит температуру', answer: 'Проверить уплотнитель двери', durationMinutes: 12 } });
    expect(call.status, JSON.stringify(call.body)).toBe(201);
    expect(call.body.equipment.id).toBe(unit.id);
    expect((await s.call<Page<unknown>>('GET', `/api/consultations?clientId=${clientId}&q=уплотнитель`, { as: 'seller1' })).body.total).toBe(1);
    const other = await s.call<Problem>('POST', '/api/consultations', { as: 'engineer2', body: { clientId: await newClient('seller2'), equipmentId: unit.id, question: '?', durationMinutes: 1 } });
    expect(paths(other)).toEqual(['equipmentId']);
  });
});

describe('who sees and who changes service records', () => {
  it('hides another team\'s client (404) and lets sellers only read', async () => {
    const foreign = await newClient('seller2');
    expect((await s.call('GET', `/api/clients/${foreign}/equipment`, { as: 'seller1' })).status).toBe(404);
    expect((await newOrder('seller1', foreign)).status).toBe(404);
    expect((await s.call('GET', `/api/clients/${foreign}/equipment`, { as: 'engineer1' })).status).toBe(200);
    const o = (await newOrder('seller2', foreign)).body.id;
    expect((await s.call('GET', `/api/installations/${o}`, { as: 'seller1' })).status).toBe(404);
    expect((await s.call<Page<{ id: string }>>('GET', '/api/installations?limit=200', { as: 'seller1' })).body.items.some((x) => x.id === o)).toBe(false);
    expect((await s.call('POST', '/api/equipment', { as: 'seller1', body: { clientId, model: 'M', serialNumber: 'S-1', siteAddress: 'a' } })).status).toBe(403);
    expect((await s.call('POST', '/api/consultations', { as: 'seller1', body: { clientId, question: '?', durationMinutes: 1 } })).status).toBe(403);
  });

  it('audits every write', async () => {
    const o = (await newOrder()).body.id;
    await act('service.head', o, 'accept', {});
    const rows = await s.em().fork().find(AuditEntry, { targetId: o }, { orderBy: { at: 'asc' } });
    expect(rows.map((r) => [r.action, r.actorLabel])).toEqual([['installation.create', demoEmail('seller1')], ['installation.accept', demoEmail('service.head')]]);
  });
});

describe('a route updating an installation order', () => {
  it('makes the same moves, refuses what a person could not do, and changes nothing when repeated', async () => {
    const o = (await newOrder()).body.id;
    const caseId = crypto.randomUUID();
    const em = () => s.em().fork();
    await installationUpdates.apply(em(), o, { status: 'accepted' }, caseId);
    await installationUpdates.apply(em(), o, { status: 'accepted' }, caseId);
    await expect(installationUpdates.apply(em(), o, { status: 'done', act_number: 'A', act_date: '2031-01-01', serial_numbers: 'x' }, caseId)).rejects.toMatchObject({ code: 'unprocessable' });
    await expect(installationUpdates.apply(em(), o, { status: 'scheduled', scheduled_date: '2031-06-01' }, caseId)).rejects.toMatchObject({ problems: [{ path: 'engineer_email' }] });
    await installationUpdates.apply(em(), o, { status: 'scheduled', scheduled_date: '2031-06-01', engineer_email: demoEmail('engineer2') }, caseId);
    const done = { status: 'done', act_number: 'А-77', act_date: '2031-06-01', serial_numbers: 'RT-1, RT-2\nRT-3' };
    await Promise.all([installationUpdates.apply(em(), o, done, caseId), installationUpdates.apply(em(), o, done, caseId)]);
    await installationUpdates.apply(em(), o, done, caseId);
    const order = (await s.call<Order>('GET', `/api/installations/${o}`, { as: 'service.head' })).body;
    expect(order).toMatchObject({ status: 'done', actNumber: 'А-77', doneBy: { id: (await s.em().findOneOrFail(Employee, { email: demoEmail('engineer2') })).id } });
    expect(order.history.map((h) => [h.move, h.caseId === caseId])).toEqual([['create', false], ['accept', true], ['schedule', true], ['complete', true]]);
    expect(order.equipment.map((e) => e.serialNumber).sort()).toEqual(['RT-1', 'RT-2', 'RT-3']);
    const audited = await em().find(AuditEntry, { targetId: o, actorKind: 'case' });
    expect(audited.map((a) => a.action).sort()).toEqual(['installation.accept', 'installation.complete', 'installation.schedule']);
  });
});
