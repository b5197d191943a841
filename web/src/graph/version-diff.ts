// Two published versions of a route merged into one graph for the visual diff: every node of
// either version, marked added, removed, changed (with the changes that touch it) or unchanged,
// and every edge of either version, marked added, removed or unchanged. Which nodes changed is
// taken from the server's diff (GET /api/routes/{id}/diff), so the picture and the list below it
// can never disagree. Positions follow the newer version (its stored layout, else dagre over the
// merged graph, so a removed node sits where it used to be in the flow).
import type { Edge } from '@xyflow/react';
import type { RouteGraph } from '../../../domain/routes/graph-schema.ts';
import type { RouteDefinition } from '../../../domain/routes/route-schema.ts';
import type { RouteChange } from '../../../domain/routes/diff-versions.ts';
import { toGraph } from '../../../domain/routes/to-graph.ts';
import type { RouteFlowNode, RouteHandle, RouteNodeData } from './flow-model.ts';
import { layoutFlow } from './layout.ts';
import { edgesFrom } from './route-to-graph.ts';

export type DiffStatus = 'added' | 'removed' | 'changed' | 'unchanged';

/** One entry of GET /api/routes/{id}/diff: the server's own type (type-only, nothing of it is bundled). */
export type { RouteChange };

/** A change of one of a node's fields: `due`, `assignee`, `branches`... */
export interface FieldChange {
  kind: RouteChange['kind'];
  field: string;
  before?: unknown;
  after?: unknown;
}

export type DiffNodeData = RouteNodeData & { diff: DiffStatus; fields: FieldChange[] };
export type DiffFlowNode = Omit<RouteFlowNode, 'data'> & { data: DiffNodeData };
export type DiffFlowEdge = Edge<{ field: string; label?: string; diff: Exclude<DiffStatus, 'changed'> }> & { sourceHandle: RouteHandle };

export interface VersionDiffGraph {
  nodes: DiffFlowNode[];
  edges: DiffFlowEdge[];
  /** How many nodes of each status, for the legend. */
  counts: Record<DiffStatus, number>;
  /** Changes that belong to no node: the route's name, variables, events, start, calendar. */
  routeChanges: RouteChange[];
}

export const asRouteGraph = (d: RouteGraph | RouteDefinition): RouteGraph => (d.language === 'route/v1' ? d : toGraph(d));

/** The node-level status of every node the server's changes name. */
export function nodeChanges(changes: readonly RouteChange[]): Map<string, { status: Exclude<DiffStatus, 'unchanged'>; fields: FieldChange[] }> {
  const out = new Map<string, { status: Exclude<DiffStatus, 'unchanged'>; fields: FieldChange[] }>();
  for (const c of changes) {
    if (!c.nodeId) continue;
    const whole = c.path === `nodes.${c.nodeId}`;
    if (whole && c.kind !== 'changed') {
      out.set(c.nodeId, { status: c.kind, fields: [] });
      continue;
    }
    const entry = out.get(c.nodeId) ?? { status: 'changed' as const, fields: [] };
    const field = c.path.startsWith(`nodes.${c.nodeId}.`) ? c.path.slice(`nodes.${c.nodeId}.`.length) : c.path;
    entry.fields.push({ kind: c.kind, field, ...('before' in c ? { before: c.before } : {}), ...('after' in c ? { after: c.after } : {}) });
    out.set(c.nodeId, entry);
  }
  return out;
}

export function mergeVersions(older: RouteGraph | RouteDefinition, newer: RouteGraph | RouteDefinition, changes: readonly RouteChange[]): VersionDiffGraph {
  const a = asRouteGraph(older);
  const b = asRouteGraph(newer);
  const byNode = nodeChanges(changes);
  const inNewer = new Set(b.nodes.map((n) => n.id));
  const statusOf = (id: string): DiffStatus => byNode.get(id)?.status ?? 'unchanged';

  const nodes: DiffFlowNode[] = [
    ...b.nodes.map((node) => ({ node, start: node.id === b.start })),
    // Removed nodes are drawn from the older version, ghosted.
    ...a.nodes.filter((n) => !inNewer.has(n.id)).map((node) => ({ node, start: false })),
  ].map(({ node, start }) => {
    const removed = !inNewer.has(node.id);
    const diff: DiffStatus = removed ? 'removed' : statusOf(node.id) === 'removed' ? 'changed' : statusOf(node.id);
    return {
      id: node.id,
      type: node.kind,
      position: (removed ? a.layout?.[node.id] : b.layout?.[node.id]) ?? { x: 0, y: 0 },
      draggable: false,
      connectable: false,
      data: { node, start, diff, fields: byNode.get(node.id)?.fields ?? [] },
    };
  });

  // An edge is the same edge when it leaves the same field of the same node for the same target.
  const keyOf = (e: { id: string; target: string }) => `${e.id}->${e.target}`;
  const olderEdges = new Map(a.nodes.flatMap(edgesFrom).map((e) => [keyOf(e), e]));
  const newerEdges = b.nodes.flatMap(edgesFrom);
  const newerKeys = new Set(newerEdges.map(keyOf));
  const edges: DiffFlowEdge[] = [
    ...newerEdges.map((e) => ({ ...e, id: keyOf(e), data: { ...e.data!, diff: olderEdges.has(keyOf(e)) ? ('unchanged' as const) : ('added' as const) } })),
    ...[...olderEdges.values()].filter((e) => !newerKeys.has(keyOf(e))).map((e) => ({ ...e, id: keyOf(e), data: { ...e.data!, diff: 'removed' as const } })),
  ];

  const placed = new Set(nodes.filter((n) => (n.data.diff === 'removed' ? a.layout?.[n.id] : b.layout?.[n.id])).map((n) => n.id));
  const laidOut = placed.size === nodes.length ? nodes : layoutFlow(nodes, edges, { keep: placed });
  const counts: Record<DiffStatus, number> = { added: 0, removed: 0, changed: 0, unchanged: 0 };
  for (const n of laidOut) counts[n.data.diff] += 1;
  return { nodes: laidOut, edges, counts, routeChanges: changes.filter((c) => !c.nodeId) };
}

/** A value of a change as one short line: strings as written, the rest as compact JSON. */
export function showChangeValue(v: unknown, max = 80): string {
  const text = typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
