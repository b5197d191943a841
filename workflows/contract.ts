// The messages of the route interpreter: the updates that complete, claim and reassign
// assignments and cancel a case, the outside-event signal and the live-state query. The API
// imports these; so does the workflow. The state and input types live in domain/processes.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ActingEmployee, LiveState, OpenStepView } from '../domain/processes/case-machine.ts';
import type { OutsideEvent, StepRecord } from '../domain/processes/case-state.ts';
import type { ProcessInput, ProcessResult } from '../domain/processes/process-input.ts';
import type { StepCompletion } from '../domain/routes/step-input.ts';

export { REFUSALS as UPDATE_REFUSALS } from '../domain/processes/case-machine.ts';
export type { ActingEmployee, LiveState, OpenStepView, OutsideEvent, ProcessInput, ProcessResult, StepRecord };

export interface CompleteAssignmentRequest extends StepCompletion {
  assignmentId: string;
  actor: ActingEmployee;
}

/** A completed step, and the steps the case opened because of it. */
export interface CompleteAssignmentResult {
  step: StepRecord;
  opened: OpenStepView[];
}

export interface ClaimAssignmentRequest {
  assignmentId: string;
  actor: ActingEmployee;
}

export interface ReassignRequest {
  assignmentId: string;
  to: { employeeId: string } | { role: string };
  reason: string;
  actor: ActingEmployee;
}

export interface CancelProcessRequest {
  reason: string;
  actor: ActingEmployee;
}

export const completeAssignmentUpdate = defineUpdate<CompleteAssignmentResult, [CompleteAssignmentRequest]>('completeAssignment');
export const claimAssignmentUpdate = defineUpdate<OpenStepView, [ClaimAssignmentRequest]>('claimAssignment');
export const cancelProcessUpdate = defineUpdate<ProcessResult, [CancelProcessRequest]>('cancelProcess');
export const reassignAssignmentUpdate = defineUpdate<OpenStepView, [ReassignRequest]>('reassignAssignment');
export const outsideEventSignal = defineSignal<[OutsideEvent]>('outsideEvent');
export const liveStateQuery = defineQuery<LiveState>('liveState');
