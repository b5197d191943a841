// The sales reports' bench entries: each report called as the director, beside the SQL a
// hand-written query would run for the same figures over the raw tables (the reports read the
// raw tables too - no pre-aggregation - so the baseline is the same statements, scope-free).
/** As in the issue 10 brief; the integrator's runner declares the shared one. */
interface ReportBench {
  name: string;
  path: string;
  rawSql: string[];
}

const today = new Date().toISOString().slice(0, 10);
const monthStart = `${today.slice(0, 7)}-01`;

export const REPORTS: ReportBench[] = [
  {
    name: 'daily revenue',
    path: `/api/reports/daily?date=${today}`,
    rawSql: [
      `select p.paid_on, sum(p.amount) from invoice_payment p join invoice i on i.id = p.invoice_id join client c on c.id = i.client_id left join deal d on d.id = i.deal_id
       where p.paid_on between '${monthStart}' and '${today}' group by p.paid_on`,
      `select stage_id, bucket, count(*), sum(amount), round(sum(amount::numeric * probability) / 100)
       from (select d.stage_id, d.amount, d.probability, case when d.planned_close_date is null then 'unplanned' when d.planned_close_date < '${today}' then 'overdue' else to_char(d.planned_close_date, 'YYYY-MM') end as bucket
         from deal d where d.status = 'open') o group by grouping sets ((stage_id), (bucket), ())`,
      `select id, code, name, name_en from deal_stage order by position`,
    ],
  },
  {
    name: 'activity at any moment',
    path: `/api/reports/activity?from=${monthStart}&to=${today}`,
    rawSql: [
      `select e.id, e.full_name, i.kind, count(*) filter (where i.status = 'done'), count(*) filter (where i.status = 'planned' and i.at < now()), count(*) filter (where i.status = 'planned' and i.at >= now())
       from interaction i join employee e on e.id = i.employee_id
       where i.at >= '${monthStart}'::timestamp at time zone 'Europe/Moscow' and i.at < ('${today}'::date + 1)::timestamp at time zone 'Europe/Moscow' group by 1, 2, 3`,
    ],
  },
  {
    name: 'monthly (per employee and funnels)',
    path: `/api/reports/monthly?month=${today.slice(0, 7)}`,
    // The statements the report runs, scope-free: interests, first moves past 'proposal' and
    // 'contract', payments, plans, the month's deals' stage history, the activity counts.
    rawSql: [
      `select c.owner_id, count(*) from client c where c.created_at >= '${monthStart}' and coalesce(btrim(c.interest), '') <> '' group by 1`,
      `select d.owner_id, count(*), sum(d.amount) from (select distinct h.deal_id from deal_stage_change h join deal_stage s on s.id = h.to_stage_id
         where h.kind = 'moved' and s.position > 20 and h.at >= '${monthStart}' and not exists (select 1 from deal_stage_change h0 join deal_stage s0 on s0.id = h0.to_stage_id
           where h0.deal_id = h.deal_id and h0.kind = 'moved' and s0.position > 20 and h0.at < '${monthStart}')) f join deal d on d.id = f.deal_id group by 1`,
      `select coalesce(d.owner_id, c.owner_id), sum(p.amount) from invoice_payment p join invoice i on i.id = p.invoice_id join client c on c.id = i.client_id left join deal d on d.id = i.deal_id
       where p.paid_on >= '${monthStart}' group by 1`,
      `select h.deal_id, h.kind, h.to_stage_id, h.at from deal_stage_change h where h.deal_id in (select h1.deal_id from deal_stage_change h1 where h1.at >= '${monthStart}' and h1.kind in ('created', 'moved'))`,
      `select (select count(*) from interaction i where i.status = 'done' and i.at >= '${monthStart}'), (select count(*) from deal d where d.status = 'won' and d.closed_at >= '${monthStart}')`,
    ],
  },
  {
    name: 'managers (win rate, stuck, commission, refusals, norms)',
    path: `/api/reports/managers?from=${monthStart}&to=${today}`,
    rawSql: [
      `select d.owner_id, count(*) filter (where d.status = 'won'), count(*) filter (where d.status = 'lost'), avg(extract(epoch from d.closed_at - d.created_at) / 86400)
       from deal d where d.closed_at >= '${monthStart}' group by 1`,
      `select d.owner_id, count(*) from deal d join (select h.to_stage_id as stage_id, percentile_cont(0.5) within group (order by extract(epoch from n.at - h.at)) as median_s
         from deal_stage_change h join lateral (select h2.at from deal_stage_change h2 where h2.deal_id = h.deal_id and h2.at > h.at order by h2.at limit 1) n on true
         where h.kind in ('created', 'moved') and h.at >= now() - interval '365 days' group by 1) m on m.stage_id = d.stage_id
       where d.status = 'open' and extract(epoch from now() - d.stage_entered_at) > 2 * m.median_s group by 1`,
      `select coalesce(d.owner_id, c.owner_id), sum(p.amount) from invoice_payment p join invoice i on i.id = p.invoice_id join client c on c.id = i.client_id left join deal d on d.id = i.deal_id
       where p.paid_on >= '${monthStart}' group by 1`,
      `select d.loss_reason, d.lost_at_stage_id, count(*) from deal d where d.status = 'lost' and d.closed_at >= '${monthStart}' group by 1, 2`,
      `select i.kind, count(*) from interaction i where i.status = 'done' and i.at >= '${monthStart}' group by 1`,
    ],
  },
];
