// What changed between two versions of a route, in a designer's terms: nodes added, removed or
// changed (and which of their fields), variables and events added, removed or changed, and the
// route's own settings. v0 versions are compared as the graphs they run as.
import { isDeepStrictEqual } from 'node:util';
import type { RouteGraph } from './graph-schema.ts';
import type { RouteDefinition } from './route-schema.ts';
import { toGraph } from './to-graph.ts';

export interface RouteChange {
  kind: 'added' | 'removed' | 'changed';
  /** `nodes.review.due`, `variables.amount`, `start`... */
  path: string;
  nodeId?: string;
  before?: unknown;
  after?: unknown;
}

const asGraph = (d: RouteDefinition | RouteGraph): RouteGraph => (d.language === 'route/v1' ? d : toGraph(d));

function diffRecords(prefix: string, a: Record<string, unknown>, b: Record<string, unknown>, nodeId?: string): RouteChange[] {
  const out: RouteChange[] = [];
  const at = (key: string) => ({ path: `${prefix}.${key}`, ...(nodeId ? { nodeId } : {}) });
  for (const key of Object.keys(a)) {
    if (!(key in b)) out.push({ kind: 'removed', ...at(key), before: a[key] });
    else if (!isDeepStrictEqual(a[key], b[key])) out.push({ kind: 'changed', ...at(key), before: a[key], after: b[key] });
  }
  for (const key of Object.keys(b)) if (!(key in a)) out.push({ kind: 'added', ...at(key), after: b[key] });
  return out;
}

export function diffRoutes(before: RouteDefinition | RouteGraph, after: RouteDefinition | RouteGraph): RouteChange[] {
  const a = asGraph(before);
  const b = asGraph(after);
  const changes: RouteChange[] = [];
  for (const field of ['name', 'description', 'start'] as const) {
    if (a[field] !== b[field]) changes.push({ kind: 'changed', path: field, before: a[field] ?? null, after: b[field] ?? null });
  }
  changes.push(...diffRecords('variables', a.variables, b.variables), ...diffRecords('events', a.events, b.events));
  if (!isDeepStrictEqual(a.calendar, b.calendar)) changes.push({ kind: 'changed', path: 'calendar' });

  const nodesA = new Map(a.nodes.map((n) => [n.id, n]));
  const nodesB = new Map(b.nodes.map((n) => [n.id, n]));
  for (const [id, node] of nodesA) {
    const other = nodesB.get(id);
    if (!other) changes.push({ kind: 'removed', path: `nodes.${id}`, nodeId: id, before: node });
    else if (!isDeepStrictEqual(node, other)) changes.push(...diffRecords(`nodes.${id}`, { ...node }, { ...other }, id));
  }
  for (const [id, node] of nodesB) if (!nodesA.has(id)) changes.push({ kind: 'added', path: `nodes.${id}`, nodeId: id, after: node });
  return changes;
}
