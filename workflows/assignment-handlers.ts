// The updates people send to a running case: complete, claim and (managers) reassign an
// assignment. Each validator refuses the wrong person, a closed assignment or invalid data before
// anything enters history; each handler writes through an activity, then changes the state.
import { ApplicationFailure, setHandler } from '@temporalio/workflow';
import { checkCompletion } from '../domain/routes/step-input.ts';
import { acts } from './activity-proxies.ts';
import {
  UPDATE_REFUSALS,
  claimAssignmentUpdate,
  completeAssignmentUpdate,
  reassignAssignmentUpdate,
  type ActingEmployee,
  type ClaimAssignmentRequest,
  type CompleteAssignmentRequest,
  type OpenStep,
  type ReassignRequest,
  type StepRecord,
} from './contract.ts';
import type { OpenTask, ProcessState } from './process-state.ts';

export const refuse = (type: string, message: string, details: unknown[] = []): ApplicationFailure =>
  ApplicationFailure.create({ type, message, details, nonRetryable: true });

const nowIso = (): string => new Date().toISOString();
const view = ({ node: _node, ...rest }: OpenTask): OpenStep => rest;

export function registerAssignmentHandlers(state: ProcessState, base: { workflowId: string; processId: string }): void {
  const openAssignment = (assignmentId: string): OpenTask => {
    const s = state.open.get(assignmentId);
    if (s && !state.closing.has(assignmentId)) return s;
    if (state.closing.has(assignmentId) || state.done.some((d) => d.assignmentId === assignmentId)) {
      throw refuse(UPDATE_REFUSALS.conflict, 'This assignment has already been completed');
    }
    throw refuse(UPDATE_REFUSALS.notFound, `Assignment ${assignmentId} is not open in this case`);
  };

  const mayComplete = (s: OpenStep, actor: ActingEmployee): boolean =>
    s.assigneeId !== null ? s.assigneeId === actor.employeeId : s.roleCode !== null && actor.roles.includes(s.roleCode);

  setHandler(
    completeAssignmentUpdate,
    async (req) => {
      const s = openAssignment(req.assignmentId);
      state.closing.add(req.assignmentId);
      const at = nowIso();
      await acts.completeAssignment({ ...base, assignmentId: s.assignmentId, stepId: s.stepId, employeeId: req.actor.employeeId, outcome: req.outcome, form: req.form, at });
      const record: StepRecord = { stepId: s.stepId, assignmentId: s.assignmentId, outcome: req.outcome, completedBy: req.actor.employeeId, completedAt: at };
      state.done.push(record);
      state.outcomes[s.stepId] = req.outcome;
      state.forms[s.stepId] = { ...(req.form ?? {}) };
      state.completedBy[s.stepId] = req.actor.employeeId;
      state.open.delete(s.assignmentId);
      state.closing.delete(s.assignmentId);
      return record;
    },
    {
      validator: (req: CompleteAssignmentRequest) => {
        const s = openAssignment(req.assignmentId);
        if (!mayComplete(s, req.actor)) {
          throw refuse(UPDATE_REFUSALS.forbidden, s.assigneeId ? 'This assignment belongs to someone else' : `Only members of the role ${s.roleCode} may complete this assignment`);
        }
        const problems = checkCompletion(s.node, req);
        if (problems.length) throw refuse(UPDATE_REFUSALS.invalid, 'The step cannot be completed with this data', [problems]);
      },
    },
  );

  setHandler(
    claimAssignmentUpdate,
    async (req) => {
      const s = openAssignment(req.assignmentId);
      // Taken before the first await, so a second claim arriving meanwhile is refused.
      s.assigneeId = req.actor.employeeId;
      await acts.claimAssignment({ ...base, assignmentId: s.assignmentId, stepId: s.stepId, employeeId: req.actor.employeeId, at: nowIso() });
      return view(s);
    },
    {
      validator: (req: ClaimAssignmentRequest) => {
        const s = openAssignment(req.assignmentId);
        if (s.assigneeId !== null) {
          throw refuse(s.assigneeId === req.actor.employeeId ? UPDATE_REFUSALS.conflict : UPDATE_REFUSALS.forbidden, s.roleCode ? 'This assignment has already been claimed' : 'This assignment is not in a queue');
        }
        if (!s.roleCode || !req.actor.roles.includes(s.roleCode)) {
          throw refuse(UPDATE_REFUSALS.forbidden, `Only members of the role ${s.roleCode ?? '?'} may claim this assignment`);
        }
      },
    },
  );

  setHandler(
    reassignAssignmentUpdate,
    async (req) => {
      const s = openAssignment(req.assignmentId);
      const to = 'employeeId' in req.to ? { assigneeId: req.to.employeeId, roleCode: s.roleCode } : { assigneeId: null, roleCode: req.to.role };
      Object.assign(s, to);
      await acts.reassignAssignment({ ...base, assignmentId: s.assignmentId, stepId: s.stepId, ...to, actorId: req.actor.employeeId, reason: req.reason, at: nowIso() });
      return view(s);
    },
    {
      validator: (req: ReassignRequest) => {
        openAssignment(req.assignmentId);
        if (!req.actor.roles.some((r) => r === 'manager' || r === 'admin')) throw refuse(UPDATE_REFUSALS.forbidden, 'Only a manager or an admin may reassign work');
      },
    },
  );
}
