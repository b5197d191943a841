// An actual payment arrives: typed by a person from the bank statement, or reported by the
// accounting program with an integration key. Under a lock on the invoice row (two reports at once
// cannot both take "what is left"):
// - a cancelled invoice takes no payment; a draft that gets paid is issued by it;
// - the same document number on the same invoice is refused (409 naming the payment recorded), so
//   an integration retrying a report changes nothing;
// - more than what is left is refused (409 saying how much is left) unless marked as overpayment.
import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Invoice, InvoicePayment } from '../entities/index.ts';
import { DomainError, notFound } from '../errors.ts';
import type { IntegrationScopes } from '../identity/integration-key.entity.ts';
import type { Actor } from '../identity/roles.ts';
import { PAYMENTS_SCOPE, invoiceRights, keyMayRecordPayments } from './invoice-access.ts';

export type Payer =
  | { kind: 'employee'; actor: Actor }
  | { kind: 'integration'; keyId: string; name: string; scopes: IntegrationScopes };

export interface RecordPaymentOptions {
  id?: string | undefined;
  paidOn: string;
  /** Kopecks. */
  amount: number;
  documentNumber: string;
  overpayment: boolean;
}

export async function recordPayment(em: EntityManager, payer: Payer, invoiceId: string, opts: RecordPaymentOptions): Promise<string> {
  if (payer.kind === 'employee') {
    const rights = await invoiceRights(em, payer.actor, invoiceId);
    if (!rights.pay) throw new DomainError('forbidden', 'Only the client\'s owner, the owner\'s managers, the sales assistant, accounting, management and admins record payments');
  } else if (!keyMayRecordPayments(payer.scopes)) {
    throw new DomainError('forbidden', `This integration key has no scope "${PAYMENTS_SCOPE}"`);
  }
  const id = opts.id ?? crypto.randomUUID();
  try {
    await em.transactional(async (tx) => {
      const invoice = await tx.findOne(Invoice, invoiceId, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!invoice) throw notFound('Invoice', invoiceId);
      if (await tx.count(InvoicePayment, { id })) return; // a retried request that already recorded it
      const same = await tx.findOne(InvoicePayment, { invoice: invoiceId, documentNumber: opts.documentNumber });
      if (same) throw duplicate(opts.documentNumber, { id: same.id, paidOn: same.paidOn, amount: same.amount });
      if (invoice.state === 'cancelled') throw new DomainError('conflict', `Invoice ${invoice.number} is cancelled; it takes no payments`);
      const left = Math.max(0, invoice.amount - invoice.paid);
      if (opts.amount > left && !opts.overpayment) {
        throw new DomainError('conflict', `The payment of ${opts.amount} kopecks is more than is left to pay on invoice ${invoice.number} (${left} kopecks); record it as an overpayment if the client paid too much`,
          [{ path: 'amount', message: `at most ${left} is left to pay` }], { extensions: { left } });
      }
      const now = new Date();
      tx.create(InvoicePayment, {
        id, invoice, paidOn: opts.paidOn, amount: opts.amount, documentNumber: opts.documentNumber, overpayment: opts.amount > left,
        recordedBy: payer.kind === 'employee' ? payer.actor.employeeId : null,
        integrationKeyId: payer.kind === 'integration' ? payer.keyId : null,
        integrationName: payer.kind === 'integration' ? payer.name.slice(0, 100) : null,
        recordedAt: now,
      });
      tx.assign(invoice, {
        paid: invoice.paid + opts.amount,
        ...(invoice.state === 'draft' ? { state: 'issued' as const } : {}),
        ...(payer.kind === 'employee' ? { updatedBy: payer.actor.employeeId } : {}),
        updatedAt: now,
      });
      await tx.flush();
    });
  } catch (err) {
    // Two reports of the same document at the same instant: the second meets the unique index.
    if (err instanceof UniqueConstraintViolationException) throw duplicate(opts.documentNumber, undefined);
    throw err;
  }
  return id;
}

function duplicate(documentNumber: string, existing: Record<string, unknown> | undefined): DomainError {
  return new DomainError('conflict', `Payment document ${documentNumber} is recorded on this invoice already; nothing was added`,
    [{ path: 'documentNumber', message: 'is recorded already' }], existing ? { extensions: { existing } } : {});
}
