// What the Complaint route may set on a complaint (its `update-record` action): status, decision,
// decision kind, involved departments. Applied idempotently (the same values twice change nothing
// the second time), recorded in the status history and the audit log as done by the case.
import { AuditEntry, Complaint } from '../entities/index.ts';
import { companyCalendar } from '../calendar/calendar-settings.ts';
import { DomainError, notFound } from '../errors.ts';
import { departmentsByCode } from './departments.ts';
import { COMPLAINT_STATUSES, DECISION_KINDS, type ComplaintStatus, type DecisionKind } from './entities.ts';
import { moveStatus } from './status-rules.ts';
import { COMPLAINT_ROUTE_FIELDS } from './route-fields.ts';
import type { RouteUpdatable } from '../records/route-updates.ts';


const text = (values: Record<string, unknown>, key: string): string | undefined => {
  const v = values[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || !v.trim()) throw new DomainError('unprocessable', `${key} must be non-empty text`, [{ path: key, message: 'must be non-empty text' }]);
  return v.trim();
};

function oneOf<T extends string>(list: readonly T[], value: string | undefined, key: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(list as readonly string[]).includes(value)) throw new DomainError('unprocessable', `${key} must be one of ${list.join(', ')}`, [{ path: key, message: `"${value}" is not one of ${list.join(', ')}` }]);
  return value as T;
}

export const complaintRouteUpdates: RouteUpdatable = {
  type: 'complaint',
  fields: COMPLAINT_ROUTE_FIELDS.fields,
  async apply(em, id, values, caseId) {
    const unknown = Object.keys(values).filter((k) => !(k in complaintRouteUpdates.fields));
    if (unknown.length) throw new DomainError('unprocessable', `A route cannot set ${unknown.join(', ')} on a complaint`, unknown.map((k) => ({ path: k, message: 'not a field a route may set' })));
    const status = oneOf<ComplaintStatus>(COMPLAINT_STATUSES, text(values, 'status'), 'status');
    const kind = oneOf<DecisionKind>(DECISION_KINDS, text(values, 'decision_kind'), 'decision_kind');
    const decision = text(values, 'decision');
    const departments = text(values, 'departments')?.split(/[\s,]+/).filter(Boolean);
    const complaint = await em.findOne(Complaint, id, { populate: ['departments'] });
    if (!complaint) throw notFound('Complaint', id);
    const now = new Date();
    const changed: string[] = [];
    if (departments) {
      const found = await departmentsByCode(em, departments, 'departments');
      const before = complaint.departments.getItems().map((d) => d.code).sort().join(',');
      if (before !== found.map((d) => d.code).sort().join(',')) {
        complaint.departments.set(found);
        changed.push('departments');
      }
    }
    if (decision !== undefined && decision !== complaint.decisionText) { complaint.decisionText = decision; changed.push('decision'); }
    if (kind !== undefined && kind !== complaint.decisionKind) { complaint.decisionKind = kind; changed.push('decision_kind'); }
    if (status === 'decided' && (!complaint.decisionText || !complaint.decisionKind)) {
      throw new DomainError('unprocessable', 'A complaint is decided only with the decision and its kind', [{ path: complaint.decisionText ? 'decision_kind' : 'decision', message: 'needed to decide' }]);
    }
    if (status !== undefined && (await moveStatus(em, await companyCalendar(em, now), complaint, status, { employeeId: null, caseId }, null, now))) {
      changed.push('status');
      if (status === 'decided') complaint.decidedAt = now;
    }
    if (!changed.length) return;
    complaint.updatedAt = now;
    em.create(AuditEntry, {
      id: crypto.randomUUID(), at: now, actor: null, actorKind: 'case', actorLabel: `case ${caseId}`, action: 'complaint.route-update', targetType: 'complaint', targetId: id,
      details: { caseId, fields: changed, ...(status ? { status } : {}) }, ip: null, userAgent: null, status: 200,
    });
    await em.flush();
  },
};
