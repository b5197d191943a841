// The designer's conversion between a route/v1 document and the React Flow graph on screen must
// lose nothing: every example route and every route the tests publish survives the round trip,
// and what the designer does on the canvas (connect, delete an edge, move) lands in the route.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { routeGraphSchema, type RouteGraph } from '../../../domain/routes/graph-schema.ts';
import { toGraph } from '../../../domain/routes/to-graph.ts';
import { routeDefinitionSchema } from '../../../domain/routes/route-schema.ts';
import { complaintRoute, firstAnswerRoute, paymentReminderRoute, salesCallRoute } from '../../../infra/testing/graph-routes.ts';
import { chainRoute, endWhileOpeningRoute, firstJoinRoute } from '../../../infra/testing/race-routes.ts';
import { twoStepRoute } from '../../../infra/testing/sample-routes.ts';
import { graphToRoute } from './graph-to-route.ts';
import { routeToGraph } from './route-to-graph.ts';

const routesDir = new URL('../../../domain/routes/', import.meta.url);
const json = (name: string): unknown => JSON.parse(readFileSync(new URL(name, routesDir), 'utf8'));

/** Whole routes written out in the route language document (its snippets of single nodes are skipped). */
function languageDocExamples(): [string, unknown][] {
  const doc = readFileSync(new URL('ROUTE-LANGUAGE.md', routesDir), 'utf8');
  const blocks = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  return blocks.flatMap((text, i): [string, unknown][] => {
    try {
      const value: unknown = JSON.parse(text);
      return routeGraphSchema.safeParse(value).success ? [[`ROUTE-LANGUAGE.md block ${i + 1}`, value]] : [];
    } catch {
      return [];
    }
  });
}

const raw: [string, unknown][] = [
  ['examples/deal.route.json', json('examples/deal.route.json')],
  ['complaintRoute', complaintRoute()],
  ['firstAnswerRoute', firstAnswerRoute()],
  ['salesCallRoute', salesCallRoute()],
  ['paymentReminderRoute', paymentReminderRoute()],
  ['firstJoinRoute', firstJoinRoute()],
  ['chainRoute', chainRoute()],
  ['endWhileOpeningRoute', endWhileOpeningRoute()],
  ['twoStepRoute as a graph', toGraph(routeDefinitionSchema.parse(twoStepRoute()))],
  ...languageDocExamples(),
];

describe('route <-> graph', () => {
  it.each(raw)('%s survives the round trip as written and as parsed', (_name, value) => {
    // As written: no defaults filled in, nothing added.
    const asWritten = value as RouteGraph;
    expect(graphToRoute(routeToGraph(asWritten))).toStrictEqual(asWritten);
    const parsed = routeGraphSchema.parse(value);
    expect(graphToRoute(routeToGraph(parsed))).toStrictEqual(parsed);
  });

  it('draws one node per route node and one edge per edge, with typed handles', () => {
    const flow = routeToGraph(routeGraphSchema.parse(complaintRoute()));
    const route = complaintRoute();
    expect(flow.nodes.map((n) => [n.id, n.type])).toEqual(route.nodes.map((n) => [n.id, n.kind]));
    const handles = new Set(flow.edges.map((e) => `${e.source}.${e.sourceHandle}->${e.target}`));
    expect(handles).toContain('triage.branch-0->involve');
    expect(handles).toContain('triage.otherwise->reply');
    expect(handles).toContain('involve.branches->legal-opinion');
    expect(handles).toContain('involve.branches->service-check');
    expect(handles).toContain('involve.join->opinions');
    expect(handles).toContain('await-customer.next->satisfied');
    expect(handles).toContain('await-customer.timeout->closed-silently');
    expect(new Set(flow.edges.map((e) => e.id)).size).toBe(flow.edges.length);
    expect(flow.nodes.find((n) => n.id === 'review')?.data.start).toBe(true);
  });

  it('lays nodes out top to bottom when none is placed, and keeps stored positions', () => {
    const route = routeGraphSchema.parse(chainRoute(3));
    const auto = routeToGraph(route);
    const ys = auto.nodes.map((n) => n.position.y);
    expect(ys).toEqual([...ys].sort((a, b) => a - b));
    expect(new Set(ys).size).toBe(ys.length);

    const first = route.nodes[0]!.id;
    const placed = routeToGraph({ ...route, layout: { [first]: { x: 999, y: -5 } } });
    expect(placed.nodes[0]!.position).toEqual({ x: 999, y: -5 });
    expect(placed.nodes[1]!.position).toEqual(auto.nodes[1]!.position);
  });

  it('stores positions in layout only when asked, and reads them back', () => {
    const route = routeGraphSchema.parse(complaintRoute());
    const flow = routeToGraph(route);
    const moved = { ...flow, nodes: flow.nodes.map((n, i) => ({ ...n, position: { x: i * 10.4, y: i * 100 } })) };
    const saved = graphToRoute(moved, { withLayout: true });
    expect(saved.layout?.['review']).toEqual({ x: 0, y: 0 });
    expect(saved.layout?.[route.nodes[2]!.id]).toEqual({ x: 21, y: 200 });
    expect(routeGraphSchema.parse(saved)).toStrictEqual(saved);
    expect(graphToRoute(routeToGraph(saved), { withLayout: true })).toStrictEqual(saved);
    const { layout: _layout, ...meaning } = saved;
    expect(meaning).toStrictEqual(route);
  });

  it('takes where nodes lead from the edges: a reconnected, a deleted and a new edge', () => {
    const route = routeGraphSchema.parse(complaintRoute());
    const flow = routeToGraph(route);
    const edges = flow.edges
      .filter((e) => e.id !== 'triage:otherwise' && e.id !== 'await-customer:timeout')
      .map((e) => (e.id === 'triage:branch-0' ? { ...e, target: 'reply' } : e));
    const changed = graphToRoute({ ...flow, edges });
    const triage = changed.nodes.find((n) => n.id === 'triage');
    expect(triage).toMatchObject({ kind: 'decision', branches: [{ next: 'reply' }] });
    expect(triage && 'otherwise' in triage).toBe(false);
    expect(changed.nodes.find((n) => n.id === 'await-customer')).not.toHaveProperty('onTimeout');

    const withoutBranch = graphToRoute({ ...flow, edges: flow.edges.filter((e) => e.id !== 'triage:branch-0') });
    // The condition stays; the branch points nowhere until the designer connects it again.
    expect(withoutBranch.nodes.find((n) => n.id === 'triage')).toMatchObject({ branches: [{ next: '' }] });
  });
});
