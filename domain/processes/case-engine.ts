// The workflow engine as the use cases see it: start a case, send it the Workflow Updates that
// complete, claim and reassign its steps or cancel it, and deliver outside events. Domain code
// depends on this port only; api/processes/temporal-engine.ts adapts Temporal's client to it
// (its update and signal definitions live in workflows/contract.ts, whose request shapes match
// the ones below - the adapter does not compile if they drift apart).
import type { Actor } from '../identity/roles.ts';
import type { StepCompletion } from '../routes/step-input.ts';
import type { ActingEmployee, OpenStepView } from './case-machine.ts';
import type { OutsideEvent, StepRecord } from './case-state.ts';
import type { ProcessInput, ProcessResult } from './process-input.ts';

/** A Workflow Update's options: the id makes a retried update (same Idempotency-Key) a no-op. */
export interface UpdateOptions {
  updateId?: string | undefined;
}

export interface CompleteStepRequest extends StepCompletion {
  assignmentId: string;
  actor: ActingEmployee;
}

/** A completed step, and the steps the case opened because of it. */
export interface CompletedStep {
  step: StepRecord;
  opened: OpenStepView[];
}

export interface ClaimStepRequest {
  assignmentId: string;
  actor: ActingEmployee;
}

export interface ReassignStepRequest {
  assignmentId: string;
  to: { employeeId: string } | { role: string };
  reason: string;
  actor: ActingEmployee;
}

export interface CancelCaseRequest {
  reason: string;
  actor: ActingEmployee;
}

/**
 * Every call but `start` addresses a running case by its workflow id. The engine's refusals
 * arrive as DomainErrors (403/404/409/422), an unreachable engine as 'unavailable'.
 */
export interface CaseEngine {
  /** Starts the case's workflow; one already running under the same id counts as started. */
  start(input: ProcessInput): Promise<void>;
  complete(workflowId: string, request: CompleteStepRequest, options?: UpdateOptions): Promise<CompletedStep>;
  claim(workflowId: string, request: ClaimStepRequest, options?: UpdateOptions): Promise<OpenStepView>;
  reassign(workflowId: string, request: ReassignStepRequest, options?: UpdateOptions): Promise<OpenStepView>;
  cancel(workflowId: string, request: CancelCaseRequest, options?: UpdateOptions): Promise<ProcessResult>;
  /** Delivers an outside event; the case acts on it when it reaches a wait for it. */
  signal(workflowId: string, event: OutsideEvent): Promise<void>;
}

/** Who acts, as the workflow's validators see them. */
export const actingAs = (actor: Actor): ActingEmployee => ({ employeeId: actor.employeeId, roles: actor.roles });
