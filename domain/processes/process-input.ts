// The route interpreter workflow's input and result, its id format and its limits, in one place:
// the API assembles the input when it starts a case, the workflow continues from it, and a parent
// case assembles it for a sub-process.
import type { RouteGraph } from '../routes/graph-schema.ts';
import type { RouteDefinition } from '../routes/route-schema.ts';
import type { CaseRecord, CaseState, Effect, StepRecord, VariableValue } from './case-state.ts';

export interface CaseLimits {
  /** Nodes a case may pass through without any path waiting for a person, a timer or an event. */
  maxVisits: number;
  /** How deep sub-processes may nest (a top-level case is depth 0). */
  maxDepth: number;
  /** Continue as new past this many history events even if Temporal has not suggested it yet. */
  historyEvents: number;
}

export const DEFAULT_LIMITS: CaseLimits = { maxVisits: 1_000, maxDepth: 5, historyEvents: 20_000 };

export interface ProcessInput {
  processId: string;
  route: { id: string; key: string; versionId: string; version: number };
  /** The published version, carried in the input so it is recorded in history and replay is exact. */
  definition: RouteDefinition | RouteGraph;
  /** Set when this case runs as a sub-process of another case. */
  parentProcessId?: string;
  /** 0 for a case people start; a sub-process is one deeper than its parent. */
  depth?: number;
  subject: string;
  /** The record the case is about (a deal), which `update-record` actions change. */
  record?: CaseRecord | undefined;
  variables: Record<string, VariableValue>;
  startedBy: string;
  limits?: CaseLimits;
  /**
   * Where to continue from: the state the API built when it opened the first steps, or the state
   * carried over by continue-as-new. Absent, the case starts at the route's start node.
   */
  resume?: CaseState;
  /** Effects the previous run had not yet recorded when it continued as new. */
  pending?: Effect[];
}

/**
 * What a foreach item's child workflow is started with: everything but the route definition,
 * which the child loads once (a local activity, recorded in its own history) - a window of
 * hundreds of children would otherwise repeat it in the parent's history once per child.
 */
export type LeanProcessInput = Omit<ProcessInput, 'definition'> & { definition?: ProcessInput['definition'] };

export interface ProcessResult {
  status: 'completed' | 'cancelled' | 'failed';
  steps: StepRecord[];
  /** How a completed case ended: at an end node with `failure`, or successfully. */
  outcome?: 'success' | 'failure';
  /** The end node reached, if any. */
  endNode?: string;
  /** Why the case was cancelled or failed. */
  reason?: string;
  /** The variables when the case ended (a parent case maps them to its own). */
  variables?: Record<string, VariableValue>;
}

export const workflowIdFor = (processId: string): string => `process-${processId}`;
