// The client reports' bench entries (issue 10): each report called as the director (the whole
// company, so no scope condition) over the generated data, against the hand-written SQL that gets
// the same figures from the raw tables. None of these reports reads a pre-aggregated table: each
// is one pass over payments, deals or clients, which is what the raw statements do too.

export interface ReportBench {
  name: string;
  path: string;
  rawSql: string[];
}

const FROM = '2026-01-01';
const TO = '2026-11-30';
/** The company's days as timestamp bounds (Moscow), as the reports compute them. */
const within = (column: string) => `${column} >= ('${FROM}'::date::timestamp at time zone 'Europe/Moscow') and ${column} < (('${TO}'::date + 1)::timestamp at time zone 'Europe/Moscow')`;
const revenue = (perMonth: boolean) => `
  select c.id, c.name${perMonth ? `, to_char(p.paid_on, 'YYYY-MM') as month` : ''}, sum(p.amount) as value
  from invoice_payment p join invoice i on i.id = p.invoice_id join client c on c.id = i.client_id
  where p.paid_on between '${FROM}' and '${TO}' group by c.id, c.name${perMonth ? ', 3' : ''} order by value desc`;
const buyers = (from: string, to: string) => `
  select distinct i.client_id from invoice_payment p join invoice i on i.id = p.invoice_id where p.paid_on between '${from}' and '${to}'`;
const facts = `
  select c.id, c.name, c.kind, c.owner_id, c.inn is not null as inn, c.kpp is not null as kpp, cardinality(c.phones) > 0 as phone,
    c.email is not null as email, c.legal_address is not null as legal_address, c.region is not null as region, c.source_channel is not null as source_channel,
    c.interest is not null as interest, c.probability is not null as probability,
    exists (select 1 from client_contact k where k.client_id = c.id) as contact,
    exists (select 1 from client_contact k where k.client_id = c.id and k.birth_day is not null and k.birth_month is not null) as birthday
  from client c`;
const filled = `(inn::int + (kind = 'legal' and kpp)::int + phone::int + email::int + legal_address::int + region::int + source_channel::int + interest::int + contact::int + birthday::int + probability::int)::float8 / (case when kind = 'legal' then 11 else 10 end)`;

export const REPORTS: ReportBench[] = [
  { name: 'clients ABC', path: `/api/reports/clients/abc?from=${FROM}&to=${TO}`, rawSql: [revenue(false)] },
  { name: 'clients XYZ', path: `/api/reports/clients/xyz?from=${FROM}&to=${TO}`, rawSql: [revenue(true)] },
  {
    name: 'client stages and retention',
    path: `/api/reports/clients/stages?from=${FROM}&to=${TO}`,
    rawSql: [
      `with purchase as (select i.client_id, min(p.paid_on) as day from invoice_payment p join invoice i on i.id = p.invoice_id where p.paid_on <= '${TO}' group by i.id, i.client_id)
       select c.id, c.name, c.stage, e.full_name, count(pu.day) filter (where pu.day > '2025-11-30')::int as recent, max(pu.day) as last_day
       from client c join employee e on e.id = c.owner_id left join purchase pu on pu.client_id = c.id group by c.id, c.name, c.stage, e.full_name`,
      buyers(FROM, TO),
      buyers('2025-02-01', '2025-12-31'),
    ],
  },
  {
    name: 'VIP candidates',
    path: `/api/reports/clients/vip?from=${FROM}&to=${TO}&threshold=100000000`,
    rawSql: [`
      select c.id, c.name, e.full_name, count(*), sum(d.amount),
        exists (select 1 from client_tag_link l join client_tag t on t.id = l.client_tag_id where l.client_id = c.id and t.name = 'VIP') as tagged
      from deal d join client c on c.id = d.client_id join employee e on e.id = c.owner_id
      where d.status = 'won' and ${within('d.closed_at')}
      group by c.id, c.name, e.full_name having sum(d.amount) >= 100000000 order by sum(d.amount) desc`],
  },
  {
    name: 'client base completeness',
    path: '/api/reports/clients/completeness',
    rawSql: [
      `with f as (${facts}) select owner_id, count(*), avg(${filled}), count(*) filter (where inn), count(*) filter (where kind = 'legal' and kpp), count(*) filter (where phone),
         count(*) filter (where email), count(*) filter (where legal_address), count(*) filter (where region), count(*) filter (where source_channel),
         count(*) filter (where interest), count(*) filter (where contact), count(*) filter (where birthday), count(*) filter (where probability) from f group by owner_id`,
      `with f as (${facts}) select * from f order by ${filled}, name, id limit 50`,
    ],
  },
  ...(['channel', 'segment', 'region'] as const).map((by): ReportBench => {
    const key = by === 'channel' ? 'c.source_channel' : by === 'region' ? 'c.region' : 't.id';
    const join = by === 'segment' ? 'left join client_tag_link l on l.client_id = c.id left join client_tag t on t.id = l.client_tag_id' : '';
    return {
      name: `marketing by ${by}`,
      path: `/api/reports/marketing?from=${FROM}&to=${TO}&by=${by}`,
      rawSql: [
        `select ${key}, count(*) from client c ${join} where ${within('c.created_at')} group by 1`,
        `select ${key}, count(*) from deal d join client c on c.id = d.client_id ${join} where ${within('d.created_at')} group by 1`,
        `select ${key}, count(*), sum(d.amount) from deal d join client c on c.id = d.client_id ${join} where d.status = 'won' and ${within('d.closed_at')} group by 1`,
        `select ${key}, sum(p.amount) from invoice_payment p join invoice i on i.id = p.invoice_id join client c on c.id = i.client_id ${join} where p.paid_on between '${FROM}' and '${TO}' group by 1`,
      ],
    };
  }),
];
