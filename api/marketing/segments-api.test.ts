// Segments on fixed clients (a region of their own, so the demo company does not interfere): what
// each filter selects - tags with their hierarchy, stage, channel, consent, e-mail, purchase
// history - the preview's count against the members' total, and who may do what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SegmentFilter } from '../../domain/marketing/segment-filter.ts';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';
import { makeClient, makeDeal, makeTag } from './fixtures.ts';

let s: TestStack;
const REGION = 'Сегментия';
const t: Record<string, string> = {};
const id: Record<string, string> = {};

beforeAll(async () => {
  s = await startTestStack();
  const em = s.em();
  t.interest = await makeTag(em, 'Тест-Интерес');
  t.hot = await makeTag(em, 'Горячий', t.interest);
  t.warm = await makeTag(em, 'Тёплый', t.interest);
  t.size = await makeTag(em, 'Тест-Размер');
  t.big = await makeTag(em, 'Крупный', t.size);
  id.a = await makeClient(em, { name: 'Сегм А', region: REGION, owner: 'seller1', stage: 'regular', sourceChannel: 'exhibition', tags: [t.hot, t.big] });
  id.b = await makeClient(em, { name: 'Сегм Б', region: REGION, owner: 'seller2', stage: 'one-time', sourceChannel: 'website', consent: false, email: null, tags: [t.warm] });
  id.c = await makeClient(em, { name: 'Сегм В', region: REGION, owner: 'seller1', stage: 'potential', sourceChannel: 'website', tags: [t.big] });
  id.d = await makeClient(em, { name: 'Сегм Г', region: REGION, owner: 'seller2', stage: 'lost', email: null });
  // A: two purchases in 2026 (1 000 + 500 rubles); B: one (300); D: one in 2025 (100).
  await makeDeal(em, id.a, { createdAt: new Date('2026-02-01T09:00:00Z'), status: 'won', amount: 100_000, payments: [['2026-03-02', 100_000]] });
  await makeDeal(em, id.a, { createdAt: new Date('2026-02-10T09:00:00Z'), status: 'won', amount: 50_000, payments: [['2026-03-20', 50_000]] });
  await makeDeal(em, id.b, { createdAt: new Date('2026-04-01T09:00:00Z'), status: 'won', amount: 30_000, payments: [['2026-05-05', 30_000]] });
  await makeDeal(em, id.d, { createdAt: new Date('2025-04-01T09:00:00Z'), status: 'won', amount: 10_000, payments: [['2025-05-05', 10_000]] });
});

afterAll(async () => {
  await s?.close();
});

async function names(filter: Omit<SegmentFilter, 'regions'>): Promise<string[]> {
  const res = await s.call<{ count: number; sample: { name: string }[] }>('POST', '/api/segments/preview', { as: 'marketer', body: { filter: { ...filter, regions: [REGION] } } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.count).toBe(res.body.sample.length);
  return res.body.sample.map((m) => m.name);
}

const year2026 = { from: '2026-01-01', to: '2026-12-31' };

describe('what a segment selects', () => {
  it('follows the tag hierarchy: a parent tag includes its children; all of / none of', async () => {
    expect(await names({ tags: { any: [t.interest!] } })).toEqual(['Сегм А', 'Сегм Б']);
    expect(await names({ tags: { all: [t.interest!, t.big!] } })).toEqual(['Сегм А']);
    expect(await names({ tags: { none: [t.interest!] } })).toEqual(['Сегм В', 'Сегм Г']);
    expect(await names({ tags: { any: [t.hot!] } })).toEqual(['Сегм А']);
  });

  it('filters on stage, source channel, owner, consent and e-mail', async () => {
    expect(await names({ stages: ['regular', 'lost'] })).toEqual(['Сегм А', 'Сегм Г']);
    expect(await names({ sourceChannels: ['website'] })).toEqual(['Сегм Б', 'Сегм В']);
    expect(await names({ marketingConsent: true })).toEqual(['Сегм А', 'Сегм В', 'Сегм Г']);
    expect(await names({ hasEmail: true })).toEqual(['Сегм А', 'Сегм В']);
    expect(await names({ hasEmail: false })).toEqual(['Сегм Б', 'Сегм Г']);
    expect(await names({ tags: { any: [t.interest!] }, marketingConsent: true })).toEqual(['Сегм А']);
  });

  it('filters on purchase history: bought in a period, number of paid invoices, total paid', async () => {
    expect(await names({ purchases: { ...year2026, bought: true } })).toEqual(['Сегм А', 'Сегм Б']);
    expect(await names({ purchases: { ...year2026, bought: false } })).toEqual(['Сегм В', 'Сегм Г']);
    expect(await names({ purchases: { ...year2026, minCount: 2 } })).toEqual(['Сегм А']);
    expect(await names({ purchases: { ...year2026, minPaid: 40_000 } })).toEqual(['Сегм А']);
    expect(await names({ purchases: { ...year2026, maxPaid: 40_000 } })).toEqual(['Сегм Б', 'Сегм В', 'Сегм Г']);
    expect(await names({ purchases: { bought: true } })).toEqual(['Сегм А', 'Сегм Б', 'Сегм Г']);
  });
});

describe('saved segments', () => {
  it('saves one; its count and members match the preview; changes on the version read; deletes', async () => {
    const filter = { regions: [REGION], marketingConsent: true };
    const created = await s.call<{ id: string; count: number; version: number }>('POST', '/api/segments', { as: 'marketer', body: { name: 'Согласные в Сегментии', filter } });
    expect(created.status).toBe(201);
    expect(created.body.count).toBe(3);
    const members = await s.call<{ items: { name: string }[]; total: number }>('GET', `/api/segments/${created.body.id}/members?limit=2&offset=0`, { as: 'sales.head' });
    expect(members.status).toBe(200);
    expect(members.body.total).toBe(3);
    expect(members.body.items.map((m) => m.name)).toEqual(['Сегм А', 'Сегм В']);
    const page2 = await s.call<{ items: { name: string }[] }>('GET', `/api/segments/${created.body.id}/members?limit=2&offset=2`, { as: 'marketer' });
    expect(page2.body.items.map((m) => m.name)).toEqual(['Сегм Г']);
    const changed = await s.call<{ count: number; version: number }>('PUT', `/api/segments/${created.body.id}`, { as: 'marketer', body: { version: created.body.version, name: 'Все в Сегментии', filter: { regions: [REGION] } } });
    expect(changed.status).toBe(200);
    expect(changed.body.count).toBe(4);
    const stale = await s.call('PUT', `/api/segments/${created.body.id}`, { as: 'marketer', body: { version: created.body.version, name: 'Старое', filter } });
    expect(stale.status).toBe(409);
    const list = await s.call<{ items: { id: string }[] }>('GET', '/api/segments', { as: 'director' });
    expect(list.body.items.map((x) => x.id)).toContain(created.body.id);
    expect((await s.call('DELETE', `/api/segments/${created.body.id}`, { as: 'marketer' })).status).toBe(204);
    expect((await s.call('GET', `/api/segments/${created.body.id}`, { as: 'marketer' })).status).toBe(404);
  });

  it('refuses bad filters naming the field', async () => {
    const bad = await s.call<{ problems: { path: string }[] }>('POST', '/api/segments/preview', { as: 'marketer', body: { filter: { stages: ['vip'] } } });
    expect(bad.status).toBe(400);
    expect(bad.body.problems.map((p) => p.path).join()).toContain('stages');
    const period = await s.call<{ problems: { path: string }[] }>('POST', '/api/segments/preview', { as: 'marketer', body: { filter: { purchases: { from: '2026-05-01', to: '2026-01-01' } } } });
    expect(period.status).toBe(400);
    expect((await s.call('POST', '/api/segments', { as: 'marketer', body: { name: ' ', filter: {} } })).status).toBe(400);
    expect((await s.call('POST', '/api/segments/preview', { as: 'marketer', body: { filter: { unknown: 1 } } })).status).toBe(400);
  });

  it('is managed by marketing, read by heads, closed to other employees', async () => {
    expect((await s.call('POST', '/api/segments/preview', { as: 'seller1', body: { filter: {} } })).status).toBe(403);
    expect((await s.call('GET', '/api/segments', { as: 'seller1' })).status).toBe(403);
    expect((await s.call('POST', '/api/segments', { as: 'sales.head', body: { name: 'X', filter: {} } })).status).toBe(403);
    expect((await s.call('GET', '/api/segments', { as: 'sales.head' })).status).toBe(200);
  });
});
