// Invoices: the list with its sums (only invoices of clients the person may see, or all for the
// sales assistant and accounting), issuing one, the invoice page with its schedule and payments,
// changing it on the version read (409 with the current invoice), cancelling it with a reason,
// replacing its payment schedule, and recording actual payments - by a person, or by an
// integration key with the scope `invoices/payments` (the only call a key may make here).
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { StaleVersion } from '../../domain/clients/stale-version.ts';
import { DomainError } from '../../domain/errors.ts';
import { deriveId } from '../../domain/idempotency/derive-ids.ts';
import { cancelInvoice } from '../../domain/invoices/cancel-invoice.ts';
import { companyToday } from '../../domain/invoices/company-today.ts';
import { createInvoice } from '../../domain/invoices/create-invoice.ts';
import { invoiceRights } from '../../domain/invoices/invoice-access.ts';
import { recordPayment, type Payer } from '../../domain/invoices/record-payment.ts';
import { setSchedule } from '../../domain/invoices/set-schedule.ts';
import { updateInvoice } from '../../domain/invoices/update-invoice.ts';
import { deliverPayment, startPaymentReminder } from './payment-reminder.ts';
import type { AppEnv } from '../context.ts';
import { idParamSchema } from '../directory/schemas.ts';
import { json, jsonBody } from '../openapi.ts';
import { problemSchema, problems, validationHook } from '../problem.ts';
import { invoiceDetail, invoiceSummary, listInvoices, listPayments } from './invoice-view.ts';
import {
  cancelInvoiceSchema, invoiceDetailSchema, invoicePageSchema, invoicePatchSchema, listInvoicesQuery, newInvoiceSchema, newPaymentSchema,
  paymentRecordedSchema, paymentSchema, schedulePutSchema,
} from './schemas.ts';

const conflict = (what: string) => ({
  409: {
    description: what,
    content: { 'application/problem+json': { schema: problemSchema.extend({ current: z.unknown().optional(), left: z.number().int().optional(), existing: z.unknown().optional() }) } },
  },
});

/** Re-throws a stale-version refusal with the invoice as it is now, so nothing typed is lost. */
async function withCurrent<T>(run: () => Promise<T>, current: () => Promise<unknown>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof StaleVersion) throw new DomainError('conflict', err.message, err.problems, { extensions: { current: await current() } });
    throw err;
  }
}

export const invoicesApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get', path: '/', tags: ['Invoices'], summary: 'Invoices you may see, filtered, sorted, a page with the total and the sums of all that match',
      request: { query: listInvoicesQuery },
      responses: { 200: { description: 'A page of invoices', ...json(invoicePageSchema) }, ...problems(400, 401, 403) },
    }),
    async (c) => {
      const { sort, limit, offset, asOf, ...filter } = c.req.valid('query');
      const today = asOf ?? (await companyToday(c.var.em));
      return c.json(await listInvoices(c.var.em, c.var.viewer, filter, { sort, limit, offset, today }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/', tags: ['Invoices'], summary: 'Issue (or draft) an invoice to a client whose invoices you may change (404 for a client you may not see)',
      request: { ...jsonBody(newInvoiceSchema) },
      responses: { 201: { description: 'Created', ...json(invoiceDetailSchema) }, ...problems(400, 401, 403, 404, 422), ...conflict('The number is taken') },
    }),
    async (c) => {
      const { em, actor, idempotencyKey } = c.var;
      const b = c.req.valid('json');
      const id = await createInvoice(em, actor, {
        id: idempotencyKey === undefined ? undefined : deriveId(actor.employeeId, idempotencyKey, 'invoice.create'),
        number: b.number, clientId: b.clientId, dealId: b.dealId, amount: b.amount, lines: b.lines ?? [], issueDate: b.issueDate, dueDate: b.dueDate,
        draft: b.draft ?? false, schedule: b.schedule ?? [], notes: b.notes ?? null,
      });
      // An issued invoice gets its payment reminder (a draft gets it when it is issued).
      await startPaymentReminder(em.fork(), c.var.deps, actor, id, idempotencyKey);
      return c.json(await invoiceDetail(em.fork(), actor, id, await companyToday(em)), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/{id}', tags: ['Invoices'], summary: 'An invoice with its lines, payment schedule and payments (404 for an invoice of a client you may not see)',
      request: { params: idParamSchema },
      responses: { 200: { description: 'The invoice', ...json(invoiceDetailSchema) }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => c.json(await invoiceDetail(c.var.em, c.var.actor, c.req.valid('param').id, await companyToday(c.var.em)), 200),
  )
  .openapi(
    createRoute({
      method: 'patch', path: '/{id}', tags: ['Invoices'], summary: 'Change an invoice on the version you read: deal, amount or lines, dates, promised day, notes; issue a draft',
      request: { params: idParamSchema, ...jsonBody(invoicePatchSchema) },
      responses: { 200: { description: 'Changed', ...json(invoiceDetailSchema) }, ...problems(400, 401, 403, 404, 422), ...conflict('Stale version (`current` is the invoice as it is now), or the invoice is cancelled') },
    }),
    async (c) => {
      const { em, actor } = c.var;
      const { id } = c.req.valid('param');
      const today = await companyToday(em);
      await withCurrent(() => updateInvoice(em, actor, id, c.req.valid('json')), () => invoiceDetail(em.fork(), actor, id, today));
      if (c.req.valid('json').issue) await startPaymentReminder(em.fork(), c.var.deps, actor, id, c.var.idempotencyKey);
      return c.json(await invoiceDetail(em.fork(), actor, id, today), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/{id}/cancel', tags: ['Invoices'], summary: 'Cancel an invoice with a reason (not one with payments)',
      request: { params: idParamSchema, ...jsonBody(cancelInvoiceSchema) },
      responses: { 200: { description: 'Cancelled', ...json(invoiceDetailSchema) }, ...problems(400, 401, 403, 404), ...conflict('Stale version, cancelled already, or it has payments') },
    }),
    async (c) => {
      const { em, actor } = c.var;
      const { id } = c.req.valid('param');
      const today = await companyToday(em);
      await withCurrent(() => cancelInvoice(em, actor, id, c.req.valid('json')), () => invoiceDetail(em.fork(), actor, id, today));
      return c.json(await invoiceDetail(em.fork(), actor, id, today), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put', path: '/{id}/schedule', tags: ['Invoices'], summary: 'Replace the planned payments on the version you read (at most the amount in sum)',
      request: { params: idParamSchema, ...jsonBody(schedulePutSchema) },
      responses: { 200: { description: 'The invoice with its new schedule', ...json(invoiceDetailSchema) }, ...problems(400, 401, 403, 404, 422), ...conflict('Stale version, or the invoice is cancelled') },
    }),
    async (c) => {
      const { em, actor } = c.var;
      const { id } = c.req.valid('param');
      const today = await companyToday(em);
      await withCurrent(() => setSchedule(em, actor, id, c.req.valid('json')), () => invoiceDetail(em.fork(), actor, id, today));
      return c.json(await invoiceDetail(em.fork(), actor, id, today), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/{id}/payments', tags: ['Invoices'], summary: 'The actual payments of an invoice, oldest first',
      request: { params: idParamSchema },
      responses: { 200: { description: 'Payments', ...json(z.object({ items: z.array(paymentSchema) })) }, ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await invoiceRights(c.var.em, c.var.actor, id);
      return c.json({ items: await listPayments(c.var.em, id) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post', path: '/{id}/payments', tags: ['Invoices'], summary: 'Record an actual payment (people with the right, accounting, or an integration key with the scope invoices/payments)',
      request: { params: idParamSchema, ...jsonBody(newPaymentSchema) },
      responses: {
        201: { description: 'Recorded; the invoice as it is now', ...json(paymentRecordedSchema) },
        ...problems(400, 401, 403, 404),
        ...conflict('More than is left to pay (`left`, unless marked as overpayment), the same document recorded already (`existing`), or the invoice is cancelled'),
      },
    }),
    async (c) => {
      const { em, integration, idempotencyKey } = c.var;
      const { id } = c.req.valid('param');
      const b = c.req.valid('json');
      const payer: Payer = integration ? { kind: 'integration', keyId: integration.keyId, name: integration.name, scopes: integration.scopes } : { kind: 'employee', actor: c.var.actor };
      const callerId = integration ? integration.keyId : c.var.actor.employeeId;
      const paymentId = await recordPayment(em, payer, id, {
        id: idempotencyKey === undefined ? undefined : deriveId(callerId, idempotencyKey, 'invoice.payment'),
        paidOn: b.paidOn, amount: b.amount, documentNumber: b.documentNumber.trim(), overpayment: b.overpayment ?? false,
      });
      await deliverPayment(em.fork(), c.var.deps, id);
      const fresh = em.fork();
      const payment = (await listPayments(fresh, id)).find((p) => p.id === paymentId)!;
      return c.json({ payment, invoice: await invoiceSummary(fresh, id, await companyToday(fresh)) }, 201);
    },
  );
