// The messages of the route interpreter: its input and result, the updates that claim and
// complete assignments, and the live-state query. The API imports these; so does the workflow.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Priority, RouteGraph } from '../domain/routes/graph-schema.ts';
import type { RouteDefinition } from '../domain/routes/route-schema.ts';
import type { FormValue, StepCompletion } from '../domain/routes/step-input.ts';

export interface ProcessInput {
  processId: string;
  route: { id: string; key: string; versionId: string; version: number };
  /** The published version, carried in the input so it is recorded in history and replay is exact. */
  definition: RouteDefinition | RouteGraph;
  /** Set when this case runs as a sub-process of another case. */
  parentProcessId?: string;
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
  /** How a completed case ended: at an end node with `failure`, or successfully. */
  outcome?: 'success' | 'failure';
  /** The end node reached, if any. */
  endNode?: string;
  /** Why the case was cancelled or failed. */
  reason?: string;
  /** The variables when the case ended (a parent case maps them to its own). */
  variables?: Record<string, FormValue>;
}

/** An outside event (payment received, customer replied), already checked against the route. */
export interface OutsideEvent {
  name: string;
  payload: Record<string, FormValue>;
  receivedAt: string;
  actorId?: string;
}

export interface ReassignRequest {
  assignmentId: string;
  to: { employeeId: string } | { role: string };
  reason: string;
  actor: ActingEmployee;
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
  dueAt: string | null;
  priority?: Priority;
}

export interface PendingTimer {
  nodeId: string;
  /** What happens when it fires: "reminder", "escalation: notify-manager", "wait", "event timeout". */
  label: string;
  at: string;
}

export interface CancelProcessRequest {
  reason: string;
  actor: ActingEmployee;
}

export interface LiveState {
  status: 'running' | 'completed' | 'cancelled';
  /** Nodes where the case is now (more than one inside parallel branches). */
  activeNodes: { nodeId: string; kind: string; since: string }[];
  openSteps: OpenStep[];
  timers: PendingTimer[];
  completedSteps: StepRecord[];
  variables: Record<string, FormValue>;
  outcomes: Record<string, string | undefined>;
}

export const completeAssignmentUpdate = defineUpdate<StepRecord, [CompleteAssignmentRequest]>('completeAssignment');
export const claimAssignmentUpdate = defineUpdate<OpenStep, [ClaimAssignmentRequest]>('claimAssignment');
export const cancelProcessUpdate = defineUpdate<ProcessResult, [CancelProcessRequest]>('cancelProcess');
export const reassignAssignmentUpdate = defineUpdate<OpenStep, [ReassignRequest]>('reassignAssignment');
export const outsideEventSignal = defineSignal<[OutsideEvent]>('outsideEvent');
export const liveStateQuery = defineQuery<LiveState>('liveState');

/** `type` of the ApplicationFailure an update validator throws; the API maps each to a status. */
export const UPDATE_REFUSALS = {
  notFound: 'AssignmentNotFound',
  forbidden: 'NotYourAssignment',
  conflict: 'AssignmentClosed',
  notRunning: 'ProcessNotRunning',
  invalid: 'InvalidCompletion',
} as const;
