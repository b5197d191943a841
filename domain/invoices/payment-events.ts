// The `payment_received` event an invoice's running payment reminder is owed once the invoice is
// paid in full: the API sends it when the settling payment is recorded, and the housekeeping sweep
// sends it again for reminders still running a while after that (the first send may have been lost
// with Temporal unreachable). Keyed by the invoice, so a case takes it once however often it comes.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import type { EventSender, OutsideEvent } from '../processes/case-state.ts';

export const PAYMENT_REMINDER_ROUTE_KEY = 'payment-reminder';

export interface OwedPaymentEvent {
  workflowId: string;
  event: OutsideEvent;
}

export async function owedPaymentEvents(em: EntityManager, opts: { invoiceId?: string; recordedBefore?: Date; limit?: number }): Promise<OwedPaymentEvent[]> {
  const { rows } = await sql<{ workflow_id: string; invoice_id: string; number: string; paid: string; paid_on: string; recorded_by: string | null; email: string | null; key_id: string | null; key_name: string | null }>`
    select p.workflow_id, i.id as invoice_id, i.number, i.paid, to_char(last.paid_on, 'YYYY-MM-DD') as paid_on,
      last.recorded_by_id as recorded_by, e.email, last.integration_key_id as key_id, last.integration_name as key_name
    from invoice i
      join process p on p.record_type = 'invoice' and p.record_id = i.id and p.status = 'running'
      join route_version v on v.id = p.route_version_id join route r on r.id = v.route_id and r.key = ${PAYMENT_REMINDER_ROUTE_KEY}
      join lateral (select * from invoice_payment ip where ip.invoice_id = i.id order by ip.recorded_at desc limit 1) last on true
      left join employee e on e.id = last.recorded_by_id
    where i.paid >= i.amount
      ${opts.invoiceId ? sql`and i.id = ${opts.invoiceId}::uuid` : sql``}
      ${opts.recordedBefore ? sql`and last.recorded_at < ${opts.recordedBefore.toISOString()}::timestamptz` : sql``}
    order by last.recorded_at limit ${opts.limit ?? 500}`.execute(em.getKysely());
  return rows.map((r) => {
    const sender: EventSender = r.recorded_by
      ? { kind: 'employee', id: r.recorded_by, label: r.email ?? r.recorded_by }
      : { kind: 'integration', id: r.key_id ?? 'unknown', label: r.key_name ?? 'integration' };
    return {
      workflowId: r.workflow_id,
      event: {
        name: 'payment_received',
        key: `payment:${r.invoice_id}`,
        payload: { amount: Number(r.paid) / 100, paid_on: r.paid_on },
        receivedAt: new Date().toISOString(),
        ...(sender.kind === 'employee' ? { actorId: sender.id } : {}),
        sender,
        reason: `Счёт ${r.number} оплачен полностью`,
      },
    };
  });
}
