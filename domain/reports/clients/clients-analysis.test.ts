// ABC, XYZ, stages and completeness on a small fixed set, figures worked out by hand.
import { describe, expect, it } from 'vitest';
import { abc, abcXyzMatrix, monthsOf, variation, xyzClass } from './abc-xyz.ts';
import { completeness, fieldShares, missingFields, type ClientFacts } from './completeness.ts';
import { addMonths, previousPeriod, retention, stageFromPurchases } from './relationship.ts';

// Six clients, January to June: monthly purchases (kopecks).
const MONTHLY: Record<string, number[]> = {
  Альфа: [100, 100, 100, 100, 100, 100], // total 600, mean 100, sd 0, CV 0.00 -> X
  Бета: [120, 140, 100, 120, 130, 110], // total 720, mean 120, var 1000/6, sd 12.91, CV 0.11 -> Y
  Вега: [0, 300, 0, 300, 0, 300], // total 900, mean 150, sd 150, CV 1.00 -> Z
  Гамма: [50, 60, 40, 50, 50, 50], // total 300, mean 50, var 200/6, sd 5.77, CV 0.12 -> Y
  Дельта: [18, 22, 20, 20, 20, 20], // total 120, mean 20, var 8/6, sd 1.15, CV 0.06 -> X
  Эпсилон: [0, 0, 0, 0, 0, 60], // total 60, mean 10, var 3000/6, sd 22.36, CV 2.24 -> Z
};
const values = Object.entries(MONTHLY).map(([name, m]) => ({ id: name, name, value: m.reduce((s, v) => s + v, 0) }));

describe('ABC', () => {
  it('ranks by value and classes by the share of the clients before: 2,700 in all, A up to 80%, B up to 95%', () => {
    const r = abc(values);
    expect(r.total).toBe(2700);
    expect(r.items.map((i) => [i.name, i.value, i.share.toFixed(4), i.cumulativeShare.toFixed(4), i.class])).toEqual([
      ['Вега', 900, '0.3333', '0.3333', 'A'],
      ['Бета', 720, '0.2667', '0.6000', 'A'],
      ['Альфа', 600, '0.2222', '0.8222', 'A'], // crosses 80%: 60% before it, still A
      ['Гамма', 300, '0.1111', '0.9333', 'B'],
      ['Дельта', 120, '0.0444', '0.9778', 'B'],
      ['Эпсилон', 60, '0.0222', '1.0000', 'C'],
    ]);
    expect(r.classes.map((c) => [c.class, c.clients, c.value, c.share.toFixed(4)])).toEqual([['A', 3, 2220, '0.8222'], ['B', 2, 420, '0.1556'], ['C', 1, 60, '0.0222']]);
  });

  it('takes other thresholds, leaves clients without purchases out and breaks ties by name', () => {
    const r = abc([...values, { id: 'z', name: 'Ноль', value: 0 }, { id: 'x', name: 'Аа', value: 60 }], 0.5, 0.9);
    expect(r.items.map((i) => `${i.name}:${i.class}`)).toEqual(['Вега:A', 'Бета:A', 'Альфа:B', 'Гамма:B', 'Дельта:C', 'Аа:C', 'Эпсилон:C']);
  });
});

describe('XYZ', () => {
  it('computes the coefficient of variation of monthly purchases and the class', () => {
    const got = Object.fromEntries(Object.entries(MONTHLY).map(([name, m]) => { const v = variation(m); return [name, [v.mean, v.cv?.toFixed(2), xyzClass(v.cv!)]]; }));
    expect(got).toEqual({
      Альфа: [100, '0.00', 'X'], Бета: [120, '0.11', 'Y'], Вега: [150, '1.00', 'Z'], Гамма: [50, '0.12', 'Y'], Дельта: [20, '0.06', 'X'], Эпсилон: [10, '2.24', 'Z'],
    });
    expect(xyzClass(0.11, 0.12, 0.5)).toBe('X');
    expect(variation([0, 0])).toEqual({ mean: 0, cv: null });
  });

  it('lists the months a period touches, across a new year', () => {
    expect(monthsOf('2025-11-15', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });

  it('counts the ABC x XYZ matrix', () => {
    const classes = Object.fromEntries(abc(values).items.map((i) => [i.name, i.class]));
    const rows = Object.entries(MONTHLY).map(([name, m]) => ({ abc: classes[name]!, xyz: xyzClass(variation(m).cv!) }));
    expect(abcXyzMatrix(rows).filter((c) => c.clients).map((c) => `${c.abc}${c.xyz}:${c.clients}`)).toEqual(['AX:1', 'AY:1', 'AZ:1', 'BX:1', 'BY:1', 'CZ:1']);
    expect(abcXyzMatrix(rows)).toHaveLength(9);
  });
});

describe('relationship stages', () => {
  it('follows purchases: none, lost after 12 months, one in the last year, two or more', () => {
    const asOf = '2026-06-30';
    expect(stageFromPurchases([], asOf)).toBe('potential');
    expect(stageFromPurchases(['2025-06-30'], asOf)).toBe('lost');
    expect(stageFromPurchases(['2025-07-01'], asOf)).toBe('one-time');
    expect(stageFromPurchases(['2025-07-01', '2026-01-10'], asOf)).toBe('regular');
    expect(stageFromPurchases(['2024-01-01', '2026-03-01'], asOf)).toBe('one-time');
    expect(stageFromPurchases(['2026-07-01'], asOf)).toBe('potential'); // bought after the day asked about
  });

  it('compares with the period before: whole months with as many months, other periods with as many days', () => {
    expect(previousPeriod('2026-04-01', '2026-06-30')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(previousPeriod('2026-03-01', '2026-03-31')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousPeriod('2026-03-10', '2026-03-19')).toEqual({ from: '2026-02-28', to: '2026-03-09' });
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });

  it('counts retention: 2 of the 4 previous buyers bought again', () => {
    expect(retention(new Set(['a', 'b', 'c', 'd']), new Set(['b', 'd', 'e']))).toEqual({ previousBuyers: 4, retained: 2, ratio: 0.5 });
    expect(retention(new Set(), new Set(['a']))).toEqual({ previousBuyers: 0, retained: 0, ratio: null });
  });
});

describe('completeness', () => {
  const full: ClientFacts = { kind: 'legal', inn: true, kpp: true, phone: true, email: true, legalAddress: true, region: true, sourceChannel: true, interest: true, contact: true, contactBirthday: true, probability: true };
  it('counts KPP for legal entities only', () => {
    const person: ClientFacts = { ...full, kind: 'person', kpp: false, inn: false, email: false };
    expect(missingFields(person)).toEqual(['inn', 'email']);
    expect(completeness(person)).toBe(8 / 10);
    expect(completeness({ ...full, kpp: false })).toBe(10 / 11);
    const shares = Object.fromEntries(fieldShares([full, person]).map((f) => [f.field, [f.clients, f.filled, f.share]]));
    expect(shares.kpp).toEqual([1, 1, 1]);
    expect(shares.inn).toEqual([2, 1, 0.5]);
  });
});
