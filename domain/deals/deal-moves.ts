// Which stage each outcome of a deal route's task leads to, read statically off the route
// version, so the deals board can let a card be dragged only where the route goes. From the
// outcome, the walk follows the task's `next` through actions and decisions up to the first
// `update-record` that sets `stage` (that stage) or closes the deal (`won` / `lost`). A decision
// whose branch conditions read only this task's outcome is decided; one that reads anything else
// is followed down every branch, and counts only when they all agree. A task, wait, sub-process,
// split, join or end on the way means the outcome moves the deal nowhere (null). Pure.
import { conditionReferences } from '../conditions/references.ts';
import { evaluateCondition } from '../conditions/evaluate.ts';
import type { GraphNode, RouteGraph, TaskNode } from '../routes/graph-schema.ts';

export type MoveTarget = { stage: string } | { close: 'won' | 'lost' } | null;

export interface OutcomeMove {
  /** The outcome to complete the task with; null for a task without outcomes. */
  outcome: string | null;
  label: string | null;
  target: MoveTarget;
  /**
   * The task's form must be filled to take this move: a required field, or one the path copies
   * from (a refusal's reason). The board then opens the task instead of completing it.
   */
  needsForm: boolean;
}

const same = (a: MoveTarget, b: MoveTarget): boolean => JSON.stringify(a) === JSON.stringify(b);

export function stageMoves(graph: RouteGraph, taskId: string): OutcomeMove[] {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const task = nodes.get(taskId);
  if (task?.kind !== 'task') return [];
  const outcomes: (string | null)[] = task.outcomes ? task.outcomes.map((o) => o.id) : [null];
  return outcomes.map((outcome) => {
    const reads = new Set<string>();
    const target = walk(nodes, task, outcome, task.next, new Set(), reads);
    const required = (task.form ?? []).some((f) => f.required || (outcome !== null && f.requiredFor?.includes(outcome)));
    return { outcome, label: task.outcomes?.find((o) => o.id === outcome)?.label ?? null, target, needsForm: required || reads.size > 0 };
  });
}

/** The target from `at` on: undefined when paths disagree (reported as null by the caller). */
function walk(nodes: ReadonlyMap<string, GraphNode>, task: TaskNode, outcome: string | null, at: string | undefined, seen: Set<string>, reads: Set<string>): MoveTarget {
  if (at === undefined || seen.has(at)) return null;
  const node = nodes.get(at);
  if (!node) return null;
  const here = new Set(seen).add(at);
  const formRef = (ref: unknown) => {
    if (ref && typeof ref === 'object' && 'from' in ref && typeof ref.from === 'string' && ref.from.startsWith(`forms.${task.id}.`)) reads.add(ref.from);
  };
  if (node.kind === 'action') {
    if (node.do.type === 'update-record') {
      const { stage, status } = node.do.set;
      Object.values(node.do.set).forEach(formRef);
      if (status === 'won' || status === 'lost') return { close: status };
      if (typeof stage === 'string') return { stage };
    }
    if (node.do.type === 'set') formRef(node.do.value);
    return walk(nodes, task, outcome, node.next, here, reads);
  }
  if (node.kind === 'decision') {
    const own = `outcomes.${task.id}`;
    const decidable = node.branches.every((b) => conditionReferences(b.when).every((r) => r === own));
    if (decidable) {
      const scope = { variables: {}, outcomes: { [task.id]: outcome ?? undefined }, forms: {} };
      const branch = node.branches.find((b) => evaluateCondition(b.when, scope));
      return walk(nodes, task, outcome, branch ? branch.next : node.otherwise, here, reads);
    }
    const targets = [...node.branches.map((b) => b.next), ...(node.otherwise ? [node.otherwise] : [])].map((next) => walk(nodes, task, outcome, next, here, reads));
    const [first] = targets;
    return first !== undefined && targets.every((t) => same(t, first)) ? first : null;
  }
  return null;
}
