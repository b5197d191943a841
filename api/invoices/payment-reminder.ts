// An invoice's payment reminder: issuing an invoice starts the published `payment-reminder` route
// about it (the client's owner calls 3 working days before the due date), and the payment that
// settles the invoice is delivered to that case as its `payment_received` event. The invoice
// context has already checked who recorded the payment (a person with the right, accounting, or
// an integration key with the scope invoices/payments), so the event is sent on its authority,
// not re-checked against the route's senders; the case's timeline names who recorded it.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import type { Actor } from '../../domain/identity/roles.ts';
import { owedPaymentEvents, PAYMENT_REMINDER_ROUTE_KEY } from '../../domain/invoices/payment-events.ts';
import type { AppDeps } from '../context.ts';
import { startRouteAbout } from '../processes/start-about-record.ts';
import { temporalEngine } from '../processes/temporal-engine.ts';

export { PAYMENT_REMINDER_ROUTE_KEY };

type Deps = Pick<AppDeps, 'temporal' | 'taskQueue' | 'mailer' | 'caseLimits' | 'engineClock'>;

/** Starts the reminder for an issued, unpaid invoice that has none running, when the route is published. */
export async function startPaymentReminder(em: EntityManager, deps: Deps, actor: Actor, invoiceId: string, idempotencyKey?: string): Promise<void> {
  const { rows } = await sql<{ number: string; state: string; amount: string; paid: string; due_date: string; owner_email: string; client_name: string }>`
    select i.number, i.state, i.amount, i.paid, to_char(i.due_date, 'YYYY-MM-DD') as due_date, o.email as owner_email, c.name as client_name
    from invoice i join client c on c.id = i.client_id join employee o on o.id = c.owner_id where i.id = ${invoiceId}::uuid`.execute(em.getKysely());
  const inv = rows[0];
  if (!inv || inv.state !== 'issued' || BigInt(inv.paid) >= BigInt(inv.amount)) return;
  await startRouteAbout(em, deps, actor, {
    routeKey: PAYMENT_REMINDER_ROUTE_KEY, unless: 'running-case', keySuffix: 'payment-reminder',
    subject: `Оплата счёта ${inv.number}: ${inv.client_name}`,
    record: { type: 'invoice', id: invoiceId },
    variables: { owner: inv.owner_email, client: inv.client_name, invoice_no: inv.number, invoice_due: inv.due_date, amount: Number(inv.amount) / 100 },
  }, idempotencyKey);
}

/**
 * When the invoice is now paid in full, tells its running reminder (if any) that the payment came.
 * Not sent (Temporal unreachable): the housekeeping sweep sends it again a little later.
 */
export async function deliverPayment(em: EntityManager, deps: Pick<AppDeps, 'temporal' | 'taskQueue'>, invoiceId: string): Promise<void> {
  for (const owed of await owedPaymentEvents(em, { invoiceId })) {
    try {
      await temporalEngine(deps.temporal, deps.taskQueue).signal(owed.workflowId, owed.event);
    } catch (err) {
      console.warn(`[crm] payment_received for invoice ${invoiceId} not sent now, the sweep sends it again: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
