// The React Flow model -> a route/v1 definition. The edges are the truth about where each node
// leads: a node's edge fields are rewritten from them, so connecting, reconnecting or deleting an
// edge on the canvas changes the route and nothing else does. Positions go to `layout` only when
// asked (the designer saves them with the draft; they never change the route's meaning).
import type { GraphNode, RouteGraph, RouteLayout } from '../../../domain/routes/graph-schema.ts';
import type { RouteFlow, RouteFlowEdge } from './flow-model.ts';

export interface GraphToRouteOptions {
  /** Write each node's position into `layout`. */
  withLayout?: boolean;
}

export function graphToRoute(flow: RouteFlow, opts: GraphToRouteOptions = {}): RouteGraph {
  const bySource = new Map<string, RouteFlowEdge[]>();
  for (const e of flow.edges) bySource.set(e.source, [...(bySource.get(e.source) ?? []), e]);
  const nodes = flow.nodes.map((n) => withEdges({ ...n.data.node, id: n.id }, bySource.get(n.id) ?? []));
  const route: RouteGraph = { ...flow.route, nodes };
  if (!opts.withLayout) return route;
  const layout: RouteLayout = {};
  for (const n of flow.nodes) layout[n.id] = { x: Math.round(n.position.x), y: Math.round(n.position.y) };
  return { ...route, layout };
}

/** Sets or removes an optional field without leaving `key: undefined` behind (the JSON view shows it). */
function optional<T extends object, K extends string>(obj: T, key: K, value: string | undefined): T {
  if (value !== undefined) return { ...obj, [key]: value }; // an existing key keeps its place
  const { [key]: _old, ...rest } = obj as T & Record<K, unknown>;
  return rest as T;
}

function withEdges(node: GraphNode, edges: RouteFlowEdge[]): GraphNode {
  const to = (handle: string) => edges.find((e) => e.sourceHandle === handle)?.target;
  switch (node.kind) {
    case 'decision':
      // A branch whose edge was deleted keeps its condition and points nowhere (''): the
      // validator names it, and the designer does not lose the condition someone built.
      return optional({ ...node, branches: node.branches.map((b, i) => ({ ...b, next: to(`branch-${i}`) ?? '' })) }, 'otherwise', to('otherwise'));
    case 'parallel':
      return { ...node, branches: edges.filter((e) => e.sourceHandle === 'branches').map((e) => e.target), join: to('join') ?? '' };
    case 'wait':
      return optional(optional(node, 'next', to('next')), 'onTimeout', to('timeout'));
    case 'end':
      return node;
    default:
      return optional(node, 'next', to('next'));
  }
}
