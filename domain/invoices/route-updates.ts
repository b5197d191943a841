// What a route may set on an invoice (the payment reminder route: mark the call made, the day the
// client promised to pay, issue a draft). The engine checks a route's fields against `fields` at
// publish time and calls `apply` from an activity; applying the same values twice changes nothing
// the second time, and each real change is audited as done by the case.
import { AuditEntry, Invoice } from '../entities/index.ts';
import { DomainError, notFound } from '../errors.ts';
import type { RouteUpdatable } from '../records/route-updates.ts';
import { INVOICE_ROUTE_FIELDS } from './route-fields.ts';


const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

export const invoiceRouteUpdates: RouteUpdatable = {
  type: 'invoice',
  fields: INVOICE_ROUTE_FIELDS.fields,
  async apply(em, id, values, caseId) {
    const invoice = await em.findOne(Invoice, id);
    if (!invoice) throw notFound('Invoice', id);
    const change: { state?: 'issued'; reminderCalledAt?: string | null; paymentPromisedOn?: string | null } = {};
    for (const [field, value] of Object.entries(values)) {
      if (field === 'status') {
        if (value !== 'issued') throw new DomainError('unprocessable', 'A route may only issue an invoice', [{ path: 'status', message: 'only "issued"' }]);
        if (invoice.state === 'cancelled') throw new DomainError('unprocessable', `Invoice ${invoice.number} is cancelled`, [{ path: 'status', message: 'the invoice is cancelled' }]);
        if (invoice.state === 'draft') change.state = 'issued';
      } else if (field === 'reminder_called_at' || field === 'payment_promised_on') {
        if (value !== null && !isDate(value)) throw new DomainError('unprocessable', `${field} must be a date (YYYY-MM-DD)`, [{ path: field, message: 'must be a date YYYY-MM-DD' }]);
        const key = field === 'reminder_called_at' ? 'reminderCalledAt' : 'paymentPromisedOn';
        if (invoice[key] !== value) change[key] = value;
      } else {
        throw new DomainError('unprocessable', `A route cannot set ${field} on an invoice`, [{ path: field, message: 'not a field a route may set' }]);
      }
    }
    if (!Object.keys(change).length) return;
    em.assign(invoice, { ...change, updatedAt: new Date() });
    em.create(AuditEntry, {
      id: crypto.randomUUID(), at: new Date(), actor: null, actorKind: 'case', actorLabel: `case ${caseId}`, action: 'invoice.route-update',
      targetType: 'invoice', targetId: id, details: { caseId, fields: Object.keys(values) }, ip: null, userAgent: null, status: 200,
    });
    await em.flush();
  },
};
