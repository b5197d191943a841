// The client reports against the real stack, on records made through the API: payments in 2031
// (no demo data there) for ABC, XYZ, stages and retention, figures worked out by hand; clients of
// the sales assistant (who owns no demo clients) for completeness and marketing; deals won today
// for VIP. Each endpoint also gets bad input and a reader who may not see it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail } from '../../../infra/db/demo-data.ts';
import { startTestStack, type TestStack } from '../../../infra/testing/stack.ts';

let s: TestStack;
const ids: Record<string, string> = {};
const K = 100_000; // one unit of the hand-computed figures: 1,000 rubles in kopecks
let docSeq = 0;

async function employeeId(key: string): Promise<string> {
  const res = await s.call<{ items: { id: string; email: string }[] }>('GET', '/api/employees', { as: 'admin' });
  return res.body.items.find((e) => e.email === demoEmail(key))!.id;
}

async function client(as: string, name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await s.call<{ id: string }>('POST', '/api/clients', { as, body: { name, kind: 'person', confirmDuplicate: true, ...extra } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

/** An invoice of `total` units paid by the given payments (day, units). */
async function invoicePaid(as: string, clientId: string, payments: [string, number][]): Promise<void> {
  const total = payments.reduce((sum, [, v]) => sum + v, 0) * K;
  const inv = await s.call<{ id: string }>('POST', '/api/invoices', { as, body: { clientId, amount: total, issueDate: payments[0]![0], dueDate: payments[0]![0] } });
  expect(inv.status, JSON.stringify(inv.body)).toBe(201);
  for (const [paidOn, v] of payments) {
    const paid = await s.call('POST', `/api/invoices/${inv.body.id}/payments`, { as, body: { paidOn, amount: v * K, documentNumber: `ПП-${++docSeq}` } });
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
  }
}

const monthly = (values: number[]): [string, number][] => values.flatMap((v, i) => (v ? [[`2031-0${i + 1}-15`, v] as [string, number]] : []));

async function deal(as: string, clientId: string, amount: number, outcome?: 'won'): Promise<string> {
  const res = await s.call<{ id: string }>('POST', '/api/deals', { as, body: { clientId, title: 'Витрины', amount, startRoute: false } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  if (outcome) expect((await s.call('POST', `/api/deals/${res.body.id}/close`, { as, body: { outcome } })).status).toBe(200);
  return res.body.id;
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  s = await startTestStack();
  for (const k of ['seller1', 'seller2', 'seller3', 'assistant', 'sales.head']) ids[k] = await employeeId(k);
  // ABC/XYZ: five clients, January to June 2031 (units of 1,000 rubles).
  ids.p1 = await client('seller1', 'Отчёт П1', { stage: 'regular' });
  await invoicePaid('seller1', ids.p1, monthly([100, 100, 100]));
  await invoicePaid('seller1', ids.p1, monthly([0, 0, 0, 100, 100, 100]));
  ids.p2 = await client('seller1', 'Отчёт П2');
  await invoicePaid('seller1', ids.p2, monthly([0, 300, 0, 300, 0, 300]));
  ids.p3 = await client('seller2', 'Отчёт П3');
  await invoicePaid('seller2', ids.p3, monthly([50, 60, 40, 50, 50, 50]));
  ids.p4 = await client('seller2', 'Отчёт П4');
  await invoicePaid('seller2', ids.p4, monthly([0, 0, 0, 0, 0, 60]));
  ids.p5 = await client('seller2', 'Отчёт П5');
  await invoicePaid('seller2', ids.p5, monthly([40]));
});
afterAll(async () => s?.close());

const H1 = 'from=2031-01-01&to=2031-06-30';
const mine = <T extends { client: { id: string } }>(items: T[]) => items.filter((i) => [ids.p1, ids.p2, ids.p3, ids.p4, ids.p5].includes(i.client.id));

describe('ABC', () => {
  it('ranks the five clients by revenue: 19,000 in all; A up to 80% of it, B up to 95%', async () => {
    const res = await s.call<{ total: number; classes: { class: string; clients: number; value: number; share: number }[]; items: { client: { id: string; name: string }; value: number; share: number; cumulativeShare: number; class: string }[] }>('GET', `/api/reports/clients/abc?${H1}`, { as: 'director' });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(1900 * K);
    expect(res.body.items.map((i) => [i.client.name, i.value / K, i.cumulativeShare.toFixed(4), i.class])).toEqual([
      ['Отчёт П2', 900, '0.4737', 'A'], ['Отчёт П1', 600, '0.7895', 'A'], ['Отчёт П3', 300, '0.9474', 'A'], ['Отчёт П4', 60, '0.9789', 'B'], ['Отчёт П5', 40, '1.0000', 'C'],
    ]);
    expect(res.body.classes.map((c) => [c.class, c.clients, c.value / K, c.share.toFixed(4)])).toEqual([['A', 3, 1800, '0.9474'], ['B', 1, 60, '0.0316'], ['C', 1, 40, '0.0211']]);
  });

  it('takes thresholds, and a head sees his people only: one seller\'s clients, none for the head of service', async () => {
    const strict = await s.call<{ items: { class: string }[] }>('GET', `/api/reports/clients/abc?${H1}&a=0.5&b=0.9`, { as: 'director' });
    expect(strict.body.items.map((i) => i.class)).toEqual(['A', 'A', 'B', 'C', 'C']); // П1 has 47% before it: still A
    const one = await s.call<{ items: { client: { id: string } }[] }>('GET', `/api/reports/clients/abc?${H1}&employeeId=${ids.seller1}`, { as: 'sales.head' });
    expect(one.status).toBe(200);
    expect(one.body.items.map((i) => i.client.id)).toEqual([ids.p2, ids.p1]);
    const service = await s.call<{ items: unknown[] }>('GET', `/api/reports/clients/abc?${H1}`, { as: 'service.head' });
    expect(service.status).toBe(200);
    expect(service.body.items).toEqual([]);
  });

  it('refuses bad input naming the parameter, margin for want of a cost price, and readers who are not heads', async () => {
    const bad = async (query: string, path: string) => {
      const res = await s.call<{ problems: { path: string; message: string }[] }>('GET', `/api/reports/clients/abc?${query}`, { as: 'director' });
      expect(res.status).toBe(400);
      expect(res.body.problems.map((p) => p.path)).toContain(path);
      return res.body.problems;
    };
    await bad('from=2031-13-01&to=2031-06-30', 'query.from');
    await bad('to=2031-06-30', 'query.from');
    await bad('from=2031-07-01&to=2031-06-30', 'query.from');
    await bad('from=2028-01-01&to=2031-01-01', 'query.to');
    await bad(`${H1}&a=0.9&b=0.8`, 'query.b');
    await bad(`${H1}&employeeId=nobody`, 'query.employeeId');
    expect((await bad(`${H1}&measure=margin`, 'query.measure'))[0]!.message).toMatch(/cost price/);
    expect((await s.call('GET', `/api/reports/clients/abc?from=2028-01-01&to=2030-12-31`, { as: 'director' })).status).toBe(200);
    expect((await s.call('GET', `/api/reports/clients/abc?${H1}`, { as: 'seller1' })).status).toBe(403);
    expect((await s.call('GET', `/api/reports/clients/abc?${H1}&employeeId=${ids.seller1}`, { as: 'service.head' })).status).toBe(403);
  });
});

describe('XYZ', () => {
  it('gives each buyer its months, the coefficient of variation, the class and the ABC x XYZ matrix', async () => {
    const res = await s.call<{ months: string[]; items: { client: { id: string; name: string }; monthly: number[]; mean: number; cv: number; class: string; abcClass: string }[]; matrix: { abc: string; xyz: string; clients: number }[] }>('GET', `/api/reports/clients/xyz?${H1}`, { as: 'director' });
    expect(res.status).toBe(200);
    expect(res.body.months).toEqual(['2031-01', '2031-02', '2031-03', '2031-04', '2031-05', '2031-06']);
    expect(Object.fromEntries(res.body.items.map((i) => [i.client.name, [i.monthly.map((m) => m / K).join(' '), (i.mean / K).toFixed(2), i.cv.toFixed(2), i.class]]))).toEqual({
      'Отчёт П1': ['100 100 100 100 100 100', '100.00', '0.00', 'X'],
      'Отчёт П2': ['0 300 0 300 0 300', '150.00', '1.00', 'Z'],
      'Отчёт П3': ['50 60 40 50 50 50', '50.00', '0.12', 'Y'],
      'Отчёт П4': ['0 0 0 0 0 60', '10.00', '2.24', 'Z'],
      'Отчёт П5': ['40 0 0 0 0 0', '6.67', '2.24', 'Z'],
    });
    expect(res.body.matrix.filter((c) => c.clients).map((c) => `${c.abc}${c.xyz}:${c.clients}`)).toEqual(['AX:1', 'AY:1', 'AZ:1', 'BZ:1', 'CZ:1']);
    // A looser Y takes П3 to X.
    const loose = await s.call<{ items: { client: { id: string }; class: string }[] }>('GET', `/api/reports/clients/xyz?${H1}&x=0.2`, { as: 'director' });
    expect(loose.body.items.find((i) => i.client.id === ids.p3)!.class).toBe('X');
  });

  it('refuses bad thresholds and readers who are not heads', async () => {
    const res = await s.call<{ problems: { path: string }[] }>('GET', `/api/reports/clients/xyz?${H1}&x=0.3&y=0.2`, { as: 'director' });
    expect(res.status).toBe(400);
    expect(res.body.problems.map((p) => p.path)).toEqual(['query.y']);
    expect((await s.call('GET', `/api/reports/clients/xyz?${H1}&x=abc`, { as: 'director' })).status).toBe(400);
    expect((await s.call('GET', `/api/reports/clients/xyz?${H1}`, { as: 'marketer' })).status).toBe(403);
  });
});

describe('relationship stages', () => {
  type Stages = { stages: { stage: string; recorded: number; computed: number }[]; differing: { client: { id: string }; recorded: string; computed: string; purchasesLast12Months: number; lastPurchaseOn: string | null }[]; retention: Record<string, unknown> };
  it('computes the stage from purchases, lists the clients recorded otherwise, and the retention against the month before', async () => {
    const res = await s.call<Stages>('GET', '/api/reports/clients/stages?from=2031-02-01&to=2031-02-28', { as: 'director' });
    expect(res.status).toBe(200);
    // By the end of February every one of them had made one purchase (П1's second invoice was first paid in April):
    // all one-time, though П1 is recorded as regular and the others as potential. П4 first bought in June.
    expect(mine(res.body.differing).map((d) => [d.client.id, d.recorded, d.computed, d.purchasesLast12Months])).toEqual(
      [[ids.p1, 'regular', 'one-time', 1], [ids.p2, 'potential', 'one-time', 1], [ids.p3, 'potential', 'one-time', 1], [ids.p5, 'potential', 'one-time', 1]],
    );
    const sum = (k: 'recorded' | 'computed') => res.body.stages.reduce((n, st) => n + st[k], 0);
    expect(sum('recorded')).toBe(sum('computed'));
    // January's buyers П1, П3, П5; February's П1, П2, П3: two of three came back.
    expect(res.body.retention).toEqual({ previousFrom: '2031-01-01', previousTo: '2031-01-31', previousBuyers: 3, retained: 2, ratio: 2 / 3 });
  });

  it('marks a client lost 12 months after its last purchase', async () => {
    const res = await s.call<Stages>('GET', '/api/reports/clients/stages?from=2032-03-01&to=2032-03-31', { as: 'director' });
    const of = (id: string | undefined) => res.body.differing.find((d) => d.client.id === id);
    expect(of(ids.p5)).toMatchObject({ computed: 'lost', lastPurchaseOn: '2031-01-15', purchasesLast12Months: 0 });
    expect(of(ids.p1)).toMatchObject({ recorded: 'regular', computed: 'one-time', purchasesLast12Months: 1 });
  });

  it('refuses bad input and readers who are not heads', async () => {
    expect((await s.call('GET', '/api/reports/clients/stages?from=2031-02-30&to=2031-03-01', { as: 'director' })).status).toBe(400);
    expect((await s.call('GET', '/api/reports/clients/stages?from=2031-02-01', { as: 'director' })).status).toBe(400);
    expect((await s.call('GET', '/api/reports/clients/stages?from=2031-02-01&to=2031-02-28', { as: 'engineer1' })).status).toBe(403);
  });
});

describe('VIP', () => {
  type Vip = { items: { client: { id: string }; owner: { id: string; fullName: string }; wonDeals: number; value: number; tagged: boolean }[] };
  const period = () => ({ from: day(-1), to: day(1), threshold: 500_000_000 });
  const query = () => `from=${period().from}&to=${period().to}&threshold=${period().threshold}`;

  it('finds clients whose won deals reach the threshold, tags them once (management only) and audits each', async () => {
    const v1 = await client('seller1', 'VIP кандидат');
    await deal('seller1', v1, 300_000_000, 'won');
    await deal('seller1', v1, 250_000_000, 'won');
    const v2 = await client('seller1', 'Почти VIP');
    await deal('seller1', v2, 400_000_000, 'won');
    await deal('seller1', v2, 900_000_000); // open: does not count

    const found = await s.call<Vip>('GET', `/api/reports/clients/vip?${query()}`, { as: 'sales.head' });
    expect(found.status).toBe(200);
    expect(found.body.items.find((i) => i.client.id === v1)).toEqual({ client: { id: v1, name: 'VIP кандидат' }, owner: { id: ids.seller1, fullName: 'Дмитрий Иванов' }, wonDeals: 2, value: 550_000_000, tagged: false });
    expect(found.body.items.find((i) => i.client.id === v2)).toBeUndefined();

    // A head reads the candidates but may not tag them; nothing changes.
    expect((await s.call('POST', '/api/reports/clients/vip', { as: 'sales.head', body: period() })).status).toBe(403);
    const tagsBefore = await s.call<{ items: { name: string }[] }>('GET', '/api/client-tags', { as: 'director' });
    expect(JSON.stringify(tagsBefore.body)).not.toContain('"VIP"');

    const tagged = await s.call<{ tag: { id: string; name: string; created: boolean }; tagged: { client: { id: string } }[]; alreadyTagged: number }>('POST', '/api/reports/clients/vip', { as: 'director', body: period() });
    expect(tagged.status).toBe(200);
    expect(tagged.body.tag).toMatchObject({ name: 'VIP', created: true });
    expect(tagged.body.tagged.map((t) => t.client.id)).toContain(v1);
    const again = await s.call<{ tag: { id: string; created: boolean }; tagged: unknown[]; alreadyTagged: number }>('POST', '/api/reports/clients/vip', { as: 'admin', body: period() });
    expect(again.body).toMatchObject({ tag: { id: tagged.body.tag.id, created: false }, tagged: [], alreadyTagged: tagged.body.tagged.length });

    const card = await s.call<{ tags: { id: string; name: string }[] }>('GET', `/api/clients/${v1}`, { as: 'seller1' });
    expect(card.body.tags.map((t) => t.name)).toEqual(['VIP']);
    const after = await s.call<Vip>('GET', `/api/reports/clients/vip?${query()}`, { as: 'director' });
    expect(after.body.items.find((i) => i.client.id === v1)!.tagged).toBe(true);
    const audit = await s.em().getConnection().execute<{ n: number }[]>(`select count(*)::int as n from audit_entry where action = 'client.vip-tag' and target_id = ?`, [v1]);
    expect(audit[0]!.n).toBe(1);
    // Under the "Лояльность" branch.
    const tree = await s.em().getConnection().execute<{ parent: string | null }[]>(`select p.name as parent from client_tag t left join client_tag p on p.id = t.parent_id where t.id = ?`, [tagged.body.tag.id]);
    expect(tree[0]!.parent).toBe('Лояльность');
  });

  it('refuses bad input and readers who are not heads', async () => {
    expect((await s.call('GET', `/api/reports/clients/vip?from=${day(-1)}&to=${day(1)}`, { as: 'director' })).status).toBe(400);
    expect((await s.call('GET', `/api/reports/clients/vip?from=${day(-1)}&to=${day(1)}&threshold=-5`, { as: 'director' })).status).toBe(400);
    expect((await s.call('POST', '/api/reports/clients/vip', { as: 'director', body: { from: day(1), to: day(-1), threshold: 1 } })).status).toBe(400);
    expect((await s.call('POST', '/api/reports/clients/vip', { as: 'director', body: { from: day(-1), to: day(1), threshold: 1, extra: true } })).status).toBe(400);
    expect((await s.call('GET', `/api/reports/clients/vip?${query()}`, { as: 'seller1' })).status).toBe(403);
    expect((await s.call('POST', '/api/reports/clients/vip', { as: 'seller1', body: period() })).status).toBe(403);
  });
});

describe('completeness and marketing (the assistant\'s clients)', () => {
  let tagId: string;
  beforeAll(async () => {
    tagId = (await s.call<{ id: string }>('POST', '/api/client-tags', { as: 'admin', body: { name: 'Сегмент отчёта' } })).body.id;
    ids.full = await client('admin', 'Полный клиент', {
      kind: 'legal', ownerId: ids.assistant, inn: '7707083893', kpp: '773601001', legalAddress: 'Москва, ул. Ленина, 1', region: 'Москва', phones: ['+7 495 123-45-67'],
      email: 'full@report.example', sourceChannel: 'exhibition', interest: 'Витрины', probability: 60, tagIds: [tagId],
      contacts: [{ fullName: 'Анна Смирнова', birthday: { day: 3, month: 4 } }],
    });
    ids.bare = await client('admin', 'Пустой клиент', { ownerId: ids.assistant });
    await deal('admin', ids.full, 1_000_000, 'won');
    await deal('admin', ids.full, 2_000_000);
    await deal('admin', ids.bare, 500_000, 'won');
    const inv = await s.call<{ id: string }>('POST', '/api/invoices', { as: 'admin', body: { clientId: ids.full, amount: 1_000_000, issueDate: day(0), dueDate: day(10) } });
    expect((await s.call('POST', `/api/invoices/${inv.body.id}/payments`, { as: 'admin', body: { paidOn: day(0), amount: 300_000, documentNumber: 'М-1' } })).status).toBe(201);
  });

  it('shows the share filled per field and per owner, and what the least complete client lacks', async () => {
    const res = await s.call<{ clients: number; completeness: number; fields: { field: string; clients: number; filled: number; share: number }[]; owners: Record<string, unknown>[]; leastComplete: { client: { id: string }; completeness: number; missing: string[] }[] }>('GET', `/api/reports/clients/completeness?employeeId=${ids.assistant}`, { as: 'director' });
    expect(res.status).toBe(200);
    expect(res.body.clients).toBe(2);
    expect(res.body.completeness).toBe(0.5); // 11 of 11 and 0 of 10
    expect(Object.fromEntries(res.body.fields.map((f) => [f.field, [f.clients, f.filled]]))).toEqual({
      inn: [2, 1], kpp: [1, 1], phone: [2, 1], email: [2, 1], legalAddress: [2, 1], region: [2, 1], sourceChannel: [2, 1], interest: [2, 1], contact: [2, 1], contactBirthday: [2, 1], probability: [2, 1],
    });
    expect(res.body.owners).toEqual([expect.objectContaining({ owner: { id: ids.assistant, fullName: 'Ольга Новикова' }, clients: 2, completeness: 0.5, inn: 0.5, kpp: 1 })]);
    expect(res.body.leastComplete.map((c) => [c.client.id, c.completeness, c.missing])).toEqual([
      [ids.bare, 0, ['inn', 'phone', 'email', 'legalAddress', 'region', 'sourceChannel', 'interest', 'contact', 'contactBirthday', 'probability']],
      [ids.full, 1, []],
    ]);
    // The whole base for the head of sales: his people's clients, the assistant's among them.
    const head = await s.call<{ clients: number }>('GET', '/api/reports/clients/completeness', { as: 'sales.head' });
    expect(head.body.clients).toBeGreaterThan(2);
  });

  it('refuses bad input and readers who are not heads', async () => {
    const half = await s.call<{ problems: { path: string }[] }>('GET', `/api/reports/clients/completeness?from=${day(0)}`, { as: 'director' });
    expect(half.status).toBe(400);
    expect(half.body.problems.map((p) => p.path)).toEqual(['query.to']);
    expect((await s.call('GET', '/api/reports/clients/completeness', { as: 'seller1' })).status).toBe(403);
    expect((await s.call('GET', `/api/reports/clients/completeness?employeeId=${ids.assistant}`, { as: 'service.head' })).status).toBe(403);
  });

  it('counts new clients, deals, revenue, conversion and the average deal per channel, segment and region', async () => {
    type Marketing = { items: Record<string, unknown>[] };
    const q = (by: string) => `/api/reports/marketing?from=${day(-1)}&to=${day(1)}&employeeId=${ids.assistant}&by=${by}`;
    const full = { newClients: 1, dealsOpened: 2, dealsWon: 1, wonAmount: 1_000_000, revenue: 300_000, conversion: 0.5, averageDeal: 1_000_000 };
    const bare = { key: null, label: null, newClients: 1, dealsOpened: 1, dealsWon: 1, wonAmount: 500_000, revenue: 0, conversion: 1, averageDeal: 500_000 };
    const channel = await s.call<Marketing>('GET', q('channel'), { as: 'director' });
    expect(channel.status).toBe(200);
    expect(channel.body.items).toEqual([{ key: 'exhibition', label: 'exhibition', ...full }, bare]);
    expect((await s.call<Marketing>('GET', q('region'), { as: 'sales.head' })).body.items).toEqual([{ key: 'Москва', label: 'Москва', ...full }, bare]);
    expect((await s.call<Marketing>('GET', q('segment'), { as: 'director' })).body.items).toEqual([{ key: tagId, label: 'Сегмент отчёта', ...full }, bare]);
  });

  it('refuses a bad grouping, a bad period and readers who are not heads', async () => {
    expect((await s.call('GET', `/api/reports/marketing?from=${day(-1)}&to=${day(1)}&by=city`, { as: 'director' })).status).toBe(400);
    expect((await s.call('GET', `/api/reports/marketing?from=${day(1)}&to=${day(-1)}`, { as: 'director' })).status).toBe(400);
    expect((await s.call('GET', `/api/reports/marketing?from=${day(-1)}&to=${day(1)}`, { as: 'marketer' })).status).toBe(403);
    expect((await s.call('GET', `/api/reports/marketing?from=${day(-1)}&to=${day(1)}&employeeId=${ids.assistant}`, { as: 'service.head' })).status).toBe(403);
  });
});
