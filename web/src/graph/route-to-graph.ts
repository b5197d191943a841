// A route/v1 definition -> the React Flow model the designer and the case diagram draw. Stored
// positions (`route.layout`) are used where present; the rest are laid out automatically.
import type { GraphNode, RouteGraph } from '../../../domain/routes/graph-schema.ts';
import type { RouteFlow, RouteFlowEdge, RouteFlowNode, RouteHandle, RouteSettings } from './flow-model.ts';
import { layoutFlow } from './layout.ts';

export function routeToGraph(route: RouteGraph): RouteFlow {
  const { nodes: routeNodes, layout, ...settings } = route;
  const nodes: RouteFlowNode[] = routeNodes.map((node) => ({
    id: node.id,
    type: node.kind,
    position: layout?.[node.id] ?? { x: 0, y: 0 },
    data: { node, start: node.id === route.start },
  }));
  const edges = routeNodes.flatMap(edgesFrom);
  const placed = new Set(Object.keys(layout ?? {}));
  const missing = nodes.some((n) => !placed.has(n.id));
  return { route: settings satisfies RouteSettings, nodes: missing ? layoutFlow(nodes, edges, { keep: placed }) : nodes, edges };
}

/** The flow edges leaving one route node, in the order of edgesOf (domain/routes/graph-schema.ts). */
export function edgesFrom(node: GraphNode): RouteFlowEdge[] {
  const edge = (handle: RouteHandle, field: string, target: string, key: string = handle, label?: string): RouteFlowEdge => ({
    id: `${node.id}:${key}`,
    source: node.id,
    sourceHandle: handle,
    target,
    data: label === undefined ? { field } : { field, label },
  });
  switch (node.kind) {
    case 'decision':
      return [
        ...node.branches.map((b, i) => edge(`branch-${i}`, `branches[${i}].next`, b.next, `branch-${i}`, b.label)),
        ...(node.otherwise === undefined ? [] : [edge('otherwise', 'otherwise', node.otherwise)]),
      ];
    case 'parallel':
      return [...node.branches.map((to, i) => edge('branches', `branches[${i}]`, to, `branches-${i}`)), edge('join', 'join', node.join)];
    case 'wait':
      return [
        ...(node.next === undefined ? [] : [edge('next', 'next', node.next)]),
        ...(node.onTimeout === undefined ? [] : [edge('timeout', 'onTimeout', node.onTimeout)]),
      ];
    case 'end':
      return [];
    default:
      return node.next === undefined ? [] : [edge('next', 'next', node.next)];
  }
}
