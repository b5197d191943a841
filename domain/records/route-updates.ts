// The one interface through which routes touch records: each record context (deals, invoices,
// service, complaints) exports a `RouteUpdatable` from its own `route-updates.ts`, and this
// registry maps the subject type a route declares ("deal") to it. The activity that records a
// case's effects calls `applyRecordUpdate`; the fields each type allows are pure data in
// subject-fields.ts, which the route validator reads at publish.
import type { EntityManager } from '@mikro-orm/postgresql';
import { dealRouteUpdates } from '../deals/route-updates.ts';
import { complaintRouteUpdates } from '../complaints/route-updates.ts';
import { invoiceRouteUpdates } from '../invoices/route-updates.ts';
import { installationUpdates } from '../service/route-updates.ts';
import { DomainError } from '../errors.ts';
import type { RecordFieldType } from './subject-fields.ts';

export interface RouteUpdatable {
  /** The subject type a route names: 'deal'. */
  type: string;
  /** What a route may set (checked at publish). */
  fields: Readonly<Record<string, RecordFieldType>>;
  /**
   * Applies values a route's action sets on record `id`; idempotent (the same values twice change
   * nothing the second time); audited as done by the case `caseId`; throws a DomainError naming
   * the field for a value it cannot take.
   */
  apply(em: EntityManager, id: string, values: Record<string, unknown>, caseId: string): Promise<void>;
}

/** One per record type a route may be about; each context owns its own. */
const UPDATABLES: readonly RouteUpdatable[] = [dealRouteUpdates, invoiceRouteUpdates, installationUpdates, complaintRouteUpdates];

export const ROUTE_UPDATABLES: ReadonlyMap<string, RouteUpdatable> = new Map(UPDATABLES.map((u) => [u.type, u]));

/** Applies an `update-record` effect; a type nobody registered fails the case with the reason. */
export async function applyRecordUpdate(em: EntityManager, record: { type: string; id: string }, values: Record<string, unknown>, caseId: string): Promise<void> {
  const updatable = ROUTE_UPDATABLES.get(record.type);
  if (!updatable) throw new DomainError('unprocessable', `No kind of record is called "${record.type}": the route cannot change it`, [{ path: 'subject', message: 'unknown record type' }]);
  await updatable.apply(em, record.id, values, caseId);
}
