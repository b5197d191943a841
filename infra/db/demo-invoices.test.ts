// The generated invoices are the same for the same deals, and give the lists paid, partly paid,
// overdue and upcoming invoices to show.
import { describe, expect, it } from 'vitest';
import { DEMO_CLIENT_COUNT } from './demo-clients.ts';
import { demoDeals } from './demo-deals.ts';
import { demoInvoices } from './demo-invoices.ts';

const deals = demoDeals(DEMO_CLIENT_COUNT, 5).map((d) => ({ status: d.status, stageIndex: d.stageIndex, amount: d.lines.reduce((s, l) => s + l.quantity * l.price, 0) }));

describe('demo invoices', () => {
  it('are a function of the deals', () => {
    expect(demoInvoices(deals, 5)).toEqual(demoInvoices(deals, 5));
  });

  it('include paid, partly paid, unpaid past due, and upcoming invoices; payments never exceed the amount', () => {
    const invoices = demoInvoices(deals, 5);
    const paid = (i: (typeof invoices)[number]) => i.payments.reduce((t, p) => t + p.amount, 0);
    expect(invoices.filter((i) => paid(i) === i.amount).length).toBeGreaterThan(0);
    expect(invoices.filter((i) => paid(i) > 0 && paid(i) < i.amount && i.dueInDays < i.issuedDaysAgo).length).toBeGreaterThan(0);
    expect(invoices.filter((i) => paid(i) === 0 && i.dueInDays < i.issuedDaysAgo).length).toBeGreaterThan(0);
    expect(invoices.filter((i) => i.dueInDays > i.issuedDaysAgo && paid(i) < i.amount).length).toBeGreaterThan(0);
    expect(invoices.every((i) => paid(i) <= i.amount && i.schedule.reduce((t, p) => t + p.amount, 0) <= i.amount)).toBe(true);
  });
});
