// The generated pipeline is the same for the same counts, and gives the board something in every
// stage and the refusal analysis some won and lost deals.
import { describe, expect, it } from 'vitest';
import { DEMO_CLIENT_COUNT, DEMO_COMPANY_CLIENT_COUNT } from './demo-clients.ts';
import { demoDeals } from './demo-deals.ts';

describe('demo deals', () => {
  it('are a function of the counts', () => {
    expect(demoDeals(DEMO_CLIENT_COUNT, 5)).toEqual(demoDeals(DEMO_CLIENT_COUNT, 5));
  });

  it('stand open in every stage; some are won, some lost with a reason; lines sum to whole kopecks', () => {
    const deals = demoDeals(DEMO_CLIENT_COUNT, 5);
    const open = deals.filter((d) => d.status === 'open');
    expect(new Set(open.map((d) => d.stageIndex))).toEqual(new Set([0, 1, 2, 3, 4]));
    expect(deals.filter((d) => d.status === 'won').length).toBeGreaterThan(0);
    const lost = deals.filter((d) => d.status === 'lost');
    expect(lost.length).toBeGreaterThan(0);
    expect(lost.every((d) => d.lossReason !== null)).toBe(true);
    expect(deals.every((d) => d.lines.length > 0 && d.lines.every((l) => Number.isInteger(l.quantity * l.price)))).toBe(true);
  });

  it('at the company scale of npm start: about 150 deals, dozens open in every stage, some won, some lost', () => {
    const deals = demoDeals(DEMO_COMPANY_CLIENT_COUNT, 5);
    expect(deals.length).toBeGreaterThanOrEqual(140);
    expect(deals.length).toBeLessThanOrEqual(180);
    for (const stage of [0, 1, 2, 3, 4]) expect(deals.filter((d) => d.status === 'open' && d.stageIndex === stage).length).toBeGreaterThanOrEqual(15);
    expect(deals.filter((d) => d.status === 'won').length).toBeGreaterThanOrEqual(15);
    expect(new Set(deals.filter((d) => d.status === 'lost').map((d) => d.lossReason)).size).toBeGreaterThanOrEqual(4);
  });
});
