// The sales reports' pure rules on fixed data, with the expected figures worked out by hand.
import { describe, expect, it } from 'vitest';
import { buildRussianCalendar } from '../../calendar/russian-calendar.ts';
import { activityFunnel, salesFunnel, type HistoryRow } from './funnel.ts';
import { checkPeriod, monthPeriod } from './period.ts';
import { commission, normsAgainstFact, workingDaysIn } from './settings-rules.ts';

describe('sales funnel', () => {
  const stages = [{ id: 'demo', position: 10 }, { id: 'prop', position: 20 }, { id: 'dec', position: 30 }];
  const h = (dealId: string, kind: HistoryRow['kind'], stageId: string, day: string): HistoryRow => ({ dealId, kind, stageId, at: `2026-11-${day}T10:00:00.000Z` });
  it('counts deals entering each stage in the month and those that went further on', () => {
    const rows: HistoryRow[] = [
      // A: demo -> prop -> dec -> won: went on from all three.
      h('A', 'created', 'demo', '02'), h('A', 'moved', 'prop', '05'), h('A', 'moved', 'dec', '10'), h('A', 'won', 'dec', '20'),
      // B: demo -> prop, lost at prop.
      h('B', 'created', 'demo', '03'), h('B', 'moved', 'prop', '06'), h('B', 'lost', 'prop', '07'),
      // C: created at demo, still there.
      h('C', 'created', 'demo', '04'),
      // D: entered prop last month (not counted there), moved back to demo this month (entered demo, never went on).
      { dealId: 'D', kind: 'moved', stageId: 'prop', at: '2026-10-30T10:00:00.000Z' }, h('D', 'moved', 'demo', '12'),
      // E: entered dec this month, won next month: went on.
      h('E', 'moved', 'dec', '28'), { dealId: 'E', kind: 'won', stageId: 'dec', at: '2026-12-03T10:00:00.000Z' },
    ];
    const f = salesFunnel(stages, rows, '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z');
    // demo: A, B, C, D entered; A, B went on -> 2/4. prop: A, B entered; A went on -> 1/2. dec: A, E; both won -> 1.
    expect(f).toEqual([
      { stageId: 'demo', entered: 4, wentOn: 2, conversion: 0.5 },
      { stageId: 'prop', entered: 2, wentOn: 1, conversion: 0.5 },
      { stageId: 'dec', entered: 2, wentOn: 2, conversion: 1 },
    ]);
  });

  it('gives each activity step its share of the step before', () => {
    expect(activityFunnel({ contacts: 200, meetings: 40, proposals: 30, contracts: 12, won: 9 }).map((r) => r.conversion)).toEqual([1, 0.2, 0.75, 0.4, 0.75]);
    expect(activityFunnel({ contacts: 0, meetings: 0, proposals: 0, contracts: 0, won: 0 })[1]!.conversion).toBe(0);
  });
});

describe('commission', () => {
  const tiered = { tiers: [{ fromShare: 0, percent: 3 }, { fromShare: 1, percent: 5 }] };
  it('pays 3 % up to the plan and 5 % on what is above it', () => {
    // Plan 1 000 000,00 ₽; received 1 200 000,00 ₽: 3 % of 1 000 000 + 5 % of 200 000 = 40 000,00 ₽.
    expect(commission(tiered, 120_000_000, 100_000_000)).toBe(4_000_000);
    // Below the plan: 3 % of 800 000,00 ₽ = 24 000,00 ₽.
    expect(commission(tiered, 80_000_000, 100_000_000)).toBe(2_400_000);
  });
  it('uses the first tier for a person without a plan, and rounds to kopecks once', () => {
    expect(commission(tiered, 12_345, null)).toBe(370); // 370.35
    expect(commission({ tiers: [{ fromShare: 0, percent: 2.5 }] }, 1_000_001, 500)).toBe(25_000); // 25 000.025
    expect(commission(tiered, 0, 100)).toBe(0);
  });
});

describe('norms against the working days of a month', () => {
  it('counts November 2026 as 20 working days (4 November, Unity Day, off) and divides by them', () => {
    const cal = buildRussianCalendar({ years: [2026], timeZone: 'Europe/Moscow' });
    const days = workingDaysIn(cal, monthPeriod('2026-11'));
    expect(days).toBe(20);
    // 30 proposals a day expected; 450 prepared by one person = 22.5 a day = 75 %. Calls: 500 / 20 = 25 of 20 = over the norm, 1.
    expect(normsAgainstFact({ proposal: 30, call: 20 }, { proposal: 450, call: 500 }, days)).toEqual([
      { kind: 'call', perDay: 20, fact: 25, share: 1 },
      { kind: 'proposal', perDay: 30, fact: 22.5, share: 0.75 },
    ]);
    // Two people share the counts: per person per day.
    expect(normsAgainstFact({ proposal: 30 }, { proposal: 450 }, days, 2)[0]!.fact).toBe(11.25);
  });
});

describe('period rules', () => {
  it('refuses from after to, and more than three years', () => {
    expect(() => checkPeriod({ from: '2026-02-01', to: '2026-01-31' })).toThrow(/after/);
    expect(() => checkPeriod({ from: '2023-01-01', to: '2026-01-01' })).toThrow(/3 years/);
    expect(checkPeriod({ from: '2023-01-01', to: '2025-12-31' }).to).toBe('2025-12-31');
    expect(monthPeriod('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
  });
});
