// The pure rules behind the managers' report: activity norms against what was done per working
// day, and the commission on payments received, tiered by how much of the plan they make up.
import { isWorkingDay } from '../../calendar/calendar-math.ts';
import type { WorkingCalendar } from '../../calendar/working-calendar.ts';
import { INTERACTION_KINDS } from '../../clients/entities.ts';
import { daysOf, type Period } from './period.ts';

/** What a norm counts: done interactions of a kind, or proposals prepared (deals reaching the proposal stage). */
export const NORM_KINDS = [...INTERACTION_KINDS, 'proposal'] as const;
export type NormKind = (typeof NORM_KINDS)[number];
/** Per working day, per person; a kind left out has no norm. */
export type ActivityNorms = Partial<Record<NormKind, number>>;

/**
 * A percent of the payments received for the person's deals in the period. Tiers are marginal,
 * like a tax scale: the part of the revenue from `fromShare` x plan up to the next tier's start is
 * paid at that tier's percent. With no plan for the person the first tier's percent applies to all.
 */
export interface CommissionRule {
  tiers: { fromShare: number; percent: number }[];
}

export const DEFAULT_NORMS: ActivityNorms = { call: 20, meeting: 2, demonstration: 1, email: 10, proposal: 2 };
export const DEFAULT_COMMISSION: CommissionRule = { tiers: [{ fromShare: 0, percent: 3 }, { fromShare: 1, percent: 5 }] };

/** Commission in kopecks (rounded once, at the end). */
export function commission(rule: CommissionRule, revenue: number, plan: number | null): number {
  const tiers = [...rule.tiers].sort((a, b) => a.fromShare - b.fromShare);
  if (tiers.length === 0 || revenue <= 0) return 0;
  if (!plan || plan <= 0) return Math.round((revenue * tiers[0]!.percent) / 100);
  let total = 0;
  tiers.forEach((t, i) => {
    const lo = t.fromShare * plan;
    const hi = i + 1 < tiers.length ? tiers[i + 1]!.fromShare * plan : Infinity;
    const part = Math.min(revenue, hi) - lo;
    if (part > 0) total += (part * t.percent) / 100;
  });
  return Math.round(total);
}

/** Working days of the period on the company calendar (holidays and weekends out, transfers in). */
export const workingDaysIn = (cal: WorkingCalendar, p: Period): number => daysOf(p).filter((d) => isWorkingDay(cal, d)).length;

export interface NormRow {
  kind: NormKind;
  perDay: number;
  /** Done per working day, two decimals. */
  fact: number;
  /** fact / perDay, 0..1 (capped: over the norm reads as 1). */
  share: number;
}

/** Each norm against the done count over `workingDays` (per person when `people` > 1). */
export function normsAgainstFact(norms: ActivityNorms, done: Partial<Record<NormKind, number>>, workingDays: number, people = 1): NormRow[] {
  return NORM_KINDS.filter((k) => norms[k] !== undefined && norms[k] > 0).map((kind) => {
    const perDay = norms[kind]!;
    const fact = workingDays > 0 && people > 0 ? Math.round(((done[kind] ?? 0) / workingDays / people) * 100) / 100 : 0;
    return { kind, perDay, fact, share: Math.min(1, Math.round((fact / perDay) * 10_000) / 10_000) };
  });
}
