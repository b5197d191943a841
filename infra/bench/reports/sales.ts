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
];
