// Handing one person's open work over in one action - before a holiday, on dismissal - to another
// person or back to a role's queue. Each step moves through the case's own workflow (the reassign
// use case), so each case records it with the reason; a step that cannot move (completed a moment
// ago, its case cancelled) does not stop the others, and the answer says which moved and which not.
import type { EntityManager } from '@mikro-orm/postgresql';
import { Assignment, Employee, Role } from '../entities/index.ts';
import { reassignAssignment, type ReassignAssignmentDeps } from '../assignments/reassign-assignment.ts';
import { DomainError } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import { checkTeamAccess } from './check-team-access.ts';

export type HandOverTarget = { employeeId: string } | { role: string };

export interface HandOverWorkOptions {
  from: string;
  /** Only these of the person's open assignments; all of them when absent. */
  assignmentIds?: string[] | undefined;
  to: HandOverTarget;
  /** 'holiday', 'dismissal' or the manager's own words; recorded on every case. */
  reason: string;
  idempotencyKey?: string | undefined;
}

export interface HandOverResult {
  moved: string[];
  failed: { assignmentId: string; code: string; message: string }[];
}

export async function handOverWork(deps: ReassignAssignmentDeps, actor: Actor, opts: HandOverWorkOptions): Promise<HandOverResult> {
  const { em } = deps;
  await checkTeamAccess(em, actor, opts.from);
  await checkTarget(em, opts);
  const open = await em.find(Assignment, { assignee: opts.from, status: 'open' }, { fields: ['id'], orderBy: { openedAt: 'asc', id: 'asc' } });
  const held = new Set(open.map((a) => a.id));
  const wanted = opts.assignmentIds ? [...new Set(opts.assignmentIds)] : [...held];
  const result: HandOverResult = { moved: [], failed: [] };
  // One at a time: each is an update of another workflow, and the answer must be exact per step.
  for (const assignmentId of wanted) {
    if (!held.has(assignmentId)) {
      result.failed.push({ assignmentId, code: 'conflict', message: 'This is not open work of this person (done, withdrawn, moved or someone else\'s)' });
      continue;
    }
    try {
      await reassignAssignment(deps, actor, {
        assignmentId,
        ...('employeeId' in opts.to ? { employeeId: opts.to.employeeId } : { role: opts.to.role }),
        reason: opts.reason,
        idempotencyKey: opts.idempotencyKey === undefined ? undefined : `${opts.idempotencyKey}:${assignmentId}`,
      });
      result.moved.push(assignmentId);
    } catch (err) {
      if (!(err instanceof DomainError) || err.code === 'unavailable') throw err;
      result.failed.push({ assignmentId, code: err.code, message: err.message });
    }
  }
  return result;
}

async function checkTarget(em: EntityManager, opts: HandOverWorkOptions): Promise<void> {
  if ('employeeId' in opts.to) {
    if (opts.to.employeeId === opts.from) throw new DomainError('unprocessable', 'The work is this person\'s already', [{ path: 'to.employeeId', message: 'is the person handing over' }]);
    if (!(await em.count(Employee, { id: opts.to.employeeId, active: true }))) {
      throw new DomainError('unprocessable', 'There is no active employee with this id', [{ path: 'to.employeeId', message: 'is not an active employee' }]);
    }
  } else if (!(await em.count(Role, { code: opts.to.role }))) {
    throw new DomainError('unprocessable', `There is no role ${opts.to.role}`, [{ path: 'to.role', message: 'is not a role' }]);
  }
}
