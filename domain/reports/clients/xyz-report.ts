// XYZ report: each buying client's purchases per calendar month of the period (months without a
// payment count as zero), their mean and coefficient of variation, the class, and the ABC x XYZ
// matrix over the same clients (ABC by revenue with the given thresholds).
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../../identity/roles.ts';
import { reportScope, type ReportFilter } from '../report-scope.ts';
import { abc, abcXyzMatrix, monthsOf, variation, xyzClass, type AbcClass } from './abc-xyz.ts';
import { revenueSql } from './abc-report.ts';
import { run, type Period } from './report-sql.ts';

export interface XyzQuery extends Period, ReportFilter {
  x: number;
  y: number;
  a: number;
  b: number;
}

export async function xyzReport(em: EntityManager, actor: Actor, q: XyzQuery) {
  const scope = await reportScope(em, actor, q);
  const months = monthsOf(q.from, q.to);
  const rows = await run(em, revenueSql(scope, q, true));
  const byClient = new Map<string, { name: string; monthly: Map<string, number> }>();
  for (const r of rows) {
    const c = byClient.get(r.id) ?? { name: r.name, monthly: new Map<string, number>() };
    c.monthly.set(r.month!, Number(r.value));
    byClient.set(r.id, c);
  }
  const ranked = abc([...byClient].map(([id, c]) => ({ id, name: c.name, value: [...c.monthly.values()].reduce((s, v) => s + v, 0) })), q.a, q.b);
  const abcOf = new Map<string, AbcClass>(ranked.items.map((i) => [i.id, i.class]));
  const items = ranked.items.map((i) => {
    const monthly = months.map((m) => byClient.get(i.id)!.monthly.get(m) ?? 0);
    const { mean, cv } = variation(monthly);
    // Every listed client bought in the period, so the mean is above zero and cv is a number.
    return { client: { id: i.id, name: i.name }, total: i.value, mean, cv: cv ?? 0, class: xyzClass(cv ?? 0, q.x, q.y), abcClass: i.class, monthly };
  });
  const classes = (['X', 'Y', 'Z'] as const).map((cls) => {
    const of = items.filter((i) => i.class === cls);
    return { class: cls, clients: of.length, value: of.reduce((s, i) => s + i.total, 0) };
  });
  return { months, classes, items, matrix: abcXyzMatrix(items.map((i) => ({ abc: abcOf.get(i.client.id)!, xyz: i.class }))) };
}
