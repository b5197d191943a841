// Parallel splits and their joins. The interpreter runs each branch until it arrives at the
// split's join, and the join lets the case go on once all, the first or `count` of them have
// arrived. So every branch must be able to get there; a join that waits for all branches must not
// have a branch that can end first; and a join must be the meeting point of some split, with a
// `count` it can actually reach - otherwise it would never fire and the case would hang.
import type { FieldProblem } from '../../errors.ts';
import type { NodeOf } from '../graph-schema.ts';
import { endsHere, problemAt, reachable, type GraphContext } from './context.ts';

type Split = { node: NodeOf<'parallel'>; index: number; join: NodeOf<'join'> };

function splits(ctx: GraphContext): Split[] {
  const found: Split[] = [];
  for (const node of ctx.byId.values()) {
    if (node.kind !== 'parallel') continue;
    const join = ctx.byId.get(node.join);
    // A missing join, or one that is not a join node, is reported by the structure check.
    if (join?.kind === 'join') found.push({ node, index: ctx.indexOf.get(node.id) ?? 0, join });
  }
  return found;
}

/** Joins that some split names and at least one of its branches arrives at. */
export function joinsThatCanFire(ctx: GraphContext): Set<string> {
  const fired = new Set<string>();
  for (const { node, join } of splits(ctx)) {
    if (node.branches.some((b) => reachable(ctx, [b], join.id).has(join.id))) fired.add(join.id);
  }
  return fired;
}

export function checkParallel(ctx: GraphContext): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const all = splits(ctx);
  for (const { node, index, join } of all) {
    node.branches.forEach((target, k) => {
      if (!ctx.byId.has(target)) return; // dangling, reported by the structure check
      const path = reachable(ctx, [target], join.id);
      if (!path.has(join.id)) {
        problems.push(problemAt(ctx, index, `.branches[${k}]`, `the branch starting at "${target}" never reaches the join "${join.id}"; every branch must lead there`));
        return;
      }
      if (join.mode !== 'all') return;
      const early = [...path].find((id) => {
        const n = ctx.byId.get(id);
        return id !== join.id && n !== undefined && endsHere(n);
      });
      if (early !== undefined) {
        problems.push(problemAt(ctx, index, `.branches[${k}]`,
          `the join "${join.id}" waits for every branch, but the branch starting at "${target}" can end at "${early}" before arriving, so the join would never fire; end the case after the join, or let the join wait for the first branch`));
      }
    });
  }
  const canFire = joinsThatCanFire(ctx);
  ctx.graph.nodes.forEach((join, j) => {
    if (join.kind !== 'join' || ctx.indexOf.get(join.id) !== j) return;
    const feeders = all.filter((s) => s.join.id === join.id);
    if (!canFire.has(join.id)) {
      const why = feeders.length === 0 ? 'no parallel split names it as its join' : 'none of the branches that should meet here arrive';
      problems.push(problemAt(ctx, j, '', `the join "${join.id}" would never fire: ${why}`));
    }
    if (join.mode !== 'n') {
      if (join.count !== undefined) problems.push(problemAt(ctx, j, '.count', `"count" is only used when the join's mode is "n"`));
      return;
    }
    if (join.count === undefined) {
      problems.push(problemAt(ctx, j, '.count', 'a join with mode "n" needs "count": how many branches to wait for'));
      return;
    }
    for (const { node } of feeders) {
      if (join.count > node.branches.length) {
        problems.push(problemAt(ctx, j, '.count', `waits for ${join.count} branches, but the split "${node.id}" has only ${node.branches.length}, so the join would never fire`));
      }
    }
  });
  return problems;
}
