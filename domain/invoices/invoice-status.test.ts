// The derived status on fixed days: overdue from the day after the due date, never for a paid,
// draft or cancelled invoice; partly paid in between.
import { describe, expect, it } from 'vitest';
import { invoiceStatus } from './invoice-status.ts';

const issued = { state: 'issued' as const, amount: 10_000, paid: 0, dueDate: '2026-12-10' };

describe('invoice status', () => {
  it('is issued up to and on the due date, overdue the day after', () => {
    expect(invoiceStatus(issued, '2026-12-09')).toBe('issued');
    expect(invoiceStatus(issued, '2026-12-10')).toBe('issued');
    expect(invoiceStatus(issued, '2026-12-11')).toBe('overdue');
  });

  it('is partly paid with some money in, overdue again after the due date, paid when all is in', () => {
    expect(invoiceStatus({ ...issued, paid: 4_000 }, '2026-12-01')).toBe('partly-paid');
    expect(invoiceStatus({ ...issued, paid: 4_000 }, '2027-01-01')).toBe('overdue');
    expect(invoiceStatus({ ...issued, paid: 10_000 }, '2027-01-01')).toBe('paid');
    expect(invoiceStatus({ ...issued, paid: 12_000 }, '2027-01-01')).toBe('paid');
  });

  it('a draft and a cancelled invoice are never overdue', () => {
    expect(invoiceStatus({ ...issued, state: 'draft' }, '2027-01-01')).toBe('draft');
    expect(invoiceStatus({ ...issued, state: 'cancelled' }, '2027-01-01')).toBe('cancelled');
  });
});
