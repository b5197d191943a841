// What a route's `update-record` action may set on an installation order (the installation
// hand-off route: the service head accepts or returns it, schedules it, an engineer completes it
// with an act). Setting `status` makes the same move the API's buttons make (installation-moves.ts),
// so a route cannot take an order where a person could not; a value it cannot take is refused
// naming the field. Applying the same values twice changes nothing the second time.
import type { EntityManager } from '@mikro-orm/postgresql';
import { AuditEntry, Employee, InstallationOrder } from '../entities/index.ts';
import { DomainError, notFound } from '../errors.ts';
import { INSTALLATION_STATUSES, type InstallationStatus } from './entities.ts';
import { moveBetween } from './installation-moves.ts';
import { moveInstallation, type MoveData } from './move-installation.ts';
import { INSTALLATION_ROUTE_FIELDS } from './route-fields.ts';
import type { RouteUpdatable } from '../records/route-updates.ts';

const FIELDS = INSTALLATION_ROUTE_FIELDS.fields;

type Field = keyof typeof FIELDS;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function read(values: Record<string, unknown>, field: Field): string | undefined {
  const v = values[field];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw new DomainError('unprocessable', `${field} must be text`, [{ path: field, message: 'must be text' }]);
  if (FIELDS[field] === 'date' && !(DATE.test(v) && !Number.isNaN(Date.parse(v)))) throw new DomainError('unprocessable', `${field} must be a date (YYYY-MM-DD)`, [{ path: field, message: 'not a date' }]);
  return v.trim();
}

function need(values: Record<string, unknown>, field: Field, status: string): string {
  const v = read(values, field);
  if (v === undefined) throw new DomainError('unprocessable', `Setting the status to ${status} needs ${field}`, [{ path: field, message: `is required for ${status}` }]);
  return v;
}

async function engineerByEmail(em: EntityManager, email: string): Promise<string> {
  const e = await em.findOne(Employee, { email: email.toLowerCase() });
  if (!e) throw new DomainError('unprocessable', `No employee has the e-mail ${email}`, [{ path: 'engineer_email', message: 'no such employee' }]);
  return e.id;
}

/** The move the values ask for, or null when the order already stands where they would leave it. */
async function moveFor(em: EntityManager, order: { status: InstallationStatus; scheduledDate?: string | null; engineer?: { id: string } | null; lines: { model: string; quantity: number }[] }, values: Record<string, unknown>): Promise<MoveData | null> {
  const status = read(values, 'status');
  if (status !== undefined && !(INSTALLATION_STATUSES as readonly string[]).includes(status)) throw new DomainError('unprocessable', `Unknown installation status ${status}`, [{ path: 'status', message: `one of ${INSTALLATION_STATUSES.join(', ')}` }]);
  const target = (status ?? (read(values, 'scheduled_date') !== undefined ? 'scheduled' : order.status)) as InstallationStatus;
  if (target === order.status && target !== 'scheduled') return null;
  if (target === 'scheduled') {
    const date = need(values, 'scheduled_date', target);
    const engineerId = await engineerByEmail(em, need(values, 'engineer_email', target));
    if (order.status === 'scheduled' && order.scheduledDate === date && order.engineer?.id === engineerId) return null;
    if (order.status !== 'accepted' && order.status !== 'scheduled') throw new DomainError('unprocessable', `An order that is ${order.status} cannot be scheduled`, [{ path: 'status', message: `not allowed from ${order.status}` }]);
    return { move: 'schedule', date, engineerId };
  }
  const move = moveBetween(order.status, target);
  if (move === null) throw new DomainError('unprocessable', `An order that is ${order.status} cannot become ${target}`, [{ path: 'status', message: `not allowed from ${order.status}` }]);
  switch (move) {
    case 'accept':
    case 'resubmit':
      return { move };
    case 'return':
      return { move, missing: need(values, 'missing', target), deadline: need(values, 'return_deadline', target) };
    case 'cancel':
      return { move, reason: need(values, 'cancel_reason', target) };
    case 'complete': {
      const serials = need(values, 'serial_numbers', target).split(/[\s,;]+/).filter(Boolean);
      const models = order.lines.flatMap((l) => Array.from({ length: l.quantity }, () => l.model));
      if (serials.length !== models.length) throw new DomainError('unprocessable', `The order has ${models.length} units; ${serials.length} serial numbers were given`, [{ path: 'serial_numbers', message: `needs ${models.length} serial numbers` }]);
      const contractNumber = read(values, 'contract_number');
      return {
        move, data: {
          actNumber: need(values, 'act_number', target), actDate: need(values, 'act_date', target),
          equipment: models.map((model, i) => ({ model, serialNumber: serials[i]! })),
          contract: contractNumber === undefined ? null : { number: contractNumber, validFrom: need(values, 'contract_valid_from', target), validTo: need(values, 'contract_valid_to', target) },
        },
      };
    }
    default:
      return null;
  }
}

export const installationUpdates: RouteUpdatable = {
  type: 'installation',
  fields: FIELDS,
  async apply(em, id, values, caseId) {
    const unknown = Object.keys(values).filter((k) => !(k in FIELDS));
    if (unknown.length) throw new DomainError('unprocessable', `An installation order has no field ${unknown.join(', ')}`, unknown.map((path) => ({ path, message: 'no such field' })));
    const order = await em.fork().findOne(InstallationOrder, id);
    if (!order) throw notFound('Installation order', id);
    const data = await moveFor(em, order, values);
    if (data === null) return;
    const changed = await moveInstallation(em.fork(), id, data, { caseId });
    if (!changed) return;
    await em.fork().insert(AuditEntry, {
      id: crypto.randomUUID(), at: new Date(), actor: caseId, actorKind: 'case', actorLabel: `case ${caseId}`, action: `installation.${data.move}`,
      targetType: 'installation', targetId: id, details: { caseId, ...values }, ip: null, userAgent: null, status: 200,
    });
  },
};
