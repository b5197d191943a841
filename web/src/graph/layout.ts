// Automatic top-to-bottom layout of a route's flow with dagre, for nodes without a stored
// position (a new route, a node added from the JSON view, a published version without a layout).
import dagre from '@dagrejs/dagre';
import type { Edge, Node } from '@xyflow/react';

// dagre 3 ships declarations with extensionless relative imports, which NodeNext resolution
// cannot follow (its types come out unresolved); this is the part of its API used here.
interface DagreGraph {
  setGraph(label: { rankdir: 'TB'; ranksep: number; nodesep: number; marginx: number; marginy: number }): void;
  setDefaultEdgeLabel(label: () => object): void;
  setNode(id: string, label: { width: number; height: number }): void;
  setEdge(source: string, target: string, label: object, name: string): void;
  node(id: string): { x: number; y: number };
}
interface Dagre {
  graphlib: { Graph: new (opts: { multigraph: boolean }) => DagreGraph };
  layout(g: DagreGraph): void;
}
const lib = dagre as unknown as Dagre;

export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 72;

export interface LayoutOptions {
  /** Nodes whose current position is kept (placed by the designer). */
  keep?: ReadonlySet<string>;
  /** Space between ranks and between nodes of a rank, in pixels. */
  rankSep?: number;
  nodeSep?: number;
}

/** The nodes with positions (top-left corners, as React Flow wants them); other fields unchanged. */
export function layoutFlow<N extends Node>(nodes: N[], edges: Edge[], opts: LayoutOptions = {}): N[] {
  const g = new lib.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', ranksep: opts.rankSep ?? 60, nodesep: opts.nodeSep ?? 40, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  const size = (n: Node) => ({ width: n.measured?.width ?? n.width ?? NODE_WIDTH, height: n.measured?.height ?? n.height ?? NODE_HEIGHT });
  for (const n of nodes) g.setNode(n.id, size(n));
  const ids = new Set(nodes.map((n) => n.id));
  // Edges to unknown nodes (a typo in the JSON view) are drawn by nobody; dagre would invent a node.
  for (const e of edges) if (ids.has(e.source) && ids.has(e.target) && e.source !== e.target) g.setEdge(e.source, e.target, {}, e.id);
  lib.layout(g);
  return nodes.map((n) => {
    if (opts.keep?.has(n.id)) return n;
    const placed = g.node(n.id);
    const { width, height } = size(n);
    return { ...n, position: { x: Math.round(placed.x - width / 2), y: Math.round(placed.y - height / 2) } };
  });
}
