// Shapes of the invoices API. Money is integer kopecks; dates are YYYY-MM-DD. Field checks here
// (400 naming the field); the rules zod cannot see (amount = lines, due >= issue, the deal of the
// client, the schedule within the amount, what is left to pay) are the use cases'.
import { z } from '@hono/zod-openapi';
import { INVOICE_STATUSES } from '../../domain/invoices/entities.ts';

const text = (max: number) => z.string().max(max).regex(/\S/, 'must not be blank (send null to clear it)');
const kopecks = z.number().int().min(0).max(1e15).openapi({ description: 'Kopecks (1 ruble = 100)', example: 45_000_000 });
const positiveKopecks = z.number().int().min(1).max(1e15).openapi({ description: 'Kopecks (1 ruble = 100), above zero', example: 10_000_000 });
const isoDate = z.iso.date().openapi({ example: '2026-12-20' });
const versionField = z.number().int().min(1).max(2_147_483_647).openapi({ description: 'The version this change was made on; a stale one is answered 409 with the current invoice' });
const person = z.object({ id: z.uuid(), name: z.string() });

export const invoiceLineSchema = z
  .object({ name: text(300), quantity: z.number().int().min(1).max(1_000_000), price: kopecks.openapi({ description: 'Price of one unit, kopecks' }) })
  .strict()
  .openapi('InvoiceLine');

export const scheduleItemSchema = z.object({ dueOn: isoDate, amount: positiveKopecks }).strict().openapi('PlannedPayment');
const schedule = z.array(scheduleItemSchema).max(60);

export const newInvoiceSchema = z
  .object({
    number: z.string().regex(/^[\p{L}\p{N}][\p{L}\p{N}\-/.]{0,39}$/u, 'letters, digits, "-", "/" and "." (at most 40)').optional().openapi({ description: 'Default: "<issue year>-<next number>", e.g. 2026-0042' }),
    clientId: z.uuid(),
    dealId: z.uuid().nullable().optional().openapi({ description: 'A deal of the same client' }),
    amount: positiveKopecks.optional().openapi({ description: 'Kopecks; with lines it is their sum (computed when omitted)' }),
    lines: z.array(invoiceLineSchema).max(100).optional(),
    issueDate: isoDate,
    dueDate: isoDate.openapi({ description: 'On or after the issue date' }),
    draft: z.boolean().optional().openapi({ description: 'Save as a draft, not issued yet (default false)' }),
    schedule: schedule.optional().openapi({ description: 'Planned payments; at most the amount in sum' }),
    notes: text(10_000).nullable().optional(),
  })
  .strict()
  .openapi('NewInvoice');

export const invoicePatchSchema = z
  .object({
    version: versionField,
    dealId: z.uuid().nullable().optional(),
    amount: positiveKopecks.optional(),
    lines: z.array(invoiceLineSchema).max(100).optional(),
    issueDate: isoDate.optional(),
    dueDate: isoDate.optional(),
    issue: z.boolean().optional().openapi({ description: 'true issues a draft' }),
    paymentPromisedOn: isoDate.nullable().optional().openapi({ description: 'The day the client promised to pay' }),
    notes: text(10_000).nullable().optional(),
  })
  .strict()
  .openapi('InvoicePatch');

export const cancelInvoiceSchema = z.object({ reason: text(2000), version: versionField.optional() }).strict().openapi('CancelInvoice');

export const schedulePutSchema = z.object({ version: versionField, items: schedule }).strict().openapi('InvoiceSchedule');

export const newPaymentSchema = z
  .object({
    paidOn: isoDate,
    amount: positiveKopecks,
    documentNumber: z.string().max(100).regex(/\S/, 'must not be blank').openapi({ description: 'The payment order\'s number; recorded once per invoice', example: 'ПП-1187' }),
    overpayment: z.boolean().optional().openapi({ description: 'Accept more than is left to pay (default false: refused with 409)' }),
  })
  .strict()
  .openapi('NewPayment');

export const paymentSchema = z
  .object({
    id: z.uuid(), paidOn: z.string(), amount: z.number().int(), documentNumber: z.string(), overpayment: z.boolean(),
    recordedBy: person.nullable().openapi({ description: 'Who typed it; null when an integration reported it' }),
    integration: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    recordedAt: z.iso.datetime(),
  })
  .openapi('Payment');

export const invoiceListItemSchema = z
  .object({
    id: z.uuid(),
    number: z.string(),
    client: person,
    deal: z.object({ id: z.uuid(), title: z.string() }).nullable(),
    owner: person.openapi({ description: 'The client\'s owner' }),
    amount: z.number().int().openapi({ description: 'Kopecks' }),
    paid: z.number().int().openapi({ description: 'Kopecks paid so far' }),
    outstanding: z.number().int().openapi({ description: 'Kopecks still owed (0 for drafts, cancelled and paid invoices)' }),
    issueDate: z.string(),
    dueDate: z.string(),
    status: z.enum(INVOICE_STATUSES),
    updatedAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .openapi('InvoiceListItem');

export const invoiceDetailSchema = invoiceListItemSchema
  .extend({
    lines: z.array(invoiceLineSchema),
    schedule: z.array(scheduleItemSchema.extend({ id: z.uuid() })),
    payments: z.array(paymentSchema),
    cancelReason: z.string().nullable(),
    cancelledAt: z.iso.datetime().nullable(),
    cancelledBy: person.nullable(),
    reminderCalledAt: z.string().nullable(),
    paymentPromisedOn: z.string().nullable(),
    notes: z.string().nullable(),
    createdBy: person,
    createdAt: z.iso.datetime(),
    updatedBy: person,
    today: z.string().openapi({ description: 'The company\'s day the status was derived on' }),
    rights: z.object({ write: z.boolean(), pay: z.boolean() }),
  })
  .openapi('Invoice');

export const INVOICE_SORTS = ['updatedAt', '-updatedAt', 'dueDate', '-dueDate', 'issueDate', '-issueDate', 'amount', '-amount', 'outstanding', '-outstanding', 'number', '-number', 'client', '-client'] as const;
export type InvoiceSort = (typeof INVOICE_SORTS)[number];

const asOf = isoDate.optional().openapi({ description: 'The day statuses are derived on (default: today in the company\'s time zone)' });
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const listInvoicesQuery = z.object({
  q: z.string().max(100).optional().openapi({ description: 'Text in the number or the client\'s name' }),
  clientId: z.uuid().optional(),
  dealId: z.uuid().optional(),
  status: z.enum(INVOICE_STATUSES).optional(),
  overdue: flag.optional().openapi({ description: 'true: only overdue; false: none overdue' }),
  dueFrom: isoDate.optional().openapi({ description: 'Due on or after this day' }),
  dueTo: isoDate.optional().openapi({ description: 'Due on or before this day' }),
  amountMin: z.coerce.number().int().min(0).max(1e15).optional().openapi({ description: 'Kopecks' }),
  amountMax: z.coerce.number().int().min(0).max(1e15).optional().openapi({ description: 'Kopecks' }),
  asOf,
  sort: z.enum(INVOICE_SORTS).default('-issueDate').openapi({ description: 'A field, descending with a leading "-"' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const sums = z.object({ amount: z.number().int(), paid: z.number().int(), outstanding: z.number().int(), overdue: z.number().int() }).openapi({ description: 'Over every invoice the filter matches, kopecks' });

export const invoicePageSchema = z.object({ items: z.array(invoiceListItemSchema), total: z.number().int(), sums, today: z.string() }).openapi('InvoicePage');

export const receivableSchema = z
  .object({
    client: person,
    owner: person,
    outstanding: z.number().int().openapi({ description: 'Kopecks not yet paid on issued invoices' }),
    overdue: z.number().int().openapi({ description: 'The part of it past its due date' }),
    oldestOverdueDue: z.string().nullable().openapi({ description: 'The earliest due date among the overdue invoices' }),
    invoices: z.number().int().openapi({ description: 'Invoices with something still to pay' }),
  })
  .openapi('Receivable');

export const RECEIVABLE_SORTS = ['-overdue', 'overdue', '-outstanding', 'outstanding', 'oldestOverdueDue', '-oldestOverdueDue', 'client', '-client'] as const;
export type ReceivableSort = (typeof RECEIVABLE_SORTS)[number];

export const listReceivablesQuery = z.object({
  q: z.string().max(100).optional().openapi({ description: 'Text in the client\'s name' }),
  ownerId: z.uuid().optional(),
  overdueOnly: flag.optional().openapi({ description: 'true: only clients with something overdue' }),
  asOf,
  sort: z.enum(RECEIVABLE_SORTS).default('-overdue'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const receivablePageSchema = z.object({ items: z.array(receivableSchema), total: z.number().int(), sums: z.object({ outstanding: z.number().int(), overdue: z.number().int() }), today: z.string() }).openapi('ReceivablePage');

export const clientReceivablesQuery = z.object({ asOf });
export const clientReceivablesSchema = z
  .object({ clientId: z.uuid(), outstanding: z.number().int(), overdue: z.number().int(), oldestOverdueDue: z.string().nullable(), invoices: z.number().int(), today: z.string() })
  .openapi('ClientReceivables');

export const paymentRecordedSchema = z
  .object({
    payment: paymentSchema,
    invoice: z.object({ id: z.uuid(), number: z.string(), amount: z.number().int(), paid: z.number().int(), outstanding: z.number().int(), status: z.enum(INVOICE_STATUSES), version: z.number().int() }),
  })
  .openapi('PaymentRecorded');
