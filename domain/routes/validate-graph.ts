// Checks a route graph (language v1) before it may be published: first its shape (the zod
// schema in graph-schema.ts), then what the schema cannot see - the graph's structure, where
// cases can go, who the rules name, what conditions read, durations, waits, joins and
// sub-processes (the checks live in graph-checks/). Every problem is reported at once, with its
// path and node, so a designer can fix the whole route in one pass.
import type { z } from 'zod';
import type { FieldProblem } from '../errors.ts';
import { formatPath } from '../errors.ts';
import { checkAssignees } from './graph-checks/assignees.ts';
import { graphContext, type GraphCheck } from './graph-checks/context.ts';
import { checkDurations } from './graph-checks/durations.ts';
import { checkLoops, checkReachable } from './graph-checks/flow.ts';
import { checkMultiInstance } from './graph-checks/multi-instance.ts';
import { checkNodes } from './graph-checks/nodes.ts';
import { checkParallel } from './graph-checks/parallel.ts';
import { checkRecordUpdates } from './graph-checks/records.ts';
import { checkReferences } from './graph-checks/references.ts';
import { checkSpinningLoops } from './graph-checks/spinning-loops.ts';
import { checkSubprocessCycles } from './graph-checks/subprocess-cycles.ts';
import { checkStructure } from './graph-checks/structure.ts';
import { routeGraphSchema, type RouteGraph } from './graph-schema.ts';
import type { RouteDirectory } from './validate-route.ts';

export type GraphCheckResult = { ok: true; definition: RouteGraph } | { ok: false; problems: FieldProblem[] };

const CHECKS: GraphCheck[] = [checkStructure, checkNodes, checkAssignees, checkDurations, checkReferences, checkRecordUpdates, checkMultiInstance, checkSubprocessCycles, checkReachable, checkParallel, checkLoops, checkSpinningLoops];

export function validateGraph(draft: unknown, directory: RouteDirectory): GraphCheckResult {
  const parsed = routeGraphSchema.safeParse(draft);
  // Structural checks on a half-parsed graph would mostly repeat the shape problems (an edge to
  // a node that failed to parse "dangles"), so the shape is fixed first, as in v0.
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.flatMap(expandUnion).map((i) => shapeProblem(draft, i)) };
  const ctx = graphContext(parsed.data, directory);
  const problems = CHECKS.flatMap((check) => check(ctx));
  return problems.length ? { ok: false, problems: inNodeOrder(problems) } : { ok: true, definition: parsed.data };
}

/** Route-level problems first, then node by node as the designer reads the document. */
function inNodeOrder(problems: FieldProblem[]): FieldProblem[] {
  const at = (p: FieldProblem) => Number(/^nodes\[(\d+)\]/.exec(p.path)?.[1] ?? -1);
  return problems.map((p, i) => ({ p, i })).sort((a, b) => at(a.p) - at(b.p) || a.i - b.i).map(({ p }) => p);
}

interface Issue {
  path: PropertyKey[];
  message: string;
}

/**
 * zod reports a value that fits no alternative of a union (a duration, a copied value) as a bare
 * "Invalid input". Say what was expected instead, or, when the value got some way into one
 * alternative ({ "working": 5 }), report that alternative's own problems.
 */
function expandUnion(issue: z.core.$ZodIssue): Issue[] {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [{ path: issue.path, message: issue.message }];
  const depth = (alt: z.core.$ZodIssue[]) => Math.max(0, ...alt.map((i) => i.path.length));
  const deepest = issue.errors.reduce((best, alt) => (depth(alt) > depth(best) ? alt : best));
  if (depth(deepest) > 0) return deepest.map((i) => ({ path: [...issue.path, ...i.path], message: i.message }));
  const expected = [...new Set(issue.errors.flat().flatMap((i) => (i.code === 'invalid_type' ? [i.expected] : [])))];
  const message = expected.length ? `expected ${expected.map(describeType).join(' or ')}` : issue.message;
  return [{ path: issue.path, message }];
}

const TYPE_NAMES = new Map([['string', 'text'], ['object', 'an object'], ['number', 'a number'], ['boolean', 'true or false']]);
const describeType = (t: string): string => TYPE_NAMES.get(t) ?? t;

/** Names the node a schema problem sits in, when the draft got far enough to have one. */
function shapeProblem(draft: unknown, issue: Issue): FieldProblem {
  const problem: FieldProblem = { path: formatPath(issue.path), message: issue.message };
  const [root, index] = issue.path;
  if (root !== 'nodes' || typeof index !== 'number') return problem;
  const nodes = (draft as { nodes?: unknown } | null)?.nodes;
  const node: unknown = Array.isArray(nodes) ? nodes[index] : undefined;
  const id = (node as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? { ...problem, nodeId: id } : problem;
}
