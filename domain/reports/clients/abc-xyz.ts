// ABC and XYZ analysis of clients, pure: the SQL gives each client's figures, these functions
// rank and classify them. ABC (Pareto): clients in descending order of value; a client is A while
// the share of the clients ranked before it is under `a` (0.8 by default), B while under `b`
// (0.95), C after. Counting the share *before* the client means the client that crosses 80% is
// still A - the biggest client alone is never B however large it is. XYZ: the stability of
// monthly purchases by the coefficient of variation (population standard deviation / mean of the
// monthly sums, months without purchases counting as zero): X up to `x` (0.10), Y up to `y`
// (0.25), Z above.

export type AbcClass = 'A' | 'B' | 'C';
export type XyzClass = 'X' | 'Y' | 'Z';

export interface Valued {
  id: string;
  name: string;
  /** Kopecks. */
  value: number;
}

export interface AbcItem extends Valued {
  share: number;
  cumulativeShare: number;
  class: AbcClass;
}

export interface AbcClassRow {
  class: AbcClass;
  clients: number;
  value: number;
  share: number;
}

/** Ranks clients by value (ties by name, then id, so the order is stable) and classifies them; clients without value are left out. */
export function abc(values: readonly Valued[], a = 0.8, b = 0.95): { classes: AbcClassRow[]; items: AbcItem[]; total: number } {
  const ranked = values.filter((v) => v.value > 0).sort((p, q) => q.value - p.value || p.name.localeCompare(q.name) || p.id.localeCompare(q.id));
  const total = ranked.reduce((s, v) => s + v.value, 0);
  let before = 0;
  const items = ranked.map((v): AbcItem => {
    const cls: AbcClass = before / total < a ? 'A' : before / total < b ? 'B' : 'C';
    before += v.value;
    return { ...v, share: v.value / total, cumulativeShare: before / total, class: cls };
  });
  const classes = (['A', 'B', 'C'] as const).map((cls): AbcClassRow => {
    const of = items.filter((i) => i.class === cls);
    const value = of.reduce((s, i) => s + i.value, 0);
    return { class: cls, clients: of.length, value, share: total ? value / total : 0 };
  });
  return { classes, items, total };
}

/** Every calendar month ('YYYY-MM') the period touches, in order. */
export function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const endY = Number(to.slice(0, 4));
  const endM = Number(to.slice(5, 7));
  while (y < endY || (y === endY && m <= endM)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m > 12) { m = 1; y++; }
  }
  return out;
}

/** Mean and coefficient of variation (population standard deviation / mean); null CV for a zero mean. */
export function variation(series: readonly number[]): { mean: number; cv: number | null } {
  const mean = series.reduce((s, v) => s + v, 0) / series.length;
  if (mean === 0) return { mean: 0, cv: null };
  const variance = series.reduce((s, v) => s + (v - mean) ** 2, 0) / series.length;
  return { mean, cv: Math.sqrt(variance) / mean };
}

export const xyzClass = (cv: number, x = 0.1, y = 0.25): XyzClass => (cv <= x ? 'X' : cv <= y ? 'Y' : 'Z');

/** Counts per ABC x XYZ cell, all nine cells present. */
export function abcXyzMatrix(rows: readonly { abc: AbcClass; xyz: XyzClass }[]): { abc: AbcClass; xyz: XyzClass; clients: number }[] {
  return (['A', 'B', 'C'] as const).flatMap((a) => (['X', 'Y', 'Z'] as const).map((x) => ({ abc: a, xyz: x, clients: rows.filter((r) => r.abc === a && r.xyz === x).length })));
}
