// Walks a route graph from a node until the path ends (a node without `next`), reaches a stop
// node (the join of a parallel split) or an end node (which ends the whole case). Parallel
// branches run in their own cancellation scopes; the join waits for all, the first or n of them
// and cancels the rest, withdrawing their open assignments. Loops are just edges back.
import { ApplicationFailure, CancelledFailure, CancellationScope, condition, executeChild, isCancellation, sleep, uuid4, workflowInfo } from '@temporalio/workflow';
import { evaluateCondition } from '../domain/conditions/evaluate.ts';
import { after, fromDateVariable } from '../domain/routes/deadline.ts';
import type { GraphNode, NodeOf, RouteGraph, ValueRef } from '../domain/routes/graph-schema.ts';
import type { FormValue } from '../domain/routes/step-input.ts';
import { acts } from './activity-proxies.ts';
import type { ProcessInput, ProcessResult } from './contract.ts';
import type { ProcessState } from './process-state.ts';
import { assigneeContext, openTask, runTask, type TaskContext } from './task-runner.ts';

export interface Ending {
  nodeId: string;
  result: 'success' | 'failure';
  reason?: string | undefined;
}

export interface WalkerOptions {
  graph: RouteGraph;
  input: ProcessInput;
  base: { workflowId: string; processId: string };
  state: ProcessState;
  caseEnding(): boolean;
  /** Ends the whole case at an end node. */
  end(e: Ending): void;
}

const nowIso = (): string => new Date().toISOString();

export class GraphWalker {
  private readonly o: WalkerOptions;
  private readonly nodes: Map<string, GraphNode>;
  private readonly task: TaskContext;

  constructor(o: WalkerOptions) {
    this.o = o;
    this.nodes = new Map(o.graph.nodes.map((n) => [n.id, n]));
    this.task = { base: o.base, state: o.state, calendar: o.graph.calendar, startedBy: o.input.startedBy, acts, caseEnding: () => o.caseEnding() };
  }

  async walk(from: string | undefined, stopAt?: string): Promise<void> {
    let id = from;
    while (id !== undefined && id !== stopAt) {
      const node = this.nodes.get(id);
      if (!node) throw ApplicationFailure.nonRetryable(`The route has no node "${id}"`, 'RouteBroken');
      const leave = this.o.state.enter(node.id, node.kind);
      try {
        id = await this.step(node);
      } finally {
        leave();
      }
    }
  }

  private async step(node: GraphNode): Promise<string | undefined> {
    switch (node.kind) {
      case 'task':
        await runTask(this.task, node);
        return node.next;
      case 'decision':
        return this.decide(node);
      case 'parallel':
        return this.split(node);
      case 'join':
        return node.next;
      case 'wait':
        return this.wait(node);
      case 'action':
        await this.act(node);
        return node.next;
      case 'subprocess':
        await this.subprocess(node);
        return node.next;
      case 'end':
        this.o.end({ nodeId: node.id, result: node.result, reason: node.reason });
        throw new CancelledFailure(`Reached the end node ${node.id}`);
    }
  }

  private record(type: string, nodeId: string, data: Record<string, unknown>): Promise<void> {
    return acts.recordNodeEvent({ ...this.o.base, eventId: uuid4(), type, nodeId, at: nowIso(), data });
  }

  private async decide(node: NodeOf<'decision'>): Promise<string | undefined> {
    const scope = this.o.state.conditionScope();
    const index = node.branches.findIndex((b) => evaluateCondition(b.when, scope));
    const branch = node.branches[index];
    const next = branch ? branch.next : node.otherwise;
    await this.record('decision.taken', node.id, { branch: branch ? (branch.label ?? index) : 'otherwise', next: next ?? null });
    return next;
  }

  private async split(node: NodeOf<'parallel'>): Promise<string | undefined> {
    const join = this.nodes.get(node.join);
    if (join?.kind !== 'join') throw ApplicationFailure.nonRetryable(`Parallel node ${node.id} has no join`, 'RouteBroken');
    const needed = join.mode === 'all' ? node.branches.length : join.mode === 'first' ? 1 : Math.min(join.count ?? 1, node.branches.length);
    let arrived = 0;
    let failure: Error | undefined;
    const branches = node.branches.map((start) => {
      const scope = new CancellationScope();
      const done = scope.run(() => this.walk(start, join.id)).then(
        () => void arrived++,
        (err: unknown) => {
          if (!(isCancellation(err) && scope.consideredCancelled)) failure ??= err instanceof Error ? err : new Error(String(err));
        },
      );
      return { scope, done };
    });
    await condition(() => arrived >= needed || failure !== undefined);
    if (failure !== undefined) throw failure;
    // Branches no longer needed stop here; their open assignments are withdrawn as they unwind.
    for (const b of branches) b.scope.cancel();
    await Promise.all(branches.map((b) => b.done));
    await this.record('join.passed', join.id, { arrived, of: node.branches.length });
    return join.next;
  }

  private async wait(node: NodeOf<'wait'>): Promise<string | undefined> {
    const { state } = this.o;
    const calendar = this.o.graph.calendar;
    if (node.event) {
      const name = node.event;
      const present = () => state.events.some((e) => e.name === name);
      let got = true;
      if (node.timeout) {
        const at = after(calendar, new Date(), node.timeout);
        got = await this.sleepUntil(node.id, 'event timeout', at, () => condition(present, this.msUntil(at)));
      } else {
        await condition(present);
      }
      const event = got ? state.takeEvent(name) : undefined;
      state.outcomes[node.id] = event ? 'event' : 'timeout';
      if (event) state.forms[node.id] = { ...event.payload };
      await this.record(event ? 'event.received' : 'event.timeout', node.id, event ? { name, payload: event.payload, receivedAt: event.receivedAt } : { name });
      return event ? node.next : (node.onTimeout ?? node.next);
    }
    let at: Date | undefined;
    if (node.for) at = after(calendar, new Date(), node.for);
    if (node.until) {
      const value = state.variables[node.until.variable];
      if (typeof value === 'string') at = fromDateVariable(calendar, value, node.until.offset, node.until.direction);
    }
    if (at && at.getTime() > Date.now()) await this.sleepUntil(node.id, 'wait', at, () => sleep(this.msUntil(at)));
    await this.record('wait.finished', node.id, { until: at?.toISOString() ?? null });
    return node.next;
  }

  private msUntil(at: Date): number {
    return Math.max(1, at.getTime() - Date.now());
  }

  private sleepUntil<T>(nodeId: string, label: string, at: Date, wait: () => Promise<T>): Promise<T> {
    return this.o.state.withTimer({ nodeId, label, at: at.toISOString() }, wait);
  }

  private value(ref: ValueRef): FormValue {
    if (ref === null || typeof ref !== 'object') return ref;
    const [root, a, b] = ref.from.split('.');
    const { state } = this.o;
    if (root === 'variables' && a) return state.variables[a] ?? null;
    if (root === 'outcomes' && a) return state.outcomes[a] ?? null;
    if (root === 'forms' && a && b) return state.forms[a]?.[b] ?? null;
    return null;
  }

  private async act(node: NodeOf<'action'>): Promise<void> {
    const action = node.do;
    if (action.type === 'set') {
      const value = this.value(action.value);
      this.o.state.variables[action.variable] = value;
      await this.record('variable.set', node.id, { variable: action.variable, value });
      return;
    }
    if (action.type === 'create-task') {
      const { type: _type, ...task } = action;
      await openTask(this.task, { ...task, id: node.id, kind: 'task', priority: 'normal', remindBefore: [], escalations: [] });
      return;
    }
    await acts.notifyPeople({ ...this.o.base, key: `${this.o.base.workflowId}:${node.id}:${uuid4()}`, to: action.to, message: action.message, subject: this.o.input.subject, context: assigneeContext(this.task) });
  }

  private async subprocess(node: NodeOf<'subprocess'>): Promise<void> {
    const variables = Object.fromEntries(Object.entries(node.inputs).map(([k, ref]) => [k, this.value(ref)]));
    const child = await acts.prepareSubprocess({
      parentProcessId: this.o.input.processId,
      childProcessId: uuid4(),
      routeKey: node.route,
      subject: `${this.o.input.subject} / ${node.name ?? node.route}`,
      variables,
      startedBy: this.o.input.startedBy,
    });
    const result = await executeChild<(input: ProcessInput) => Promise<ProcessResult>>('routeProcess', { workflowId: child.workflowId, args: [child.input], taskQueue: workflowInfo().taskQueue });
    for (const [mine, theirs] of Object.entries(node.outputs)) this.o.state.variables[mine] = result.variables?.[theirs] ?? null;
    this.o.state.outcomes[node.id] = result.outcome ?? result.status;
    await this.record('subprocess.finished', node.id, { childProcessId: child.input.processId, outcome: result.outcome ?? result.status });
  }
}
