// The whole state of a running case as plain data: where each path of the route stands (tokens),
// the open steps, every pending timer, the case's variables, outcomes and form data. The route
// interpreter (case-machine.ts) changes it; the workflow carries it across continue-as-new and the
// API builds the first one when it starts a case. Types only: nothing here runs.
import type { AssigneeRule, EscalationAction, Priority } from '../routes/graph-schema.ts';
import type { FormField } from '../routes/route-schema.ts';
import type { FormValue, ListValue, VariableValue } from '../routes/step-input.ts';
import type { CaseLimits } from './process-input.ts';

export type { FormValue, ListValue, VariableValue };

/** The record a case is about: `{ type: "deal", id }`. */
export interface CaseRecord {
  type: string;
  id: string;
}

/** What assignment rules read when a step opens or escalates. */
export interface AssigneeContext {
  variables: Record<string, FormValue>;
  completedBy: Record<string, string>;
  startedBy: string;
}

/** A path through the route: where it is and what it waits for. Parallel splits create more. */
export interface Token {
  id: string;
  /** The node the path is at. */
  at: string;
  since: string;
  /** Ids of the parallel splits this path is inside, innermost last. */
  splits: string[];
  wait?: { kind: 'task'; assignmentId: string } | { kind: 'timer'; timerId: string } | { kind: 'event'; name: string; timerId?: string } | { kind: 'child'; childId: string } | { kind: 'items'; listId: string };
}

export interface Split {
  id: string;
  parallelId: string;
  joinId: string;
  needed: number;
  arrived: number;
}

export interface OpenStep {
  assignmentId: string;
  stepId: string;
  stepName: string;
  /** Null for a role queue; undefined while the step is opening and its assignee is being found. */
  assigneeId: string | null | undefined;
  roleCode: string | null;
  openedAt: string;
  dueAt: string | null;
  priority: Priority;
  /** The path waiting on it; none for a follow-up task created by an action. */
  tokenId?: string;
  /** Escalation rungs passed so far. */
  level: number;
  outcomes?: { id: string; label: string }[];
  form?: FormField[];
}

export interface PendingTimer {
  id: string;
  nodeId: string;
  /** What happens when it fires: "reminder", "warning", "escalation: notify-manager", "wait", "event timeout". */
  label: string;
  at: string;
  kind: 'reminder' | 'escalation' | 'warning' | 'wait' | 'event-timeout';
  tokenId?: string;
  assignmentId?: string;
  action?: EscalationAction;
}

export interface ChildCase {
  childId: string;
  tokenId: string;
  nodeId: string;
  /** The child's process and workflow, known once the transition that prepares it has run. */
  processId?: string;
  workflowId?: string;
  /** The child workflow's input, until the workflow has started it. */
  input?: unknown;
  /** The foreach run this child is one item of (`ForeachRun.listId`); absent for a sub-process. */
  foreach?: string;
}

/**
 * A foreach node at work: counters and a cursor, never the list itself - the list is in the
 * `process_item_list` table, written once by the effect that resolved it, and children are
 * prepared a window at a time from it.
 */
export interface ForeachRun {
  /** Names the stored list (and keys the effects about it). */
  listId: string;
  tokenId: string;
  nodeId: string;
  /** How many items; unknown until the list has been resolved. */
  total?: number;
  /** The position of the next item to start. */
  cursor: number;
  finished: number;
  succeeded: number;
  failed: number;
  cancelled: number;
  /** The body route's version, fixed by the first window so every item runs the same one. */
  versionId?: string;
}

export interface StepRecord {
  stepId: string;
  assignmentId: string;
  outcome?: string | undefined;
  completedBy: string;
  completedAt: string;
}

/** An outside event (payment received, customer replied), already checked against the route. */
export interface OutsideEvent {
  name: string;
  /**
   * The same happening sent again (a sweep re-sending a signal it cannot know arrived) carries
   * the same key, and a case takes it once.
   */
  key?: string | undefined;
  payload: Record<string, FormValue>;
  receivedAt: string;
  actorId?: string | undefined;
  /** Who sent it, as the timeline shows it: a person, or another system by its integration key. */
  sender?: EventSender | undefined;
  /** Why a person sent it (a manager acting for someone), shown in the timeline. */
  reason?: string | undefined;
}

export interface EventSender {
  kind: 'employee' | 'integration';
  id: string;
  /** The person's e-mail or the key's name, as they were when it was sent. */
  label: string;
}

export interface CaseEnding {
  status: 'completed' | 'failed' | 'cancelled';
  outcome?: 'success' | 'failure';
  endNode?: string;
  reason?: string;
  actorId?: string;
}

export interface CaseState {
  variables: Record<string, VariableValue>;
  outcomes: Record<string, string | undefined>;
  forms: Record<string, Record<string, FormValue>>;
  /** Who completed each task last: for "the manager of whoever did step X". */
  completedBy: Record<string, string>;
  tokens: Token[];
  splits: Split[];
  open: OpenStep[];
  timers: PendingTimer[];
  children: ChildCase[];
  /** Events received that no wait has taken yet. */
  events: OutsideEvent[];
  /** The most recent completed steps (all of them are in PostgreSQL). */
  done: StepRecord[];
  /**
   * The most recent steps withdrawn from a running case (a join or an end moved past their
   * branch), so a late completion is refused as a conflict while their rows still read "open".
   * Absent in states carried over from before it existed.
   */
  withdrawn?: string[];
  /** Keys of the keyed outside events this case has received (the most recent), to take each once. */
  eventKeys?: string[];
  /** How many times each `update-record` (and `call`) node has run: with the node, it keys each application. */
  updates?: Record<string, number>;
  /** Foreach nodes at work. Absent in states from before foreach existed. */
  foreach?: ForeachRun[];
  /** Nodes visited since a path last waited for something: the runaway-loop budget. */
  visits: number;
  ended?: CaseEnding;
}

/**
 * What the case asks the outside world to record, in order, in one transaction per batch.
 * Each carries the keys that make applying it twice harmless.
 */
export type Effect =
  | { type: 'event'; key: string; event: string; at: string; nodeId?: string; assignmentId?: string; actorId?: string; data?: Record<string, unknown> }
  | {
      type: 'open';
      assignmentId: string;
      step: { id: string; name: string; instructions?: string; outcomes?: { id: string; label: string }[]; form?: FormField[] };
      assignee: AssigneeRule;
      priority: Priority;
      openedAt: string;
      dueAt: string | null;
      context: AssigneeContext;
    }
  | { type: 'complete'; assignmentId: string; stepId: string; employeeId: string; outcome?: string | undefined; form?: Record<string, FormValue> | undefined; at: string }
  | { type: 'claim'; assignmentId: string; stepId: string; employeeId: string; at: string }
  | { type: 'reassign'; key: string; assignmentId: string; stepId: string; assigneeId: string | null; roleCode: string | null; actorId: string; reason: string; at: string }
  | { type: 'withdraw'; assignmentId: string; stepId: string; at: string }
  | { type: 'escalate'; key: string; assignmentId: string; stepId: string; kind: 'reminder' | 'escalation'; level: number; action: EscalationAction; context: AssigneeContext; at: string }
  /**
   * The step will pass its due time soon (the task's `warnBefore`): the holder's manager is told
   * and the timeline gets `step.at-risk`. `timeZone` is the route calendar's, for the notice's text.
   */
  | { type: 'warn'; key: string; assignmentId: string; stepId: string; dueAt: string; at: string; timeZone?: string }
  | { type: 'notify'; key: string; nodeId: string; to: AssigneeRule; message: string; context: AssigneeContext }
  | { type: 'prepare-child'; childId: string; routeKey: string; subject: string; record?: CaseRecord; variables: Record<string, FormValue>; startedBy: string; depth: number; limits: CaseLimits; nodeId: string }
  /**
   * Runs a route operation (ROUTE_OPERATIONS) in the transition's transaction, once per `key`;
   * `args` are resolved, the rest is the operation's context.
   */
  | { type: 'call'; key: string; nodeId: string; operation: string; args: Record<string, VariableValue>; record?: CaseRecord; parentProcessId?: string; variables: Record<string, VariableValue>; forms: Record<string, Record<string, FormValue>>; at: string; actorId?: string }
  /**
   * Resolves a foreach's items once and stores them under `listId` (process_item_list): the
   * values of a list variable, or a list source's items. The result says how many.
   */
  | { type: 'list'; key: string; listId: string; nodeId: string; values?: ListValue; source?: { name: string; args: Record<string, VariableValue> }; record?: CaseRecord; parentProcessId?: string; variables: Record<string, VariableValue>; forms: Record<string, Record<string, FormValue>>; at: string }
  /** Prepares child cases for the stored items from position `from`, one per id of `childIds` (one window of a foreach). */
  | { type: 'prepare-items'; listId: string; nodeId: string; from: number; childIds: string[]; routeKey: string; versionId?: string; subject: string; record?: CaseRecord; inputs: Record<string, FormValue>; as: string; startedBy: string; depth: number; limits: CaseLimits }
  | { type: 'current'; steps: { id: string; name: string }[] }
  /** Change the case's record (a deal's stage...); `key` makes a second application change nothing. */
  | { type: 'update-record'; key: string; nodeId: string; record: CaseRecord; values: Record<string, FormValue>; at: string; /** Who completed the step that led here: told when the record refuses. */ actorId?: string }
  | { type: 'close'; status: CaseEnding['status']; at: string; result: Record<string, unknown>; actorId?: string };

/** What applying a batch of effects found out: who got each opened step, escalations, children. */
export interface TransitionResult {
  opened: Record<string, { assigneeId: string | null; roleCode: string | null }>;
  escalated: Record<string, { assigneeId: string | null; roleCode: string | null; priority: Priority }>;
  children: Record<string, { processId: string; workflowId: string; input: unknown }>;
  /** How many items each resolved foreach list holds, by list id. */
  lists?: Record<string, { total: number }>;
  /** For the children of a prepared window: the body route and version they run, by list id (sent once, not per child). */
  bodies?: Record<string, { route: { id: string; key: string; versionId: string; version: number } }>;
}
