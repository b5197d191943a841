// The visual diff of two versions: what a designer sees coloured must be what the server's diff
// lists - a node added green, a removed one kept (ghosted) where it was, a changed one with the
// fields that changed - and moving nodes on the canvas colours nothing.
import { describe, expect, it } from 'vitest';
import { routeGraphSchema, type RouteGraph } from '../../../domain/routes/graph-schema.ts';
import { diffRoutes } from '../../../domain/routes/diff-versions.ts';
import { complaintRoute } from '../../../infra/testing/graph-routes.ts';
import { twoStepRoute } from '../../../infra/testing/sample-routes.ts';
import { routeDefinitionSchema } from '../../../domain/routes/route-schema.ts';
import { mergeVersions, nodeChanges, showChangeValue } from './version-diff.ts';

const complaint = (): RouteGraph => routeGraphSchema.parse(complaintRoute());
const statusOf = (g: ReturnType<typeof mergeVersions>) => Object.fromEntries(g.nodes.map((n) => [n.id, n.data.diff]));

/** v2 of the complaint route: a new approval before the reply, the legal opinion's due time longer, the silent close gone. */
function complaintV2(): RouteGraph {
  const v1 = complaint();
  const nodes = v1.nodes
    .filter((n) => n.id !== 'closed-silently')
    .map((n) => {
      if (n.id === 'legal-opinion' && n.kind === 'task') return { ...n, due: 'P3D' };
      if (n.id === 'opinions' && n.kind === 'join') return { ...n, next: 'approve' };
      if (n.id === 'await-customer' && n.kind === 'wait') return { ...n, onTimeout: 'resolved' };
      return n;
    });
  const approve = { id: 'approve', kind: 'task' as const, name: 'Approve the answer', assignee: { type: 'starter' as const }, priority: 'normal' as const, remindBefore: [], escalations: [], next: 'reply' };
  return { ...v1, nodes: [...nodes, approve] };
}

describe('mergeVersions', () => {
  it('colours added, removed and changed nodes as the server lists them, the rest unchanged', () => {
    const v1 = complaint();
    const v2 = complaintV2();
    const g = mergeVersions(v1, v2, diffRoutes(v1, v2));
    const status = statusOf(g);
    expect(status).toMatchObject({ approve: 'added', 'closed-silently': 'removed', 'legal-opinion': 'changed', opinions: 'changed', 'await-customer': 'changed', review: 'unchanged', reply: 'unchanged' });
    expect(g.counts).toEqual({ added: 1, removed: 1, changed: 3, unchanged: v1.nodes.length - 4 });
    // Every node of both versions is on the picture once.
    expect(g.nodes.map((n) => n.id).sort()).toEqual([...new Set([...v1.nodes, ...v2.nodes].map((n) => n.id))].sort());
    const legal = g.nodes.find((n) => n.id === 'legal-opinion')!;
    expect(legal.data.fields).toEqual([{ kind: 'changed', field: 'due', before: 'P2D', after: 'P3D' }]);
    expect(g.routeChanges).toEqual([]);
  });

  it('marks the edges that appeared and disappeared, and keeps the removed node laid out near its neighbours', () => {
    const v1 = complaint();
    const v2 = complaintV2();
    const g = mergeVersions(v1, v2, diffRoutes(v1, v2));
    const edge = (source: string, target: string) => g.edges.find((e) => e.source === source && e.target === target)?.data?.diff;
    expect(edge('opinions', 'approve')).toBe('added');
    expect(edge('approve', 'reply')).toBe('added');
    expect(edge('opinions', 'reply')).toBe('removed');
    expect(edge('await-customer', 'closed-silently')).toBe('removed');
    expect(edge('review', 'triage')).toBe('unchanged');
    // Edge ids stay unique although the same field of a node leads elsewhere now.
    expect(new Set(g.edges.map((e) => e.id)).size).toBe(g.edges.length);
    const ghost = g.nodes.find((n) => n.id === 'closed-silently')!;
    const waitNode = g.nodes.find((n) => n.id === 'await-customer')!;
    expect(ghost.position.y).toBeGreaterThan(waitNode.position.y);
  });

  it("uses the newer version's stored layout; moving nodes alone changes no colour", () => {
    const v1 = complaint();
    const layout = Object.fromEntries(v1.nodes.map((n, i) => [n.id, { x: 300 * (i % 3), y: 150 * i }]));
    const v2 = { ...v1, layout };
    const changes = diffRoutes(v1, v2);
    expect(changes).toEqual([]);
    const g = mergeVersions(v1, v2, changes);
    expect(new Set(g.nodes.map((n) => n.data.diff))).toEqual(new Set(['unchanged']));
    expect(g.nodes.find((n) => n.id === 'reply')!.position).toEqual(layout['reply']);
  });

  it('lists changes of the route itself apart from the nodes', () => {
    const v1 = complaint();
    const v2 = { ...v1, name: 'Complaint (2026)', variables: { ...v1.variables, phone: { type: 'text' as const, required: false } } };
    const g = mergeVersions(v1, v2, diffRoutes(v1, v2));
    expect(g.routeChanges.map((c) => `${c.kind} ${c.path}`)).toEqual(['changed name', 'added variables.phone']);
    expect(g.counts.changed + g.counts.added + g.counts.removed).toBe(0);
  });

  it('compares a v0 list of steps as the chain of steps it runs as', () => {
    const v1 = routeDefinitionSchema.parse(twoStepRoute());
    const g = mergeVersions(v1, complaint(), diffRoutes(v1, complaint()));
    expect(g.nodes.find((n) => n.id === 'prepare-proposal')?.data.diff).toBe('removed');
    expect(g.nodes.find((n) => n.id === 'review')?.data.diff).toBe('added');
  });
});

describe('nodeChanges', () => {
  it('groups field changes by node and keeps whole-node additions and removals apart', () => {
    const m = nodeChanges([
      { kind: 'added', path: 'nodes.a', nodeId: 'a', after: {} },
      { kind: 'changed', path: 'nodes.b.due', nodeId: 'b', before: 'P1D', after: 'P2D' },
      { kind: 'removed', path: 'nodes.b.instructions', nodeId: 'b', before: 'Call first' },
      { kind: 'added', path: 'variables.x', after: { type: 'text' } },
    ]);
    expect([...m.keys()]).toEqual(['a', 'b']);
    expect(m.get('a')).toEqual({ status: 'added', fields: [] });
    expect(m.get('b')?.fields.map((f) => `${f.kind} ${f.field}`)).toEqual(['changed due', 'removed instructions']);
  });
});

describe('showChangeValue', () => {
  it('shows strings as written, objects as short JSON', () => {
    expect(showChangeValue('P2D')).toBe('P2D');
    expect(showChangeValue({ type: 'role', role: 'service' })).toBe('{"type":"role","role":"service"}');
    expect(showChangeValue('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
