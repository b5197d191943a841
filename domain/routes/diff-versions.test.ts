// The differences a designer sees between two versions of a route.
import { describe, expect, it } from 'vitest';
import { diffRoutes } from './diff-versions.ts';
import type { RouteDefinition } from './route-schema.ts';
import { toGraph } from './to-graph.ts';

const v0: RouteDefinition = {
  language: 'route/v0',
  name: 'Deal',
  variables: { amount: { type: 'number', required: true } },
  steps: [
    { id: 'call', kind: 'task', name: 'Call', assignee: { type: 'role', role: 'sales' }, due: 'P1D' },
    { id: 'offer', kind: 'task', name: 'Offer', assignee: { type: 'role', role: 'sales' }, due: 'P2D' },
  ],
};

describe('diffRoutes', () => {
  it('finds nothing between equal versions', () => {
    expect(diffRoutes(v0, structuredClone(v0))).toEqual([]);
  });

  it('names added, removed and changed nodes, fields and variables', () => {
    const v1: RouteDefinition = {
      ...v0,
      name: 'Deal (2027)',
      variables: { amount: { type: 'number', required: false }, region: { type: 'text', required: false } },
      steps: [
        { ...v0.steps[0]!, due: 'PT8H' },
        { id: 'contract', kind: 'task', name: 'Contract', assignee: { type: 'role', role: 'legal' }, due: 'P3D' },
      ],
    };
    const changes = diffRoutes(v0, v1);
    expect(changes.map((c) => `${c.kind} ${c.path}`)).toEqual([
      'changed name',
      'changed variables.amount',
      'added variables.region',
      'changed nodes.call.due',
      'changed nodes.call.next',
      'removed nodes.offer',
      'added nodes.contract',
    ]);
    expect(changes.find((c) => c.path === 'nodes.call.due')).toMatchObject({ nodeId: 'call', before: 'P1D', after: 'PT8H' });
  });

  it('ignores where the designer placed the nodes', () => {
    const graph = toGraph(v0);
    const moved = { ...graph, layout: { call: { x: 10, y: 20 }, offer: { x: 10, y: 140 } } };
    expect(diffRoutes(graph, moved)).toEqual([]);
    expect(diffRoutes(moved, { ...moved, layout: { call: { x: 400, y: 0 } } })).toEqual([]);
  });
});
