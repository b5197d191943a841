// Checks a draft before it may be published: first its shape (the zod schema), then what the
// schema cannot see - duplicate ids, unknown people and roles, bad durations. Every problem is
// reported at once with its path and node, so a designer can fix the whole route in one pass.
// A draft that says `"language": "route/v1"` is a graph and is checked by validate-graph.ts;
// anything else is checked as language v0 (a list of steps), exactly as before v1 existed.
import type { FieldProblem } from '../errors.ts';
import { formatPath } from '../errors.ts';
import { parseDuration } from './duration.ts';
import type { SubprocessCalls } from './find-subprocess-cycle.ts';
import type { RouteGraph } from './graph-schema.ts';
import { routeDefinitionSchema, type RouteDefinition } from './route-schema.ts';
import { validateGraph } from './validate-graph.ts';

/** What the validator needs to know about the company; the caller loads it. */
import type { RouteOperation } from '../processes/route-operations.ts';
import type { ListSource } from '../processes/list-sources.ts';
export interface RouteDirectory {
  roles: ReadonlySet<string>;
  /** E-mails of active employees, lower-case. */
  people: ReadonlySet<string>;
  /**
   * Keys of routes with a published version: what a v1 sub-process node may run. Absent means
   * none (v0 routes have no sub-processes, so a v0-only caller need not load it).
   */
  publishedRoutes?: ReadonlySet<string>;
  /** The key of the route being checked: a route may not run itself as a sub-process. */
  ownKey?: string | undefined;
  /**
   * For each published route, the routes its latest version runs as sub-processes: a route may
   * not run one that leads back to it. Absent means not checked (a caller that only validates).
   */
  subprocessCalls?: SubprocessCalls;
  /** What each published route's cases are about (`subject`, null for none): a foreach over records needs a body route about that kind. */
  routeSubjects?: ReadonlyMap<string, string | null>;
  /** The operations a `call` action may name and the sources a `foreach` may take items from; absent, the product's own registries. */
  operations?: ReadonlyMap<string, RouteOperation>;
  listSources?: ReadonlyMap<string, ListSource>;
}

/** A published route version's definition, in either language. */
export type AnyRouteDefinition = RouteDefinition | RouteGraph;

export type RouteCheck = { ok: true; definition: AnyRouteDefinition } | { ok: false; problems: FieldProblem[] };

export function validateRoute(draft: unknown, directory: RouteDirectory): RouteCheck {
  if (typeof draft === 'object' && draft !== null && (draft as { language?: unknown }).language === 'route/v1') return validateGraph(draft, directory);
  const parsed = routeDefinitionSchema.safeParse(draft);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => withNode(draft, { path: formatPath(i.path), message: i.message }, i.path)) };
  }
  const definition = parsed.data;
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  definition.steps.forEach((step, i) => {
    const at = (rest: string) => ({ path: `steps[${i}]${rest}`, nodeId: step.id });
    if (seen.has(step.id)) problems.push({ ...at('.id'), message: `step id "${step.id}" is used by an earlier step` });
    seen.add(step.id);
    const due = parseDuration(step.due);
    if (!due.ok) problems.push({ ...at('.due'), message: due.reason });
    if (step.assignee.type === 'role' && !directory.roles.has(step.assignee.role)) {
      problems.push({ ...at('.assignee.role'), message: `no role "${step.assignee.role}" exists` });
    }
    if (step.assignee.type === 'person' && !directory.people.has(step.assignee.email.toLowerCase())) {
      problems.push({ ...at('.assignee.email'), message: `no active employee has the e-mail ${step.assignee.email}` });
    }
    duplicates(step.outcomes?.map((o) => o.id) ?? []).forEach((id) =>
      problems.push({ ...at('.outcomes'), message: `outcome id "${id}" appears more than once` }),
    );
    duplicates(step.form?.map((f) => f.id) ?? []).forEach((id) =>
      problems.push({ ...at('.form'), message: `form field id "${id}" appears more than once` }),
    );
  });
  return problems.length ? { ok: false, problems } : { ok: true, definition };
}

function duplicates(ids: string[]): string[] {
  return [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
}

/** Names the step a schema problem sits in, when the draft got far enough to have one. */
function withNode(draft: unknown, problem: FieldProblem, path: readonly PropertyKey[]): FieldProblem {
  if (path[0] !== 'steps' || typeof path[1] !== 'number') return problem;
  const steps = (draft as { steps?: unknown } | null)?.steps;
  const step: unknown = Array.isArray(steps) ? steps[path[1]] : undefined;
  const id = (step as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? { ...problem, nodeId: id } : problem;
}
