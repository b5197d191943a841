// Bench entries of the process-timing reports (issue 10): each report called as the director,
// beside the SQL a hand-written query runs for the same figures. The reports read the timing
// facts written when steps and cases close (step_timing, case_timing - domain/reports/timing/
// entities.ts), so the fair baseline is the same grouping over those tables: computing working
// time from the raw assignment rows needs the production calendar, which SQL does not have.
// The data generator must therefore close steps through applyTransition, or run
// backfillTimingFacts (domain/reports/timing/backfill-timing-facts.ts) after writing raw rows.
export interface ReportBench {
  name: string;
  path: string;
  rawSql: string[];
}

const FROM = '2025-12-01';
const TO = '2026-11-30';
// The period in the company's zone (Moscow), as the report turns it into instants.
const START = `'${FROM}T00:00:00+03:00'`;
const END = `'2026-12-01T00:00:00+03:00'`;
const DEAL = `(select rv.id from route_version rv join route r on r.id = rv.route_id where r.key = 'deal' order by rv.version desc limit 1)`;

export const REPORTS: ReportBench[] = [
  {
    name: 'process timing (deal route, per node, person and path)',
    path: `/api/reports/process-timing?routeKey=deal&from=${FROM}&to=${TO}`,
    rawSql: [
      `select step_id, count(distinct process_id), count(*),
         percentile_cont(0.5) within group (order by working_ms), percentile_cont(0.9) within group (order by working_ms),
         percentile_cont(0.5) within group (order by queue_ms), percentile_cont(0.5) within group (order by assigned_ms),
         count(*) filter (where over_due), count(*) filter (where due_at is not null), count(distinct process_id) filter (where visit > 1)
       from step_timing where route_version_id = ${DEAL} and closed_at >= ${START} and closed_at < ${END} and status = 'completed'
       group by step_id`,
      `select t.step_id, e.id, e.full_name, count(*), percentile_cont(0.5) within group (order by t.working_ms), percentile_cont(0.9) within group (order by t.working_ms),
         count(*) filter (where t.over_due), count(*) filter (where t.due_at is not null)
       from step_timing t join employee e on e.id = t.holder_id
       where t.route_version_id = ${DEAL} and t.closed_at >= ${START} and t.closed_at < ${END} and t.status = 'completed'
       group by t.step_id, e.id, e.full_name`,
      `select variant, count(*), sum(count(*)) over (), percentile_cont(0.5) within group (order by working_ms)
       from case_timing where route_version_id = ${DEAL} and ended_at >= ${START} and ended_at < ${END} and status = 'completed'
       group by variant order by count(*) desc limit 20`,
    ],
  },
  {
    name: 'process timing breaches (deal route, demonstration node, first page)',
    path: `/api/reports/process-timing/breaches?routeKey=deal&nodeId=demo&from=${FROM}&to=${TO}&limit=50`,
    rawSql: [
      `select x.* from (
         select t.process_id, p.subject, t.assignment_id, t.holder_id, e.full_name, t.opened_at, t.due_at, t.closed_at, t.working_ms
         from step_timing t join process p on p.id = t.process_id left join employee e on e.id = t.holder_id
         where t.route_version_id = ${DEAL} and t.step_id = 'demo' and t.over_due and t.closed_at >= ${START} and t.closed_at < ${END}
         union all
         select a.process_id, p.subject, a.id, a.assignee_id, e.full_name, a.opened_at, a.due_at, null, null
         from assignment a join process p on p.id = a.process_id left join employee e on e.id = a.assignee_id
         where p.route_version_id = ${DEAL} and a.step_id = 'demo' and a.status = 'open' and a.due_at < now()
       ) x order by x.opened_at desc, x.assignment_id desc limit 51`,
    ],
  },
  {
    name: 'steps at risk within 8 working hours (company-wide)',
    path: '/api/reports/at-risk?withinHours=8',
    rawSql: [
      // 8 working hours ahead is at most a few calendar days; the report bounds it the same way.
      `select a.id, a.process_id, p.subject, a.step_id, a.step_name, a.assignee_id, e.full_name, e.department_id, d.name, a.role_code, r.name, a.opened_at, a.due_at,
         p.route_version_id, p.started_at, rt.key, rt.name, rv.version
       from assignment a join process p on p.id = a.process_id join route_version rv on rv.id = p.route_version_id join route rt on rt.id = rv.route_id
         left join employee e on e.id = a.assignee_id left join department d on d.id = e.department_id left join role r on r.code = a.role_code
       where a.status = 'open' and a.due_at is not null and a.due_at < now() + interval '4 days'
       order by a.due_at, a.id`,
      `select t.route_version_id, t.step_id, count(*), percentile_cont(0.9) within group (order by t.working_ms)
       from step_timing t where t.closed_at >= now() - interval '90 days' and t.status = 'completed'
       group by t.route_version_id, t.step_id`,
    ],
  },
];
