// Where cases can go: every node must be reachable from `start`, and no loop may trap a case
// forever. A loop is fine - "the client asks for a new proposal" goes back to preparing one - as
// long as some node in it (a person's outcome, a decision, an event's timeout) can lead on to an
// end; a loop from which no end can be reached would keep the case open for ever.
import type { FieldProblem } from '../../errors.ts';
import { canReachStop, cycles, problemAt, quoteList, reachable, type GraphContext } from './context.ts';
import { joinsThatCanFire } from './parallel.ts';

export function checkReachable(ctx: GraphContext): FieldProblem[] {
  if (!ctx.byId.has(ctx.graph.start)) return []; // reported as a bad start; everything would be "unreachable"
  const reached = reachable(ctx, [ctx.graph.start]);
  const fedJoins = joinsThatCanFire(ctx);
  const problems: FieldProblem[] = [];
  for (const [id, node] of ctx.byId) {
    if (reached.has(id)) continue;
    // A join that no parallel branch reaches is reported once, as a join that never fires.
    if (node.kind === 'join' && !fedJoins.has(id)) continue;
    problems.push(problemAt(ctx, ctx.indexOf.get(id) ?? 0, '', `no path from the start leads to "${id}", so it would never run`));
  }
  return problems;
}

export function checkLoops(ctx: GraphContext): FieldProblem[] {
  const canEnd = canReachStop(ctx);
  return cycles(ctx)
    .filter((loop) => !loop.some((id) => canEnd.has(id)))
    .map((loop) => {
      const first = loop[0] ?? '';
      const what = loop.length === 1 ? `"${first}" leads only back to itself` : `the loop through ${quoteList(loop)} has no way out`;
      return problemAt(ctx, ctx.indexOf.get(first) ?? 0, '', `${what}: nothing in it leads on to an end, so a case would never finish`);
    });
}
