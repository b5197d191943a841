// A sub-process node whose route leads back, through the latest published versions' own
// sub-processes, to the route being checked: publishing it would let every case start child
// cases without end. Checked only when the caller loaded the routes' sub-process references
// (`RouteDirectory.subprocessCalls`); a route running itself is refused by nodes.ts.
import type { FieldProblem } from '../../errors.ts';
import { findSubprocessCycle } from '../find-subprocess-cycle.ts';
import { problemAt, type GraphContext } from './context.ts';

export function checkSubprocessCycles(ctx: GraphContext): FieldProblem[] {
  const { ownKey, subprocessCalls } = ctx.directory;
  if (ownKey === undefined || subprocessCalls === undefined) return [];
  const problems: FieldProblem[] = [];
  ctx.graph.nodes.forEach((node, i) => {
    if ((node.kind !== 'subprocess' && node.kind !== 'foreach') || node.route === ownKey) return;
    const cycle = findSubprocessCycle(ownKey, node.route, subprocessCalls);
    if (cycle) {
      problems.push(problemAt(ctx, i, '.route', `${node.kind} "${node.route}" calls back into "${ownKey}": ${cycle.join(' -> ')}, so every case would start child cases without end`));
    }
  });
  return problems;
}
