// Everything the interpreter knows about one case while it runs: open assignments, the nodes it
// is at, pending timers, variables, outcomes and form data. The live-state query reads it; the
// update handlers and the path walker change it. Deterministic code only.
import type { ConditionScope } from '../domain/conditions/evaluate.ts';
import type { TaskNode } from '../domain/routes/graph-schema.ts';
import type { FormValue } from '../domain/routes/step-input.ts';
import type { LiveState, OpenStep, OutsideEvent, PendingTimer, StepRecord } from './contract.ts';

export interface OpenTask extends OpenStep {
  node: TaskNode;
}

export class ProcessState {
  status: LiveState['status'] = 'running';
  readonly variables: Record<string, FormValue>;
  readonly outcomes: Record<string, string | undefined> = {};
  readonly forms: Record<string, Record<string, FormValue>> = {};
  /** Who completed each task last: for "the manager of whoever did step X". */
  readonly completedBy: Record<string, string> = {};
  readonly open = new Map<string, OpenTask>();
  /** Completions accepted whose database write is still under way. */
  readonly closing = new Set<string>();
  readonly done: StepRecord[] = [];
  readonly events: OutsideEvent[] = [];
  private readonly active = new Map<number, { nodeId: string; kind: string; since: string }>();
  private readonly timers = new Map<number, PendingTimer>();
  private seq = 0;

  constructor(variables: Record<string, FormValue>) {
    this.variables = { ...variables };
  }

  /** Marks a path as being at a node; returns a function that marks it gone. */
  enter(nodeId: string, kind: string): () => void {
    const key = ++this.seq;
    this.active.set(key, { nodeId, kind, since: new Date().toISOString() });
    return () => this.active.delete(key);
  }

  /** Shows a timer in the live state while `wait` runs. */
  async withTimer<T>(timer: PendingTimer, wait: () => Promise<T>): Promise<T> {
    const key = ++this.seq;
    this.timers.set(key, timer);
    try {
      return await wait();
    } finally {
      this.timers.delete(key);
    }
  }

  takeEvent(name: string): OutsideEvent | undefined {
    const i = this.events.findIndex((e) => e.name === name);
    return i < 0 ? undefined : this.events.splice(i, 1)[0];
  }

  conditionScope(): ConditionScope {
    return { variables: this.variables, outcomes: this.outcomes, forms: this.forms };
  }

  view(): LiveState {
    return {
      status: this.status,
      activeNodes: [...this.active.values()],
      openSteps: [...this.open.values()].map(({ node: _node, ...rest }) => rest),
      timers: [...this.timers.values()].sort((a, b) => a.at.localeCompare(b.at)),
      completedSteps: this.done,
      variables: this.variables,
      outcomes: this.outcomes,
    };
  }
}
