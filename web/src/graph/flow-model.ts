// The React Flow model of a route/v1 graph, shared by the designer and the case diagram: one
// flow node per route node (its kind as the node type, the route node itself as data) and one
// flow edge per edge of the route, whose source handle names the field it stands for.
import type { Edge, Node } from '@xyflow/react';
import type { GraphNode, RouteGraph } from '../../../domain/routes/graph-schema.ts';

export type RouteNodeKind = GraphNode['kind'];

/** The route node as written; its edge fields are rewritten from the flow's edges on the way back. */
export type RouteNodeData = { node: GraphNode; start: boolean };
export type RouteFlowNode = Node<RouteNodeData, RouteNodeKind>;

/**
 * Which field of the source node an edge stands for:
 * - `next`, `otherwise`, `timeout` (a wait's `onTimeout`), `join` (a parallel split's join);
 * - `branch-<i>`: a decision's `branches[i].next` (one handle per condition);
 * - `branches`: a parallel split's branches, in the order of the edges.
 */
export type RouteHandle = 'next' | 'otherwise' | 'timeout' | 'join' | 'branches' | `branch-${number}`;
export type RouteEdgeData = { field: string; label?: string };
export type RouteFlowEdge = Edge<RouteEdgeData> & { sourceHandle: RouteHandle };

/** The route's own settings: everything but its nodes and the canvas positions. */
export type RouteSettings = Omit<RouteGraph, 'nodes' | 'layout'>;

export interface RouteFlow {
  route: RouteSettings;
  nodes: RouteFlowNode[];
  edges: RouteFlowEdge[];
}

/** The handles a node of this shape offers, in the order they are drawn. */
export function sourceHandles(node: GraphNode): RouteHandle[] {
  switch (node.kind) {
    case 'decision':
      return [...node.branches.map((_, i): RouteHandle => `branch-${i}`), 'otherwise'];
    case 'parallel':
      return ['branches', 'join'];
    case 'wait':
      return ['next', 'timeout'];
    case 'end':
      return [];
    default:
      return ['next'];
  }
}
