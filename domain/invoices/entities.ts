// Invoices: what a client owes for a deal (or without one), the planned payment schedule under
// it, and the payments actually received - typed by a person or reported by the accounting
// program through an integration key. Money is integer kopecks in bigint columns, as for deals.
//
// What is stored is what people decided: drafted, issued, cancelled (`state`), and the running sum
// of actual payments (`paid`, written in the same transaction as each payment, under a row lock).
// The status people see - draft, issued, partly paid, paid, overdue, cancelled - is derived from
// those and a date (invoice-status.ts), so "overdue" is never a stale flag nobody reset.
import { defineEntity, p } from '@mikro-orm/core';
import { Client } from '../clients/entities.ts';
import { Deal } from '../deals/entities.ts';
import { Employee } from '../organisation/entities.ts';
import { BaseEntity } from '../shared/base-entity.ts';

export const INVOICE_STATES = ['draft', 'issued', 'cancelled'] as const;
export type InvoiceState = (typeof INVOICE_STATES)[number];

export const INVOICE_STATUSES = ['draft', 'issued', 'partly-paid', 'paid', 'overdue', 'cancelled'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export interface InvoiceLine {
  name: string;
  quantity: number;
  /** Price of one unit, kopecks. */
  price: number;
}

export const Invoice = defineEntity({
  name: 'Invoice',
  extends: BaseEntity,
  // The list filters by client and due date and sorts by recency; receivables group by client.
  indexes: [
    { properties: ['client', 'state', 'dueDate'] },
    { properties: ['dueDate', 'id'] },
    { properties: ['updatedAt', 'id'] },
  ],
  properties: {
    /** "2026-0001": the issue year and a sequence within it, unless given. */
    number: p.string().length(40).unique(),
    client: () => p.manyToOne(Client).ref(),
    deal: () => p.manyToOne(Deal).ref().nullable().index(),
    /** Kopecks. */
    amount: p.bigint('number'),
    lines: p.json<InvoiceLine[]>(),
    issueDate: p.date(),
    dueDate: p.date(),
    state: p.enum([...INVOICE_STATES]).default('issued'),
    /** Sum of the actual payments, kopecks; written with each payment. */
    paid: p.bigint('number').default(0),
    cancelReason: p.text().nullable(),
    cancelledAt: p.datetime().nullable(),
    cancelledBy: () => p.manyToOne(Employee).ref().nullable(),
    /** When sales last called the client about paying (the payment reminder route sets it). */
    reminderCalledAt: p.date().nullable(),
    /** The day the client promised to pay (set by a person or the payment reminder route). */
    paymentPromisedOn: p.date().nullable(),
    notes: p.text().nullable(),
    createdBy: () => p.manyToOne(Employee).ref(),
    createdAt: p.datetime(),
    updatedBy: () => p.manyToOne(Employee).ref(),
    updatedAt: p.datetime(),
    version: p.integer().version(),
  },
});

export const PlannedPayment = defineEntity({
  name: 'PlannedPayment',
  extends: BaseEntity,
  indexes: [{ properties: ['invoice', 'dueOn'] }],
  properties: {
    invoice: () => p.manyToOne(Invoice).ref().deleteRule('cascade'),
    dueOn: p.date(),
    /** Kopecks. */
    amount: p.bigint('number'),
  },
});

export const InvoicePayment = defineEntity({
  name: 'InvoicePayment',
  extends: BaseEntity,
  // One document (a payment order) is recorded once per invoice: a retried report changes nothing.
  uniques: [{ properties: ['invoice', 'documentNumber'] }],
  // The daily and managers' reports read payments by day across all invoices.
  indexes: [{ properties: ['invoice', 'paidOn'] }, { properties: ['paidOn'] }],
  properties: {
    invoice: () => p.manyToOne(Invoice).ref().deleteRule('cascade'),
    paidOn: p.date(),
    /** Kopecks. */
    amount: p.bigint('number'),
    documentNumber: p.string().length(100),
    /** Recorded knowingly beyond what was left (the client paid too much). */
    overpayment: p.boolean().default(false),
    recordedBy: () => p.manyToOne(Employee).ref().nullable(),
    /** The integration key that reported it; a plain id, the record outlives the key. */
    integrationKeyId: p.uuid().nullable(),
    integrationName: p.string().length(100).nullable(),
    recordedAt: p.datetime(),
  },
});
