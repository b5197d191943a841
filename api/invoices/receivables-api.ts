// Receivables: per client, what is still owed on issued invoices, the part overdue and the oldest
// overdue due date - company-wide (only clients whose invoices the person may see), and for one
// client (its card). Derived on the company's day, or on `asOf`.
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { companyToday } from '../../domain/invoices/company-today.ts';
import { clientInvoiceRights } from '../../domain/invoices/invoice-access.ts';
import type { AppEnv } from '../context.ts';
import { idParamSchema } from '../directory/schemas.ts';
import { json } from '../openapi.ts';
import { problems, validationHook } from '../problem.ts';
import { clientReceivables, listReceivables } from './invoice-view.ts';
import { clientReceivablesQuery, clientReceivablesSchema, listReceivablesQuery, receivablePageSchema } from './schemas.ts';

export const receivablesApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  createRoute({
    method: 'get', path: '/', tags: ['Invoices'], summary: 'Clients with something still to pay, with the overdue part (sorted by it by default), a page with the total',
    request: { query: listReceivablesQuery },
    responses: { 200: { description: 'A page of receivables', ...json(receivablePageSchema) }, ...problems(400, 401, 403) },
  }),
  async (c) => {
    const { sort, limit, offset, asOf, ...filter } = c.req.valid('query');
    const today = asOf ?? (await companyToday(c.var.em));
    return c.json(await listReceivables(c.var.em, c.var.viewer, filter, { sort, limit, offset, today }), 200);
  },
);

/** Mounted at /clients beside the clients API: GET /api/clients/{id}/receivables. */
export const clientReceivablesApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  createRoute({
    method: 'get', path: '/{id}/receivables', tags: ['Invoices'], summary: 'What one client still owes, the overdue part and its oldest due date (404 for a client you may not see)',
    request: { params: idParamSchema, query: clientReceivablesQuery },
    responses: { 200: { description: 'The client\'s receivables', ...json(clientReceivablesSchema) }, ...problems(400, 401, 403, 404) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    await clientInvoiceRights(c.var.em, c.var.actor, id);
    const today = c.req.valid('query').asOf ?? (await companyToday(c.var.em));
    return c.json(await clientReceivables(c.var.em, c.var.viewer, id, today), 200);
  },
);
