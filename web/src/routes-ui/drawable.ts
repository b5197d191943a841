// A draft is kept exactly as typed, valid or not; only one shaped like a route/v1 graph (nodes
// with ids and known kinds, the lists the diagram follows) can be drawn. The server's validation
// says what is wrong with it; this only keeps the diagram from tripping over a half-written draft.
import type { RouteGraph } from '../../../domain/routes/graph-schema.ts';

const KINDS = new Set(['task', 'decision', 'parallel', 'join', 'wait', 'action', 'subprocess', 'end']);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function drawableDraft(draft: unknown): RouteGraph | undefined {
  if (!isObject(draft) || draft.language !== 'route/v1' || !Array.isArray(draft.nodes) || draft.nodes.length === 0) return undefined;
  const ok = draft.nodes.every((n) => {
    if (!isObject(n) || typeof n.id !== 'string' || typeof n.kind !== 'string' || !KINDS.has(n.kind)) return false;
    if (n.kind === 'decision') return Array.isArray(n.branches) && n.branches.every((b) => isObject(b) && typeof b.next === 'string');
    if (n.kind === 'parallel') return Array.isArray(n.branches) && n.branches.every((b) => typeof b === 'string') && typeof n.join === 'string';
    return true;
  });
  const layoutOk = draft.layout === undefined || (isObject(draft.layout) && Object.values(draft.layout).every((p) => isObject(p) && typeof p.x === 'number' && typeof p.y === 'number'));
  return ok && layoutOk ? (draft as unknown as RouteGraph) : undefined;
}
