// Publish-time checks of what a condition reads. The schema only knows the shape of a reference
// ("outcomes.negotiate"); whether the route has that variable, step, outcome list or form field,
// and whether a compared outcome id exists, depends on the route, so the route validator calls
// these with what it knows. Each problem names the reference it is about, as the designer wrote it.
import { isPlainObject, type Condition } from './condition.ts';

export interface KnownStep {
  outcomes: ReadonlySet<string>;
  formFields: ReadonlySet<string>;
}

export interface KnownReferences {
  variables: ReadonlySet<string>;
  steps: ReadonlyMap<string, KnownStep>;
  /** The counters `items.<name>` a foreach's `completeWhen` may read; absent elsewhere. */
  items?: ReadonlySet<string>;
}

export interface ReferenceProblem {
  /** The reference, e.g. "outcomes.negotiate". */
  path: string;
  message: string;
}

const EQUALITY = new Set(['==', '===', '!=', '!==']);

/** Every path the condition reads through var, missing or missing_some, once each, in order. */
export function conditionReferences(condition: Condition): string[] {
  const found = new Set<string>();
  visit(condition, (op, args) => {
    if (op === 'var' && typeof args[0] === 'string') found.add(args[0]);
    if (op === 'missing') args.forEach((ref) => typeof ref === 'string' && found.add(ref));
    if (op === 'missing_some' && Array.isArray(args[1])) args[1].forEach((ref) => typeof ref === 'string' && found.add(ref));
  });
  return [...found];
}

export function checkConditionReferences(condition: Condition, known: KnownReferences): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  for (const path of conditionReferences(condition)) {
    const message = referenceProblem(path, known);
    if (message) problems.push({ path, message });
  }
  // A compared outcome id that the step does not offer is almost always a typo ("agred"), and
  // would make the branch silently never (or always) taken.
  const seen = new Set<string>();
  visit(condition, (op, args) => {
    if (!EQUALITY.has(op) && op !== 'in') return;
    const [left, right] = args;
    const pairs: [unknown, unknown][] = op === 'in' ? [[left, right]] : [[left, right], [right, left]];
    for (const [ref, other] of pairs) {
      const stepId = outcomeStep(ref);
      const outcomes = stepId === undefined ? undefined : known.steps.get(stepId)?.outcomes;
      if (stepId === undefined || !outcomes || outcomes.size === 0) continue;
      const literals = op === 'in' ? (Array.isArray(other) ? other : []) : [other];
      for (const literal of literals) {
        if (literal === null || isPlainObject(literal) || Array.isArray(literal)) continue;
        if (typeof literal === 'string' && outcomes.has(literal)) continue;
        const path = `outcomes.${stepId}`;
        const message = `${JSON.stringify(literal)} is not an outcome of step "${stepId}"; its outcomes are ${[...outcomes].map((o) => `"${o}"`).join(', ')}`;
        if (!seen.has(message)) problems.push({ path, message });
        seen.add(message);
      }
    }
  });
  return problems;
}

function referenceProblem(path: string, known: KnownReferences): string | undefined {
  const [namespace, first, second, ...rest] = path.split('.');
  const step = first === undefined ? undefined : known.steps.get(first);
  if (namespace === 'variables' && first !== undefined && second === undefined) {
    return known.variables.has(first) ? undefined : `unknown variable "${first}"`;
  }
  if (namespace === 'outcomes' && first !== undefined && second === undefined) {
    if (!step) return `no step "${first}"`;
    return step.outcomes.size > 0 ? undefined : `step "${first}" has no outcome list`;
  }
  if (namespace === 'forms' && first !== undefined && second !== undefined && rest.length === 0) {
    if (!step) return `no step "${first}"`;
    return step.formFields.has(second) ? undefined : `unknown form field "${second}" of step "${first}"`;
  }
  if (namespace === 'items' && first !== undefined && second === undefined) {
    if (!known.items) return 'items.<counter> is read only by a foreach node\'s completeWhen';
    return known.items.has(first) ? undefined : `unknown counter "${first}"; a foreach counts ${[...known.items].join(', ')}`;
  }
  return 'not a reference to variables.<id>, outcomes.<step> or forms.<step>.<field>';
}

/** The step id when the expression is {"var": "outcomes.<step>"} (with or without a default). */
function outcomeStep(expr: unknown): string | undefined {
  if (!isPlainObject(expr) || !Object.hasOwn(expr, 'var') || Object.keys(expr).length !== 1) return undefined;
  const arg = expr.var;
  const path: unknown = Array.isArray(arg) ? arg[0] : arg;
  const match = typeof path === 'string' ? /^outcomes\.([^.]+)$/.exec(path) : null;
  return match?.[1];
}

/** Calls back for every operator object, outermost first, with its arguments as a list. */
function visit(node: unknown, onOperator: (op: string, args: unknown[]) => void): void {
  if (Array.isArray(node)) {
    node.forEach((item) => visit(item, onOperator));
    return;
  }
  if (!isPlainObject(node)) return;
  for (const [op, raw] of Object.entries(node)) {
    const args: unknown[] = Array.isArray(raw) ? raw : [raw];
    onOperator(op, args);
    // A non-literal var path would be an expression of its own; walk it too.
    args.forEach((arg) => visit(arg, onOperator));
  }
}
