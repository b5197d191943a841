// The designer edits one route document (route/v1 with its `layout`); every change is a pure
// function from one document to the next, so undo/redo keeps whole documents, the JSON view
// shows the document itself, and the canvas is drawn from it with routeToGraph.
import type { GraphNode, RouteGraph } from '../../../domain/routes/graph-schema.ts';
import type { RouteDefinition } from '../../../domain/routes/route-schema.ts';
import { toGraph } from '../../../domain/routes/to-graph.ts';
import type { RouteHandle } from '../graph/flow-model.ts';

export const NODE_KINDS = ['task', 'decision', 'parallel', 'join', 'wait', 'action', 'subprocess', 'foreach', 'end'] as const satisfies readonly GraphNode['kind'][];
export type NodeKind = (typeof NODE_KINDS)[number];

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * A saved draft as the editor's document. Drafts are saved as typed, so anything may come back:
 * missing parts are filled in, a v0 list of steps becomes the graph it runs as.
 */
export function toEditable(draft: unknown, fallbackName: string): RouteGraph {
  const o = isObj(draft) ? draft : {};
  if (o.language !== 'route/v1' && Array.isArray(o.steps) && o.steps.length > 0 && !Array.isArray(o.nodes)) {
    return toGraph({ variables: {}, ...o } as RouteDefinition);
  }
  return {
    ...(o as Partial<RouteGraph>),
    language: 'route/v1',
    name: typeof o.name === 'string' ? o.name : fallbackName,
    variables: isObj(o.variables) ? (o.variables as RouteGraph['variables']) : {},
    events: isObj(o.events) ? (o.events as RouteGraph['events']) : {},
    start: typeof o.start === 'string' ? o.start : '',
    nodes: Array.isArray(o.nodes) ? (o.nodes as GraphNode[]).filter((n) => isObj(n) && typeof n.id === 'string' && NODE_KINDS.includes(n.kind)) : [],
  };
}

/**
 * The JSON view's text as a document, or why not. Only the shape the canvas needs is checked
 * (nodes with ids and known kinds); the rest is the validator's job, as for a saved draft.
 */
export function parseRouteJson(text: string): { ok: true; route: RouteGraph } | { ok: false; error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
  if (!isObj(value)) return { ok: false, error: 'not an object' };
  if (value.language !== 'route/v1') return { ok: false, error: '"language" must be "route/v1"' };
  if (!Array.isArray(value.nodes)) return { ok: false, error: '"nodes" must be a list' };
  const ids = new Set<string>();
  for (const [i, n] of value.nodes.entries()) {
    if (!isObj(n) || typeof n.id !== 'string' || n.id === '') return { ok: false, error: `nodes[${i}]: "id" is missing` };
    if (!NODE_KINDS.includes(n.kind as NodeKind)) return { ok: false, error: `nodes[${i}]: unknown "kind" ${JSON.stringify(n.kind)}` };
    if (ids.has(n.id)) return { ok: false, error: `nodes[${i}]: the id "${n.id}" is used twice` };
    ids.add(n.id);
  }
  return { ok: true, route: toEditable(value, '') };
}

export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  const clean = base.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^[^a-z]+/, '').slice(0, 56) || 'node';
  if (!taken.has(clean)) return clean;
  for (let i = 2; ; i++) if (!taken.has(`${clean}-${i}`)) return `${clean}-${i}`;
}

/** A fresh node of a kind, with what its schema requires filled in (names come from the caller, in the designer's language). */
export function newNode(kind: NodeKind, id: string, label: string): GraphNode {
  // Only a task must have a name; an empty one would be a problem, so other kinds leave it out.
  const name = label === '' ? undefined : label;
  const named = <T extends object>(n: T): T => (name === undefined ? n : { ...n, name });
  switch (kind) {
    case 'task':
      return { id, kind, name: label, assignee: { type: 'starter' }, priority: 'normal', remindBefore: [], escalations: [] };
    case 'decision':
      return named({ id, kind, branches: [{ label: '', when: true, next: '' }] });
    case 'parallel':
      return named({ id, kind, branches: [], join: '' });
    case 'join':
      return named({ id, kind, mode: 'all' });
    case 'wait':
      return named({ id, kind, for: 'P1D' });
    case 'action':
      return named({ id, kind, do: { type: 'set', variable: '', value: '' } });
    case 'subprocess':
      return named({ id, kind, route: '', inputs: {}, outputs: {} });
    case 'foreach':
      return named({ id, kind, items: { from: '' }, as: 'item', route: '', inputs: {}, mode: 'parallel', limit: 50 });
    case 'end':
      return named({ id, kind, result: 'success' });
  }
}

/** Where an absent target is written as '' rather than left out (the field is required). */
function setOpt<T extends object>(obj: T, key: string, value: string | undefined): T {
  const { [key]: _old, ...rest } = obj as Record<string, unknown>;
  return (value === undefined ? rest : { ...obj, [key]: value }) as T;
}

/** The node with every edge target passed through `fn` (undefined: the edge goes). */
export function mapTargets(n: GraphNode, fn: (target: string) => string | undefined): GraphNode {
  const f = (t: string | undefined) => (t === undefined || t === '' ? t : fn(t));
  switch (n.kind) {
    case 'decision':
      return setOpt({ ...n, branches: n.branches.map((b) => ({ ...b, next: f(b.next) ?? '' })) }, 'otherwise', f(n.otherwise));
    case 'parallel':
      return { ...n, branches: n.branches.flatMap((b) => f(b) ?? []), join: f(n.join) ?? '' };
    case 'wait':
      return setOpt(setOpt(n, 'next', f(n.next)), 'onTimeout', f(n.onTimeout));
    case 'end':
      return n;
    default:
      return setOpt(n, 'next', f(n.next));
  }
}

function replaceNode(route: RouteGraph, id: string, fn: (n: GraphNode) => GraphNode): RouteGraph {
  return { ...route, nodes: route.nodes.map((n) => (n.id === id ? fn(n) : n)) };
}

/** Whether a handle of that node may lead to the target (no edge to itself; a split's branches and join differ). */
export function connect(route: RouteGraph, source: string, handle: RouteHandle, target: string): RouteGraph {
  if (source === target) return route;
  return replaceNode(route, source, (n) => {
    if (handle.startsWith('branch-') && n.kind === 'decision') {
      const i = Number(handle.slice('branch-'.length));
      return { ...n, branches: n.branches.map((b, j) => (j === i ? { ...b, next: target } : b)) };
    }
    if (handle === 'otherwise' && n.kind === 'decision') return { ...n, otherwise: target };
    if (handle === 'timeout' && n.kind === 'wait') return { ...n, onTimeout: target };
    if (handle === 'branches' && n.kind === 'parallel') return n.branches.includes(target) ? n : { ...n, branches: [...n.branches, target] };
    if (handle === 'join' && n.kind === 'parallel') return { ...n, join: target };
    if (handle === 'next' && n.kind !== 'decision' && n.kind !== 'parallel' && n.kind !== 'end') return { ...n, next: target };
    return n;
  });
}

export function disconnect(route: RouteGraph, source: string, handle: string, target: string): RouteGraph {
  return replaceNode(route, source, (n) => {
    if (handle.startsWith('branch-') && n.kind === 'decision') {
      const i = Number(handle.slice('branch-'.length));
      return { ...n, branches: n.branches.map((b, j) => (j === i ? { ...b, next: '' } : b)) };
    }
    if (handle === 'otherwise' && n.kind === 'decision') return setOpt(n, 'otherwise', undefined);
    if (handle === 'timeout' && n.kind === 'wait') return setOpt(n, 'onTimeout', undefined);
    if (handle === 'branches' && n.kind === 'parallel') return { ...n, branches: n.branches.filter((b) => b !== target) };
    if (handle === 'join' && n.kind === 'parallel') return { ...n, join: '' };
    return setOpt(n, 'next', undefined);
  });
}

export function addNode(route: RouteGraph, node: GraphNode, at: { x: number; y: number }): RouteGraph {
  return {
    ...route,
    // The first node of an empty route is where it starts.
    start: route.start && route.nodes.some((n) => n.id === route.start) ? route.start : node.id,
    nodes: [...route.nodes, node],
    layout: { ...route.layout, [node.id]: at },
  };
}

export function removeNodes(route: RouteGraph, ids: ReadonlySet<string>): RouteGraph {
  if (ids.size === 0) return route;
  const layout = Object.fromEntries(Object.entries(route.layout ?? {}).filter(([id]) => !ids.has(id)));
  const nodes = route.nodes.filter((n) => !ids.has(n.id)).map((n) => mapTargets(n, (t) => (ids.has(t) ? undefined : t)));
  return { ...route, nodes, layout, start: ids.has(route.start) ? (nodes[0]?.id ?? '') : route.start };
}

/** A node under a new id: edges into it, the start and its position follow. */
export function renameNode(route: RouteGraph, from: string, to: string): RouteGraph {
  if (from === to || route.nodes.some((n) => n.id === to)) return route;
  const { [from]: pos, ...layout } = route.layout ?? {};
  return {
    ...route,
    start: route.start === from ? to : route.start,
    nodes: route.nodes.map((n) => mapTargets(n.id === from ? { ...n, id: to } : n, (t) => (t === from ? to : t))),
    layout: pos ? { ...layout, [to]: pos } : layout,
  };
}

export interface Clip {
  nodes: GraphNode[];
  layout: Record<string, { x: number; y: number }>;
}

export function copyNodes(route: RouteGraph, ids: ReadonlySet<string>): Clip {
  const nodes = route.nodes.filter((n) => ids.has(n.id));
  return { nodes, layout: Object.fromEntries(nodes.map((n) => [n.id, route.layout?.[n.id] ?? { x: 0, y: 0 }])) };
}

/** The clip's nodes under new ids, shifted; edges among them kept, edges out of the clip dropped. Returns the new ids. */
export function pasteNodes(route: RouteGraph, clip: Clip, shift = 40): { route: RouteGraph; ids: string[] } {
  const taken = new Set(route.nodes.map((n) => n.id));
  const rename = new Map<string, string>();
  for (const n of clip.nodes) {
    const id = uniqueId(n.id.replace(/-\d+$/, ''), taken);
    taken.add(id);
    rename.set(n.id, id);
  }
  const pasted = clip.nodes.map((n) => mapTargets({ ...n, id: rename.get(n.id)! }, (t) => rename.get(t)));
  const layout = { ...route.layout };
  for (const n of clip.nodes) {
    const p = clip.layout[n.id] ?? { x: 0, y: 0 };
    layout[rename.get(n.id)!] = { x: p.x + shift, y: p.y + shift };
  }
  return { route: { ...route, start: route.start || (pasted[0]?.id ?? ''), nodes: [...route.nodes, ...pasted], layout }, ids: pasted.map((n) => n.id) };
}

export function updateNode(route: RouteGraph, id: string, node: GraphNode): RouteGraph {
  return replaceNode(route, id, () => node);
}
