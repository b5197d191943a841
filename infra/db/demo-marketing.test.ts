// The marketer's day one: the demo campaign is finished, has recipients, responses and the
// revenue of its attributed won deal, and both segments are there.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../testing/stack.ts';
import { writeDemoMarketing } from './demo-marketing.ts';

let s: TestStack;

beforeAll(async () => {
  s = await startTestStack();
  await s.em().transactional((em) => writeDemoMarketing(em, new Date()));
});

afterAll(async () => {
  await s?.close();
});

it('shows a finished campaign with responses and an attributed won deal, and two segments', async () => {
  const list = await s.call<{ items: { id: string; status: string; recipients: number; responses: number; revenue: number }[] }>('GET', '/api/campaigns', { as: 'marketer' });
  expect(list.body.items).toHaveLength(1);
  const camp = list.body.items[0]!;
  expect(camp.status).toBe('finished');
  expect(camp.recipients).toBeGreaterThan(0);
  expect(camp.responses).toBeGreaterThan(0);
  // The demo's own won deal, and whatever else the demo company's recipients bought in the window.
  expect(camp.revenue).toBeGreaterThanOrEqual(48_000_000);
  const eff = await s.call<{ dealsWon: number; cost: number; costPerWonDeal: number }>('GET', `/api/campaigns/${camp.id}/effectiveness`, { as: 'marketer' });
  expect(eff.body.cost).toBe(4_200_000);
  expect(eff.body.dealsWon).toBeGreaterThanOrEqual(1);
  expect(eff.body.costPerWonDeal).toBe(Math.round(4_200_000 / eff.body.dealsWon));
  const segments = await s.call<{ items: { name: string; count: number }[] }>('GET', '/api/segments', { as: 'marketer' });
  expect(segments.body.items.map((x) => x.name).sort()).toEqual(['Не покупали в этом году', 'Постоянные клиенты с согласием на рассылку']);
});
