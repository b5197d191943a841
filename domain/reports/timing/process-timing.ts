// Process timing of one route version over a period: per task node the cases, the median and p90
// working time, queue vs assigned time, the share over the due time and the rework; per person on
// each node; the paths cases took. Percentiles are computed by PostgreSQL over the facts
// (step_timing, case_timing), never over the raw inbox rows.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../../identity/roles.ts';
import { reportScope, type ReportScope } from '../report-scope.ts';
import { findVersion, ms, periodOf, scopeSql, share, type Period, type VersionInfo } from './timing-common.ts';

export interface ProcessTimingOptions {
  routeKey: string;
  version?: number | undefined;
  compareVersion?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
  departmentId?: string | undefined;
  employeeId?: string | undefined;
}

export interface NodeTiming {
  nodeId: string;
  name: string;
  cases: number;
  steps: number;
  medianMs: number | null;
  p90Ms: number | null;
  queueMedianMs: number | null;
  assignedMedianMs: number | null;
  target: string | null;
  overDue: number;
  overDueShare: number;
  reworkShare: number;
  avgRepeats: number;
}

interface NodeRow {
  step_id: string;
  cases: number;
  steps: number;
  median: number | null;
  p90: number | null;
  queue_median: number | null;
  assigned_median: number | null;
  over_due: number;
  with_due: number;
  rework_cases: number;
}

async function nodeTimings(em: EntityManager, v: VersionInfo, period: Period, scope: ReportScope): Promise<NodeTiming[]> {
  const s = scopeSql(scope, 'holder_id');
  const rows = await em.execute<NodeRow[]>(
    `select step_id, count(distinct process_id)::int as cases, count(*)::int as steps,
       percentile_cont(0.5) within group (order by working_ms) as median,
       percentile_cont(0.9) within group (order by working_ms) as p90,
       percentile_cont(0.5) within group (order by queue_ms) as queue_median,
       percentile_cont(0.5) within group (order by assigned_ms) as assigned_median,
       (count(*) filter (where over_due))::int as over_due,
       (count(*) filter (where due_at is not null))::int as with_due,
       (count(distinct process_id) filter (where visit > 1))::int as rework_cases
     from step_timing
     where route_version_id = ? and closed_at >= ? and closed_at < ? and status = 'completed'${s.sql}
     group by step_id`,
    [v.versionId, period.start, period.end, ...s.params],
  );
  const byNode = new Map(rows.map((r) => [r.step_id, r]));
  // Every task node of the version, in route order (a node nobody reached shows as empty), then
  // any node id the facts know that the definition does not (none for an immutable version).
  const known = new Set(v.nodes.map((n) => n.nodeId));
  const nodes = [...v.nodes, ...rows.filter((r) => !known.has(r.step_id)).map((r) => ({ nodeId: r.step_id, name: r.step_id, target: null }))];
  return nodes.map((n) => {
    const r = byNode.get(n.nodeId);
    return {
      nodeId: n.nodeId,
      name: n.name,
      cases: r?.cases ?? 0,
      steps: r?.steps ?? 0,
      medianMs: ms(r?.median),
      p90Ms: ms(r?.p90),
      queueMedianMs: ms(r?.queue_median),
      assignedMedianMs: ms(r?.assigned_median),
      target: n.target,
      overDue: r?.over_due ?? 0,
      overDueShare: share(r?.over_due ?? 0, r?.with_due ?? 0),
      reworkShare: share(r?.rework_cases ?? 0, r?.cases ?? 0),
      avgRepeats: r && r.cases > 0 ? Math.round((r.steps / r.cases) * 100) / 100 : 0,
    };
  });
}

async function peopleTimings(em: EntityManager, v: VersionInfo, period: Period, scope: ReportScope) {
  const s = scopeSql(scope, 't.holder_id');
  const rows = await em.execute<{ step_id: string; id: string; full_name: string; steps: number; median: number | null; p90: number | null; over_due: number; with_due: number }[]>(
    `select t.step_id, e.id, e.full_name, count(*)::int as steps,
       percentile_cont(0.5) within group (order by t.working_ms) as median,
       percentile_cont(0.9) within group (order by t.working_ms) as p90,
       (count(*) filter (where t.over_due))::int as over_due,
       (count(*) filter (where t.due_at is not null))::int as with_due
     from step_timing t join employee e on e.id = t.holder_id
     where t.route_version_id = ? and t.closed_at >= ? and t.closed_at < ? and t.status = 'completed'${s.sql}
     group by t.step_id, e.id, e.full_name
     order by t.step_id, e.full_name, e.id`,
    [v.versionId, period.start, period.end, ...s.params],
  );
  return rows.map((r) => ({ nodeId: r.step_id, employee: { id: r.id, fullName: r.full_name }, steps: r.steps, medianMs: ms(r.median), p90Ms: ms(r.p90), overDueShare: share(r.over_due, r.with_due) }));
}

/** The most frequent paths of the cases that ended in the period (a reader's: cases his people started). */
async function variants(em: EntityManager, v: VersionInfo, period: Period, scope: ReportScope) {
  const s = scopeSql(scope, 'started_by_id');
  const rows = await em.execute<{ variant: string[]; cases: number; total: number; median: number | null }[]>(
    `select variant, count(*)::int as cases, (sum(count(*)) over ())::int as total,
       percentile_cont(0.5) within group (order by working_ms) as median
     from case_timing
     where route_version_id = ? and ended_at >= ? and ended_at < ? and status = 'completed'${s.sql}
     group by variant order by cases desc, variant limit 20`,
    [v.versionId, period.start, period.end, ...s.params],
  );
  return rows.map((r) => ({ path: r.variant, cases: r.cases, share: share(r.cases, r.total), medianMs: ms(r.median) }));
}

export async function processTiming(em: EntityManager, actor: Actor, opts: ProcessTimingOptions) {
  const scope = await reportScope(em, actor, { departmentId: opts.departmentId, employeeId: opts.employeeId });
  const period = await periodOf(em, opts.from, opts.to);
  const v = await findVersion(em, opts.routeKey, opts.version);
  const other = opts.compareVersion === undefined ? undefined : await findVersion(em, opts.routeKey, opts.compareVersion, 'query.compareVersion');
  return {
    route: { key: v.key, name: v.name, version: v.version, versionId: v.versionId },
    period: { from: period.from, to: period.to },
    nodes: await nodeTimings(em, v, period, scope),
    people: await peopleTimings(em, v, period, scope),
    variants: await variants(em, v, period, scope),
    ...(other ? { compare: { version: other.version, versionId: other.versionId, nodes: await nodeTimings(em, other, period, scope) } } : {}),
  };
}
