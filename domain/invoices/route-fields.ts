// What a route may set on an invoice through `update-record`: pure data, shared by the route
// validator (and the designer) and domain/invoices/route-updates.ts, which applies it.
export const INVOICE_ROUTE_FIELDS = {
  fields: { status: 'text', reminder_called_at: 'date', payment_promised_on: 'date' },
  values: { status: ['issued'] },
} as const;
