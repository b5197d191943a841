// The demo company's invoices: for won deals (paid in full, partly paid, some overdue) and advance
// invoices for deals at the contract and hand-off stages (due in the next weeks), so the invoice
// list, the receivables and the client cards have something to show. A function of the deals in
// a fixed order (client INN, opening time, title) and the seeding day, so the same demo deals
// always give the same invoices.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { Invoice, InvoicePayment, PlannedPayment } from '../../domain/entities/index.ts';

export interface DemoDealFacts {
  status: 'open' | 'won' | 'lost';
  stageIndex: number;
  amount: number;
}

export interface DemoInvoice {
  dealIndex: number;
  amount: number;
  issuedDaysAgo: number;
  dueInDays: number;
  /** Payments: days after issue, amount. */
  payments: { afterDays: number; amount: number }[];
  /** Planned payments: days after issue, amount. */
  schedule: { afterDays: number; amount: number }[];
}

/** Invoices for the deals; `stages` is the pipeline's length (advances go to its last two stages). */
export function demoInvoices(deals: readonly DemoDealFacts[], stages: number): DemoInvoice[] {
  const out: DemoInvoice[] = [];
  let won = 0;
  let advances = 0;
  deals.forEach((d, dealIndex) => {
    if (d.status === 'won') {
      const w = won++;
      // An advance of half, issued 20-56 days ago and due a week later: paid, but now and then only partly (overdue).
      const advance = Math.round(d.amount / 2);
      out.push({
        dealIndex, amount: advance, issuedDaysAgo: 20 + (w % 5) * 9, dueInDays: 7,
        payments: [{ afterDays: 4, amount: w % 4 === 2 ? Math.round(advance * 0.3) : advance }], schedule: [],
      });
      // The rest, issued 5-49 days ago and due 14 days later: paid, partly paid, unpaid, or paid in two parts to a schedule.
      const rest = d.amount - advance;
      const half = Math.round(rest / 2);
      const pattern = w % 4;
      out.push({
        dealIndex, amount: rest, issuedDaysAgo: 5 + (w % 5) * 11, dueInDays: 14,
        payments: pattern === 0 ? [{ afterDays: 2, amount: rest }]
          : pattern === 1 ? [{ afterDays: 2, amount: Math.round(rest * 0.4) }]
            : pattern === 3 ? [{ afterDays: 1, amount: half }, { afterDays: 3, amount: rest - half }]
              : [],
        schedule: pattern === 3 ? [{ afterDays: 1, amount: half }, { afterDays: 14, amount: rest - half }] : [],
      });
    } else if (d.status === 'open' && d.stageIndex >= stages - 2) {
      // An advance of half the deal, issued a few days ago, due within the next three weeks.
      const a = advances++;
      const advance = Math.round(d.amount / 2);
      out.push({ dealIndex, amount: advance, issuedDaysAgo: 1 + (a % 4), dueInDays: 7 + (a % 3) * 7, payments: a % 3 === 0 ? [{ afterDays: 1, amount: Math.round(advance / 4) }] : [], schedule: [] });
    }
  });
  return out;
}

const DAY = 24 * 3600 * 1000;
const dayOf = (now: Date, offsetDays: number) => new Date(now.getTime() + offsetDays * DAY).toISOString().slice(0, 10);

/** Writes the demo invoices for the deals already written, by each client's owner. */
export async function writeDemoInvoices(em: EntityManager, now: Date): Promise<void> {
  const { rows: deals } = await sql<{ id: string; client_id: string; owner_id: string; status: 'open' | 'won' | 'lost'; position_rank: number; amount: string; stages: number }>`
    select d.id, d.client_id, c.owner_id, d.status, (select count(*) from deal_stage x where x.position < s.position)::int as position_rank, d.amount,
      (select count(*) from deal_stage)::int as stages
    from deal d join client c on c.id = d.client_id join deal_stage s on s.id = d.stage_id
    order by c.inn, d.created_at, d.title, d.amount`.execute(em.getKysely());
  if (!deals.length) return;
  const plans = demoInvoices(deals.map((d) => ({ status: d.status, stageIndex: d.position_rank, amount: Number(d.amount) })), deals[0]!.stages);
  // Numbers per issue year, in the order of issue.
  const ordered = plans.map((p, i) => ({ p, i, issued: dayOf(now, -p.issuedDaysAgo) })).sort((a, b) => a.issued.localeCompare(b.issued) || a.i - b.i);
  const seq = new Map<string, number>();
  for (const { p, issued } of ordered) {
    const deal = deals[p.dealIndex]!;
    const year = issued.slice(0, 4);
    const n = (seq.get(year) ?? 0) + 1;
    seq.set(year, n);
    const at = new Date(now.getTime() - p.issuedDaysAgo * DAY);
    const paid = p.payments.reduce((t, x) => t + x.amount, 0);
    const invoice = em.create(Invoice, {
      id: crypto.randomUUID(), number: `${year}-${String(n).padStart(4, '0')}`, client: deal.client_id, deal: deal.id, amount: p.amount, lines: [],
      issueDate: issued, dueDate: dayOf(now, -p.issuedDaysAgo + p.dueInDays), state: 'issued', paid, cancelReason: null, cancelledAt: null, cancelledBy: null,
      reminderCalledAt: null, paymentPromisedOn: null, notes: null, createdBy: deal.owner_id, createdAt: at, updatedBy: deal.owner_id, updatedAt: at,
    });
    for (const s of p.schedule) em.create(PlannedPayment, { id: crypto.randomUUID(), invoice, dueOn: dayOf(now, -p.issuedDaysAgo + s.afterDays), amount: s.amount });
    p.payments.forEach((x, j) => em.create(InvoicePayment, {
      id: crypto.randomUUID(), invoice, paidOn: dayOf(now, -p.issuedDaysAgo + x.afterDays), amount: x.amount, documentNumber: `ПП-${1000 + n * 3 + j}`,
      overpayment: false, recordedBy: deal.owner_id, integrationKeyId: null, integrationName: null, recordedAt: new Date(at.getTime() + x.afterDays * DAY),
    }));
  }
  await em.flush();
}
