// Loops that never stop to wait. A case moves through decisions, actions, splits and joins at
// once; only a task (a person), a wait (time or an outside event) or a sub-process (a child case)
// holds it until something happens outside. A loop with none of those - "check the stage, set a
// variable, check again" - would run round in a split second, thousands of times, until Temporal
// cuts the workflow off at its history limit. So every loop must pass through at least one node
// that holds the case.
//
// What holds a case:
// - task, wait (for, until or an event - with or without a timeout, it stops for a while),
//   subprocess: always;
// - join: when not enough of its split's branches can arrive without holding: a join in mode
//   "all" after a branch with a task waits for that task, but a join in mode "first" with one
//   branch of plain actions lets the case through at once;
// - decision, parallel, action: never. An action `create-task` too: it opens a task that does not
//   hold up the path, so a loop through it would open tasks without end.
// A wait `until` a date that has already passed returns at once; whether it does depends on data,
// so it is left to the interpreter's run-time budget of node visits, not refused here.
import type { FieldProblem } from '../../errors.ts';
import type { GraphNode, NodeOf } from '../graph-schema.ts';
import { canReachStop, cycles, problemAt, quoteList, type GraphContext } from './context.ts';

export function checkSpinningLoops(ctx: GraphContext): FieldProblem[] {
  const holding = nodesThatHold(ctx);
  const canEnd = canReachStop(ctx);
  return cycles(ctx, (id) => !holding.has(id))
    // A loop no end can be reached from is already refused as having no way out (flow.ts).
    .filter((loop) => loop.some((id) => canEnd.has(id)))
    .map((loop) => {
      const first = loop[0] ?? '';
      const what = loop.length === 1 ? `"${first}" leads straight back to itself` : `nodes ${quoteList(loop)} form a loop`;
      return problemAt(ctx, ctx.indexOf.get(first) ?? 0, '', `${what} with no task, wait or sub-process: it would spin without end`);
    });
}

/** Ids of the nodes where a case stops until something outside happens. */
export function nodesThatHold(ctx: GraphContext): Set<string> {
  const holding = new Set<string>();
  for (const node of ctx.byId.values()) if (alwaysHolds(node)) holding.add(node.id);
  // A join lets the case through at once when enough branches arrive without holding; a branch
  // may itself pass a nested join, so this grows to a fixed point: every join starts as holding
  // and is released once enough of its branches are known to arrive at once.
  const joins = [...ctx.byId.values()].filter((n): n is NodeOf<'join'> => n.kind === 'join');
  joins.forEach((j) => holding.add(j.id));
  let released = true;
  while (released) {
    released = false;
    for (const join of joins) {
      if (holding.has(join.id) && passesAtOnce(ctx, join, holding)) {
        holding.delete(join.id);
        released = true;
      }
    }
  }
  return holding;
}

function alwaysHolds(node: GraphNode): boolean {
  return node.kind === 'task' || node.kind === 'wait' || node.kind === 'subprocess';
}

/** Whether some split naming this join has enough branches that reach it without holding. */
function passesAtOnce(ctx: GraphContext, join: NodeOf<'join'>, holding: ReadonlySet<string>): boolean {
  for (const split of ctx.byId.values()) {
    if (split.kind !== 'parallel' || split.join !== join.id) continue;
    const needed = join.mode === 'first' ? 1 : join.mode === 'n' ? (join.count ?? split.branches.length) : split.branches.length;
    const atOnce = split.branches.filter((b) => arrivesAtOnce(ctx, b, join.id, holding)).length;
    if (atOnce >= needed) return true;
  }
  return false;
}

/** Whether a path from `from` reaches `join` through nodes that do not hold the case. */
function arrivesAtOnce(ctx: GraphContext, from: string, join: string, holding: ReadonlySet<string>): boolean {
  const seen = new Set<string>();
  const queue = [from];
  while (queue.length) {
    const id = queue.shift();
    if (id === undefined || seen.has(id)) continue;
    if (id === join) return true;
    seen.add(id);
    if (holding.has(id) || !ctx.byId.has(id)) continue;
    queue.push(...(ctx.successors.get(id) ?? []));
  }
  return false;
}
