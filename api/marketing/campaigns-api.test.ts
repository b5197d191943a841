// Campaigns end to end as far as marketing goes: created from a template (messages copied into
// the campaign's own mail templates), started once as a case of its route, cancelled; recipients
// frozen once by the `campaign.recipients` source; responses recorded once whether a person or the
// route's `campaign.record-response` reports them; effectiveness against hand-computed figures.
import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIST_SOURCES } from '../../domain/processes/list-sources.ts';
import { ROUTE_OPERATIONS, type OperationContext } from '../../domain/processes/route-operations.ts';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';
import { makeClient, makeDeal } from './fixtures.ts';

let s: TestStack;
let templateId: string;
let segmentId: string;
const R1 = 'Эффектия-1';
const R2 = 'Эффектия-2';
const c: Record<string, string> = {};
const SENT = new Date('2026-06-01T09:00:00Z');

const ctx = (em: EntityManager, over: Partial<OperationContext> = {}): OperationContext => ({
  em, processId: crypto.randomUUID(), parentProcessId: null, record: null, variables: {}, forms: {}, key: `k-${crypto.randomUUID()}`, at: SENT, actorId: null, ...over,
});

async function newCampaign(body: Record<string, unknown> = {}) {
  const res = await s.call<{ id: string; status: string; version: number; mainTemplateId: string; reminderTemplateId: string | null; processId: string | null }>('POST', '/api/campaigns', {
    as: 'marketer', body: { templateId, name: `Кампания ${crypto.randomUUID().slice(0, 6)}`, segmentId, budget: 1_000_000, ...body },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

beforeAll(async () => {
  s = await startTestStack();
  await s.startWorker();
  const em = s.em();
  c.e1 = await makeClient(em, { name: 'Эфф 1', region: R1, owner: 'seller1' });
  c.e2 = await makeClient(em, { name: 'Эфф 2', region: R1, owner: 'seller2' });
  c.e3 = await makeClient(em, { name: 'Эфф 3', region: R2, owner: 'seller1' });
  c.e4 = await makeClient(em, { name: 'Эфф 4', region: R2, owner: 'seller2' });
  const templates = await s.call<{ items: { id: string; key: string }[] }>('GET', '/api/campaign-templates', { as: 'marketer' });
  templateId = templates.body.items.find((t) => t.key === 'event-invitation')!.id;
  const seg = await s.call<{ id: string }>('POST', '/api/segments', { as: 'marketer', body: { name: 'Эффектия', filter: { regions: [R1, R2] } } });
  segmentId = seg.body.id;
});

afterAll(async () => {
  await s?.close();
});

describe('a campaign', () => {
  it('is created from a template with its own copies of the messages', async () => {
    const camp = await newCampaign({ name: 'Весенняя акция' });
    expect(camp.status).toBe('planned');
    const rows = await s.em().getConnection().execute<{ id: string; subject: string; campaign_id: string }[]>('select id, subject, campaign_id from mail_template where campaign_id = ?', [camp.id]);
    expect(rows.map((r) => r.id).sort()).toEqual([camp.mainTemplateId, camp.reminderTemplateId].sort());
    expect(rows.find((r) => r.id === camp.mainTemplateId)!.subject).toBe('{{ client.name }}, приглашаем вас');
  });

  it('starts its case once, gives the owner the first step, and cancels', async () => {
    const camp = await newCampaign();
    const started = await s.call<{ status: string; processId: string }>('POST', `/api/campaigns/${camp.id}/start`, { as: 'marketer' });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect(started.body.status).toBe('running');
    const again = await s.call<{ processId: string }>('POST', `/api/campaigns/${camp.id}/start`, { as: 'marketer' });
    expect(again.body.processId).toBe(started.body.processId);
    const step = await s.em().getConnection().execute<{ email: string }[]>('select e.email from assignment a join employee e on e.id = a.assignee_id where a.process_id = ?', [started.body.processId]);
    expect(step.map((r) => r.email)).toEqual(['marketer@leader.example']);
    const cancelled = await s.call<{ status: string }>('POST', `/api/campaigns/${camp.id}/cancel`, { as: 'marketer', body: {} });
    expect(cancelled.body.status).toBe('cancelled');
    const p = await s.em().getConnection().execute<{ status: string }[]>('select status from process where id = ?', [started.body.processId]);
    expect(p[0]!.status).toBe('cancelled');
    expect((await s.call('POST', `/api/campaigns/${camp.id}/start`, { as: 'marketer' })).status).toBe(409);
  });

  it('needs a segment to start; refuses bad input and other employees', async () => {
    const camp = await newCampaign({ segmentId: null });
    expect((await s.call('POST', `/api/campaigns/${camp.id}/start`, { as: 'marketer' })).status).toBe(422);
    expect((await s.call('POST', '/api/campaigns', { as: 'marketer', body: { templateId, name: 'X', budget: -1 } })).status).toBe(400);
    expect((await s.call('POST', '/api/campaigns', { as: 'marketer', body: { templateId: crypto.randomUUID(), name: 'X' } })).status).toBe(422);
    expect((await s.call('POST', '/api/campaigns', { as: 'seller1', body: { templateId, name: 'X' } })).status).toBe(403);
    expect((await s.call('GET', `/api/campaigns/${camp.id}`, { as: 'seller1' })).status).toBe(403);
    expect((await s.call('GET', `/api/campaigns/${camp.id}`, { as: 'sales.head' })).status).toBe(200);
    expect((await s.call('POST', `/api/campaigns/${camp.id}/start`, { as: 'sales.head' })).status).toBe(403);
    expect((await s.call('PUT', `/api/campaigns/${camp.id}`, { as: 'marketer', body: { version: camp.version, attributionDays: 0 } })).status).toBe(400);
  });
});

describe('recipients, responses and effectiveness', () => {
  let campId: string;

  beforeAll(async () => {
    campId = (await newCampaign({ name: 'Эффективная' })).id;
    const em = s.em();
    // Attributed: E1's deal 2 days after the send, won, 1 500 rubles paid in the window and 500 after it;
    // E4's deal 5 days after, open. Not attributed: E2's deal before the send, E3's 40 days after.
    await makeDeal(em, c.e1!, { createdAt: new Date('2026-06-03T10:00:00Z'), status: 'won', amount: 200_000, payments: [['2026-06-10', 150_000], ['2026-07-05', 50_000]] });
    await makeDeal(em, c.e2!, { createdAt: new Date('2026-05-20T10:00:00Z'), status: 'won', amount: 90_000, payments: [['2026-06-05', 90_000]] });
    await makeDeal(em, c.e3!, { createdAt: new Date('2026-07-11T10:00:00Z'), status: 'won', amount: 70_000, payments: [['2026-07-12', 70_000]] });
    await makeDeal(em, c.e4!, { createdAt: new Date('2026-06-06T10:00:00Z'), amount: 40_000 });
  });

  it('freezes the segment once: a second resolve answers the same clients whatever changed', async () => {
    const source = LIST_SOURCES.get('campaign.recipients')!;
    const first = await s.em().transactional((em) => source.resolve(ctx(em), { campaignId: campId }));
    expect(first.map((i) => i.record?.id)).toEqual([c.e1, c.e2, c.e3, c.e4]);
    expect(first[0]!.variables).toEqual({ owner: 'seller1@leader.example' });
    await makeClient(s.em(), { name: 'Эфф 5 (позже)', region: R1, owner: 'seller1' });
    const second = await s.em().transactional((em) => source.resolve(ctx(em, { at: new Date() }), { campaignId: campId }));
    expect(second).toEqual(first);
    const recipients = await s.call<{ total: number; items: { clientName: string; region: string }[] }>('GET', `/api/campaigns/${campId}/recipients`, { as: 'marketer' });
    expect(recipients.body.total).toBe(4);
    expect(recipients.body.items.map((r) => r.clientName)).toEqual(['Эфф 1', 'Эфф 2', 'Эфф 3', 'Эфф 4']);
  });

  it('records a response once, whether a person or the route reports it', async () => {
    const manual = await s.call<{ id: string; toldCase: boolean }>('POST', `/api/campaigns/${campId}/responses`, { as: 'marketer', body: { clientId: c.e1, kind: 'reply', note: 'Ответил письмом' } });
    expect(manual.status, JSON.stringify(manual.body)).toBe(201);
    expect(manual.body.toldCase).toBe(false);
    const op = ROUTE_OPERATIONS.get('campaign.record-response')!;
    // The route's per-client case, told about it, records the same response id: still one row.
    await s.em().transactional((em) => op.run(ctx(em, { record: { type: 'client', id: c.e1! } }), { campaignId: campId, kind: 'reply', responseId: manual.body.id }));
    // A click reported twice by the route (a retried batch): one row.
    const click = crypto.randomUUID();
    for (let i = 0; i < 2; i++) await s.em().transactional((em) => op.run(ctx(em, { record: { type: 'client', id: c.e2! } }), { campaignId: campId, kind: 'click', responseId: click }));
    await s.em().transactional((em) => op.run(ctx(em, { record: { type: 'client', id: c.e2! } }), { campaignId: campId, kind: 'registration', responseId: crypto.randomUUID() }));
    const list = await s.call<{ total: number; items: { clientName: string; kind: string; recordedBy: string | null }[] }>('GET', `/api/campaigns/${campId}/responses`, { as: 'marketer' });
    expect(list.body.total).toBe(3);
    expect(list.body.items.filter((r) => r.kind === 'reply')).toEqual([expect.objectContaining({ clientName: 'Эфф 1', recordedBy: 'Юлия Егорова' })]);
    expect((await s.call('POST', `/api/campaigns/${campId}/responses`, { as: 'marketer', body: { clientId: crypto.randomUUID(), kind: 'reply' } })).status).toBe(422);
    expect((await s.call('POST', `/api/campaigns/${campId}/responses`, { as: 'marketer', body: { clientId: c.e1, kind: 'letter' } })).status).toBe(400);
    expect((await s.call('POST', `/api/campaigns/${campId}/responses`, { as: 'seller1', body: { clientId: c.e1, kind: 'reply' } })).status).toBe(403);
  });

  it('counts what the campaign earned within the attribution window', async () => {
    const eff = await s.call<Record<string, unknown> & { byRegion: Record<string, unknown>[] }>('GET', `/api/campaigns/${campId}/effectiveness`, { as: 'marketer' });
    expect(eff.status).toBe(200);
    // Cost 10 000 rubles (the budget; no actual cost yet); 2 responding clients; 1 won deal.
    expect(eff.body).toMatchObject({ recipients: 4, delivered: 0, responses: 2, dealsOpened: 2, dealsWon: 1, revenue: 150_000, cost: 1_000_000, costPerResponse: 500_000, costPerWonDeal: 1_000_000 });
    // By region the cost is shared by recipients: 2 of 4 each.
    expect(eff.body.byRegion).toEqual([
      expect.objectContaining({ key: R1, recipients: 2, responses: 2, dealsOpened: 1, dealsWon: 1, revenue: 150_000, cost: 500_000, costPerResponse: 250_000, costPerWonDeal: 500_000 }),
      expect.objectContaining({ key: R2, recipients: 2, responses: 0, dealsOpened: 1, dealsWon: 0, revenue: 0, cost: 500_000, costPerResponse: null, costPerWonDeal: null }),
    ]);
    const report = await s.call<{ campaigns: { id: string; revenue: number }[]; byChannel: Record<string, unknown>[]; bySegment: Record<string, unknown>[] }>('GET', '/api/reports/marketing/campaigns?from=2026-06-01&to=2026-06-30', { as: 'director' });
    expect(report.status).toBe(200);
    expect(report.body.campaigns).toEqual([expect.objectContaining({ id: campId, revenue: 150_000 })]);
    expect(report.body.byChannel).toEqual([expect.objectContaining({ key: 'mailing', recipients: 4, revenue: 150_000, cost: 1_000_000 })]);
    expect(report.body.bySegment).toEqual([expect.objectContaining({ key: 'Эффектия', responses: 2 })]);
    const list = await s.call<{ items: { id: string; recipients: number; responses: number; revenue: number }[] }>('GET', '/api/campaigns?limit=200', { as: 'marketer' });
    expect(list.body.items.find((x) => x.id === campId)).toMatchObject({ recipients: 4, responses: 2, revenue: 150_000 });
    expect((await s.call('GET', '/api/reports/marketing/campaigns?from=2026-07-01&to=2026-06-01', { as: 'director' })).status).toBe(400);
    expect((await s.call('GET', `/api/campaigns/${campId}/effectiveness`, { as: 'sales.head' })).status).toBe(403);
  });
});
