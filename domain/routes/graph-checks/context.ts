// What every route-graph check shares: the parsed graph indexed by node id, a way to point a
// problem at a node (path + node id), and the graph walks that several checks need (what a set
// of nodes can reach, where a path can stop). Pure functions over the parsed graph.
import type { FieldProblem } from '../../errors.ts';
import { edgesOf, type GraphNode, type RouteGraph } from '../graph-schema.ts';
import type { RouteDirectory } from '../validate-route.ts';

export interface GraphContext {
  graph: RouteGraph;
  directory: RouteDirectory;
  /** The first node with each id; a duplicate is reported once and otherwise ignored. */
  byId: ReadonlyMap<string, GraphNode>;
  /** Position of that first node in `nodes`, for problem paths. */
  indexOf: ReadonlyMap<string, number>;
  /** Edges that lead to an existing node (dangling ones are reported on their own). */
  successors: ReadonlyMap<string, readonly string[]>;
  /** Nodes where a path through the route can stop; see `canStop`. */
  stops: ReadonlySet<string>;
}

export type GraphCheck = (ctx: GraphContext) => FieldProblem[];

export function graphContext(graph: RouteGraph, directory: RouteDirectory): GraphContext {
  const byId = new Map<string, GraphNode>();
  const indexOf = new Map<string, number>();
  graph.nodes.forEach((n, i) => {
    if (byId.has(n.id)) return;
    byId.set(n.id, n);
    indexOf.set(n.id, i);
  });
  const successors = new Map<string, string[]>();
  const stops = new Set<string>();
  for (const n of byId.values()) {
    successors.set(n.id, [...new Set(edgesOf(n).map((e) => e.to).filter((to) => byId.has(to)))]);
    if (canStop(n, byId)) stops.add(n.id);
  }
  return { graph, directory, byId, indexOf, successors, stops };
}

/**
 * Whether a path ends at this node: an end node ends the case, and so does a node with nowhere
 * to go (a task, action, join... without `next`; a wait for an event whose arrival has no
 * `next`). An edge to a missing node counts too: it is reported as dangling, and treating it as
 * a way out keeps one typo from also showing up as a loop or a stuck branch.
 */
function canStop(n: GraphNode, byId: ReadonlyMap<string, GraphNode>): boolean {
  return endsHere(n) || edgesOf(n).some((e) => !byId.has(e.to));
}

/** An end node, or a node after which a path has nowhere to go. */
export function endsHere(n: GraphNode): boolean {
  if (n.kind === 'end' || edgesOf(n).length === 0) return true;
  return n.kind === 'wait' && n.event !== undefined && n.next === undefined;
}

/** A problem at `nodes[i]` plus `rest` (e.g. ".assignee.role"), naming that node. */
export function problemAt(ctx: Pick<GraphContext, 'graph'>, index: number, rest: string, message: string): FieldProblem {
  const id = ctx.graph.nodes[index]?.id;
  return id === undefined ? { path: `nodes[${index}]${rest}`, message } : { path: `nodes[${index}]${rest}`, nodeId: id, message };
}

/** Every node reachable from `from` (included), not walking on past `stopAt`. */
export function reachable(ctx: GraphContext, from: Iterable<string>, stopAt?: string): Set<string> {
  const seen = new Set<string>();
  const queue = [...from].filter((id) => ctx.byId.has(id));
  while (queue.length) {
    const id = queue.shift();
    if (id === undefined || seen.has(id)) continue;
    seen.add(id);
    if (id === stopAt) continue;
    queue.push(...(ctx.successors.get(id) ?? []));
  }
  return seen;
}

/** Nodes from which some path reaches a stop (an end of the case). */
export function canReachStop(ctx: GraphContext): Set<string> {
  const preds = new Map<string, string[]>();
  for (const [from, tos] of ctx.successors) for (const to of tos) preds.set(to, [...(preds.get(to) ?? []), from]);
  const seen = new Set<string>();
  const queue = [...ctx.stops];
  while (queue.length) {
    const id = queue.shift();
    if (id === undefined || seen.has(id)) continue;
    seen.add(id);
    queue.push(...(preds.get(id) ?? []));
  }
  return seen;
}

/**
 * Strongly connected components that hold a cycle (two or more nodes, or a node leading to
 * itself), in node order. With `within`, only those nodes and the edges between them count: the
 * loops that pass through no node outside it.
 */
export function cycles(ctx: GraphContext, within: (id: string) => boolean = () => true): string[][] {
  // Tarjan's algorithm; routes have at most 500 nodes, so recursion depth is no concern.
  const next = (v: string) => (ctx.successors.get(v) ?? []).filter(within);
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next(v)) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string | undefined;
    do {
      w = stack.pop();
      if (w !== undefined) {
        onStack.delete(w);
        component.push(w);
      }
    } while (w !== undefined && w !== v);
    if (component.length > 1 || next(v).includes(v)) found.push(component);
  };
  for (const id of ctx.byId.keys()) if (within(id) && !index.has(id)) visit(id);
  const order = (id: string) => ctx.indexOf.get(id) ?? 0;
  return found.map((c) => c.sort((a, b) => order(a) - order(b))).sort((a, b) => order(a[0] ?? '') - order(b[0] ?? ''));
}

/** `"a", "b" and "c"` for messages. */
export function quoteList(ids: readonly string[]): string {
  const q = ids.map((id) => `"${id}"`);
  return q.length <= 1 ? q.join('') : `${q.slice(0, -1).join(', ')} and ${q.at(-1) ?? ''}`;
}

/** A declared variable; own keys only, so a variable named "constructor" is not found on the prototype. */
export function declaredVariable(ctx: Pick<GraphContext, 'graph'>, name: string): { type: string } | undefined {
  return Object.hasOwn(ctx.graph.variables, name) ? ctx.graph.variables[name] : undefined;
}

/** "a task node", "an end node". */
export const aNode = (kind: string): string => `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} node`;
