// The messages of the route interpreter: its input and result, the updates that claim and
// complete assignments, and the live-state query. The API imports these; so does the workflow.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { RouteDefinition } from '../domain/routes/route-schema.ts';
import type { FormValue, StepCompletion } from '../domain/routes/step-input.ts';

export interface ProcessInput {
  processId: string;
  route: { id: string; key: string; versionId: string; version: number };
  /** The published version, carried in the input so it is recorded in history and replay is exact. */
  definition: RouteDefinition;
  subject: string;
  variables: Record<string, FormValue>;
  startedBy: string;
}

export interface StepRecord {
  stepId: string;
  assignmentId: string;
  outcome?: string | undefined;
  completedBy: string;
  completedAt: string;
}

export interface ProcessResult {
  status: 'completed' | 'cancelled';
  steps: StepRecord[];
  /** Why the case was cancelled, when it was. */
  reason?: string;
}

/** Who is acting, as the API authenticated them. The workflow trusts it for rights checks. */
export interface ActingEmployee {
  employeeId: string;
  roles: string[];
}

export interface CompleteAssignmentRequest extends StepCompletion {
  assignmentId: string;
  actor: ActingEmployee;
}

export interface ClaimAssignmentRequest {
  assignmentId: string;
  actor: ActingEmployee;
}

export interface OpenStep {
  assignmentId: string;
  stepId: string;
  stepName: string;
  assigneeId: string | null;
  roleCode: string | null;
  openedAt: string;
  dueAt: string;
}

export interface CancelProcessRequest {
  reason: string;
  actor: ActingEmployee;
}

export interface LiveState {
  status: 'running' | 'completed' | 'cancelled';
  openSteps: OpenStep[];
  completedSteps: StepRecord[];
  variables: Record<string, FormValue>;
}

export const completeAssignmentUpdate = defineUpdate<StepRecord, [CompleteAssignmentRequest]>('completeAssignment');
export const claimAssignmentUpdate = defineUpdate<OpenStep, [ClaimAssignmentRequest]>('claimAssignment');
export const cancelProcessUpdate = defineUpdate<ProcessResult, [CancelProcessRequest]>('cancelProcess');
export const liveStateQuery = defineQuery<LiveState>('liveState');

/** `type` of the ApplicationFailure an update validator throws; the API maps each to a status. */
export const UPDATE_REFUSALS = {
  notFound: 'AssignmentNotFound',
  forbidden: 'NotYourAssignment',
  conflict: 'AssignmentClosed',
  notRunning: 'ProcessNotRunning',
  invalid: 'InvalidCompletion',
} as const;
