// One move of an installation order (accept, return, resubmit, schedule, complete, cancel), made
// by a person through the API or by a route's case through `route-updates.ts`. The order row is
// locked for the move, so two people (or a person and a route) completing at once put the
// equipment in the register once: the second finds the order done. Every move is kept in the
// order's history with who (or which case) and when.
import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { StaleVersion } from '../clients/stale-version.ts';
import { Equipment, InstallationOrder, InstallationStatusChange } from '../entities/index.ts';
import { DomainError, notFound } from '../errors.ts';
import type { InstallationLine, InstallationStatus } from './entities.ts';
import { nextStatus, type InstallationAction } from './installation-moves.ts';

/** Who moves the order: a person, or a route's case. */
export type MoveBy = { employeeId: string } | { caseId: string };

export interface CompletionData {
  actNumber: string;
  actDate: string;
  /** One serial number per unit of each line; the register's rows. */
  equipment: { model: string; serialNumber: string }[];
  contract?: { number: string; validFrom: string; validTo: string } | null | undefined;
  /** Who did the work; default: the person completing (or the scheduled engineer for a case). */
  doneById?: string | undefined;
}

export type MoveData =
  | { move: 'accept'; comment?: string | null | undefined }
  | { move: 'return'; missing: string; deadline: string }
  | { move: 'resubmit'; comment?: string | null | undefined }
  | { move: 'schedule'; date: string; engineerId: string; comment?: string | null | undefined }
  | { move: 'complete'; data: CompletionData }
  | { move: 'cancel'; reason: string };

/** Throws unprocessable unless the employee is active and holds the service role. */
export async function checkEngineer(em: EntityManager, employeeId: string, path: string): Promise<void> {
  const { rows } = await sql<{ active: boolean; service: boolean }>`select e.active,
      exists (select 1 from employee_roles er where er.employee_id = e.id and er.role_code = 'service') as service
    from employee e where e.id = ${employeeId}::uuid`.execute(em.getKysely());
  if (!rows[0]) throw new DomainError('unprocessable', `Employee ${employeeId} does not exist`, [{ path, message: 'no such employee' }]);
  if (!rows[0].active) throw new DomainError('unprocessable', `Employee ${employeeId} no longer works here`, [{ path, message: 'is not active' }]);
  if (!rows[0].service) throw new DomainError('unprocessable', `Employee ${employeeId} is not a service engineer`, [{ path, message: 'is not in the service role' }]);
}

/** The serials sent must cover the order's lines exactly: per model, as many as its quantity. */
export function checkSerials(lines: readonly InstallationLine[], equipment: CompletionData['equipment']): void {
  const want = new Map<string, number>();
  for (const l of lines) want.set(l.model, (want.get(l.model) ?? 0) + l.quantity);
  const seen = new Set<string>();
  equipment.forEach((e, i) => {
    if (!want.has(e.model)) throw new DomainError('invalid_input', `Model ${e.model} is not on the order`, [{ path: `equipment[${i}].model`, message: 'not one of the order\'s models' }]);
    const key = `${e.model}\u0000${e.serialNumber}`;
    if (seen.has(key)) throw new DomainError('invalid_input', `Serial number ${e.serialNumber} is given twice`, [{ path: `equipment[${i}].serialNumber`, message: 'given twice' }]);
    seen.add(key);
  });
  for (const [model, quantity] of want) {
    const got = equipment.filter((e) => e.model === model).length;
    if (got !== quantity) throw new DomainError('invalid_input', `The order has ${quantity} of ${model}; ${got} serial numbers were given`, [{ path: 'equipment', message: `needs ${quantity} serial numbers for ${model}` }]);
  }
}

const conflict = (id: string, status: InstallationStatus, move: InstallationAction) =>
  new DomainError('conflict', `Installation order ${id} is ${status}; "${move}" is not allowed from there`, [{ path: 'status', message: `is ${status}` }]);

/**
 * Makes the move in its own transaction with the order locked. Returns false when the order
 * already stands where an identical repeat of the move would leave it (nothing changed).
 */
export async function moveInstallation(em: EntityManager, orderId: string, data: MoveData, by: MoveBy, version?: number): Promise<boolean> {
  if (data.move === 'complete') checkSerialsShape(data.data);
  if (data.move === 'schedule') await checkEngineer(em, data.engineerId, 'engineerId');
  if (data.move === 'complete' && data.data.doneById) await checkEngineer(em, data.data.doneById, 'doneById');
  return em.transactional(async (tx) => {
    const order = await tx.findOne(InstallationOrder, orderId, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!order) throw notFound('Installation order', orderId);
    if (version !== undefined && order.version !== version) throw new StaleVersion('Installation order', orderId, version, order.version);
    // A case repeating its completion (a retried activity) finds the act recorded: nothing to do.
    if (data.move === 'complete' && 'caseId' in by && order.status === 'done' && order.actNumber === data.data.actNumber) return false;
    const to = nextStatus(order.status, data.move);
    if (to === null) throw conflict(orderId, order.status, data.move);
    const from = order.status;
    const now = new Date();
    const employeeId = 'employeeId' in by ? by.employeeId : null;
    let comment: string | null = null;
    switch (data.move) {
      case 'accept':
      case 'resubmit':
        comment = data.comment ?? null;
        tx.assign(order, { missing: data.move === 'resubmit' ? order.missing : null });
        break;
      case 'return':
        comment = data.missing;
        tx.assign(order, { missing: data.missing, returnDeadline: data.deadline });
        break;
      case 'schedule':
        if (order.status === 'scheduled' && order.scheduledDate === data.date && order.engineer?.id === data.engineerId) return false;
        comment = data.comment ?? null;
        tx.assign(order, { scheduledDate: data.date, engineer: data.engineerId });
        break;
      case 'cancel':
        comment = data.reason;
        tx.assign(order, { cancelReason: data.reason });
        break;
      case 'complete': {
        const d = data.data;
        checkSerials(order.lines, d.equipment);
        const doneBy = d.doneById ?? employeeId ?? order.engineer?.id ?? null;
        await registerEquipment(tx, order, d, employeeId, now);
        tx.assign(order, { actNumber: d.actNumber, actDate: d.actDate, doneBy });
        break;
      }
    }
    tx.assign(order, { status: to, updatedAt: now, ...(employeeId ? { updatedBy: employeeId } : {}) });
    tx.create(InstallationStatusChange, {
      id: crypto.randomUUID(), order, move: data.move, fromStatus: from, toStatus: to,
      by: employeeId, caseId: 'caseId' in by ? by.caseId : null, comment, at: now,
    });
    await tx.flush();
    return true;
  });
}

function checkSerialsShape(d: CompletionData): void {
  if (!d.equipment.length) throw new DomainError('invalid_input', 'Completing needs the serial numbers of the installed equipment', [{ path: 'equipment', message: 'is empty' }]);
}

/** Puts the order's units in the register; a serial already there (another order's) is refused by name. */
async function registerEquipment(tx: EntityManager, order: { id: string; client: { id: string }; siteAddress: string }, d: CompletionData, by: string | null, now: Date): Promise<void> {
  const taken = await tx.find(Equipment, { $or: d.equipment.map((e) => ({ model: e.model, serialNumber: e.serialNumber })) });
  for (const t of taken) {
    const i = d.equipment.findIndex((e) => e.model === t.model && e.serialNumber === t.serialNumber);
    throw new DomainError('conflict', `Serial number ${t.serialNumber} of ${t.model} is already in the service register`, [{ path: `equipment[${i}].serialNumber`, message: 'already in the register' }]);
  }
  for (const e of d.equipment) {
    tx.create(Equipment, {
      id: crypto.randomUUID(), model: e.model, serialNumber: e.serialNumber, client: order.client.id, siteAddress: order.siteAddress,
      contractNumber: d.contract?.number ?? null, contractFrom: d.contract?.validFrom ?? null, contractTo: d.contract?.validTo ?? null,
      installedOn: d.actDate, installation: order.id, removedOn: null, notes: null, createdBy: by, createdAt: now, updatedBy: by, updatedAt: now,
    });
  }
}
