// The skeleton of a route graph: node ids are unique, `start` names a node, and every edge
// (next, otherwise, onTimeout, branch targets, a parallel split's join) leads to a node that
// exists. The other checks walk the graph only along edges that pass here.
import type { FieldProblem } from '../../errors.ts';
import { edgesOf } from '../graph-schema.ts';
import { aNode, problemAt, type GraphContext } from './context.ts';

export function checkStructure(ctx: GraphContext): FieldProblem[] {
  const { graph, byId } = ctx;
  const problems: FieldProblem[] = [];
  if (!byId.has(graph.start)) {
    problems.push({ path: 'start', message: `the route starts at "${graph.start}", but no node has that id` });
  }
  const seen = new Set<string>();
  graph.nodes.forEach((node, i) => {
    if (seen.has(node.id)) problems.push(problemAt(ctx, i, '.id', `node id "${node.id}" is used by an earlier node`));
    seen.add(node.id);
    for (const edge of edgesOf(node)) {
      if (!byId.has(edge.to)) problems.push(problemAt(ctx, i, `.${edge.field}`, `leads to "${edge.to}", but no node has that id`));
    }
    if (node.kind === 'parallel') {
      const join = byId.get(node.join);
      if (!join) problems.push(problemAt(ctx, i, '.join', `the branches should meet at "${node.join}", but no node has that id`));
      else if (join.kind !== 'join') {
        problems.push(problemAt(ctx, i, '.join', `the branches should meet at a join node, but "${node.join}" is ${aNode(join.kind)}`));
      }
    }
  });
  return problems;
}
