// Small route graphs for tests: builders that fill in what a check does not care about, so a
// test shows only the nodes and fields it is about. Drafts are plain JSON, as a designer types.
import { validateGraph } from '../validate-graph.ts';
import type { RouteDirectory } from '../validate-route.ts';
import type { FieldProblem } from '../../errors.ts';

export type Draft = Record<string, unknown>;

export const directory: RouteDirectory = {
  roles: new Set(['sales', 'sales-assistant', 'legal']),
  people: new Set(['seller1@leader.example', 'sales.head@leader.example']),
  publishedRoutes: new Set(['installation-handoff', 'deal']),
  ownKey: 'deal',
};

/** A route starting at its first node; `extra` sets route fields (variables, events, start). */
export const route = (nodes: Draft[], extra: Draft = {}): Draft => ({ language: 'route/v1', name: 'Test', start: nodes[0]?.id, nodes, ...extra });

export const task = (id: string, extra: Draft = {}): Draft => ({ id, kind: 'task', name: `Task ${id}`, assignee: { type: 'role', role: 'sales' }, ...extra });
export const end = (id: string, extra: Draft = {}): Draft => ({ id, kind: 'end', ...extra });
export const decision = (id: string, branches: [when: unknown, next: string][], otherwise?: string): Draft => ({
  id, kind: 'decision', branches: branches.map(([when, next]) => ({ when, next })), ...(otherwise ? { otherwise } : {}),
});
export const parallel = (id: string, branches: string[], join: string): Draft => ({ id, kind: 'parallel', branches, join });
export const join = (id: string, extra: Draft = {}): Draft => ({ id, kind: 'join', ...extra });
export const wait = (id: string, extra: Draft = {}): Draft => ({ id, kind: 'wait', ...extra });
export const action = (id: string, what: Draft, extra: Draft = {}): Draft => ({ id, kind: 'action', do: what, ...extra });
export const subprocess = (id: string, routeKey: string, extra: Draft = {}): Draft => ({ id, kind: 'subprocess', route: routeKey, ...extra });

/** `{ "==": [{ "var": ref }, value] }` */
export const is = (ref: string, value: unknown) => ({ '==': [{ var: ref }, value] });

/** The problems of a draft; none when it is valid. */
export function problemsOf(draft: Draft, dir: RouteDirectory = directory): FieldProblem[] {
  const result = validateGraph(draft, dir);
  return result.ok ? [] : result.problems;
}
