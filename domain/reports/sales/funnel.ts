// Funnels of the monthly report. The sales funnel from the deals' stage history: of the deals
// that entered a stage in the period, how many went on (later moved to a stage further along the
// board, or were won) - the stage-to-stage conversion. The activity funnel: contacts -> meetings
// and demonstrations -> proposals -> contracts -> won, each step's share of the step before.

export interface FunnelStage {
  id: string;
  position: number;
}

export interface HistoryRow {
  dealId: string;
  kind: 'created' | 'moved' | 'won' | 'lost';
  stageId: string;
  /** ISO instant; rows of one deal in time order. */
  at: string;
}

export interface StageFlow {
  stageId: string;
  entered: number;
  wentOn: number;
  /** wentOn / entered, 0 when nobody entered. */
  conversion: number;
}

const share = (part: number, whole: number): number => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : 0);

/** Per stage in board order: deals entering it within [fromAt, toAt) and those of them that went on (at any later time). */
export function salesFunnel(stages: FunnelStage[], rows: HistoryRow[], fromAt: string, toAt: string): StageFlow[] {
  const pos = new Map(stages.map((s) => [s.id, s.position]));
  const entered = new Map<string, Set<string>>();
  const wentOn = new Map<string, Set<string>>();
  const byDeal = new Map<string, HistoryRow[]>();
  for (const r of rows) byDeal.set(r.dealId, [...(byDeal.get(r.dealId) ?? []), r]);
  for (const [dealId, history] of byDeal) {
    history.sort((a, b) => a.at.localeCompare(b.at));
    history.forEach((r, i) => {
      if ((r.kind !== 'created' && r.kind !== 'moved') || r.at < fromAt || r.at >= toAt) return;
      const here = pos.get(r.stageId);
      if (here === undefined) return;
      (entered.get(r.stageId) ?? entered.set(r.stageId, new Set()).get(r.stageId)!).add(dealId);
      const onward = history.slice(i + 1).some((l) => l.kind === 'won' || (l.kind === 'moved' && (pos.get(l.stageId) ?? -Infinity) > here));
      if (onward) (wentOn.get(r.stageId) ?? wentOn.set(r.stageId, new Set()).get(r.stageId)!).add(dealId);
    });
  }
  return [...stages].sort((a, b) => a.position - b.position).map((s) => {
    const e = entered.get(s.id)?.size ?? 0;
    const w = wentOn.get(s.id)?.size ?? 0;
    return { stageId: s.id, entered: e, wentOn: w, conversion: share(w, e) };
  });
}

export const ACTIVITY_STEPS = ['contacts', 'meetings', 'proposals', 'contracts', 'won'] as const;
export type ActivityStep = (typeof ACTIVITY_STEPS)[number];

export interface ActivityFunnelRow {
  step: ActivityStep;
  count: number;
  /** count / the previous step's count (1 for the first step with any count). */
  conversion: number;
}

export function activityFunnel(counts: Record<ActivityStep, number>): ActivityFunnelRow[] {
  return ACTIVITY_STEPS.map((step, i) => {
    const prev = i === 0 ? counts[step] : counts[ACTIVITY_STEPS[i - 1]!];
    return { step, count: counts[step], conversion: Math.min(1, share(counts[step], prev)) };
  });
}
