// Decides a branch condition inside the route workflow. Runs in Temporal's workflow sandbox, so
// it is pure: json-logic-js walks the JSON (no eval, no clock, no randomness, no I/O) over a
// copy of the case's data, and the same condition and scope always give the same answer.
//
// Semantics are JsonLogic's (https://jsonlogic.com/operations.html) with one change:
// - Truthiness (and, or, !, !!, if, and the final answer): false, null, 0, NaN, "" and [] are
//   false; everything else, including "0" and "false", is true.
// - `==`/`!=` compare loosely ("1" == 1); `===`/`!==` compare strictly.
// - A reference to something not set (an unknown variable, a step not completed yet, a form
//   field left empty) reads as null, or as the default in {"var": ["path", default]}.
// - Our change: an ordering comparison (<, <=, >, >=) with a null side is false. JavaScript
//   would take null as 0, so "amount < 1000" would hold for a case without an amount.
// - Arithmetic keeps JsonLogic's coercion (null is 0 for - / % min max, NaN for + *); give such
//   references an explicit default when that matters.
import jsonLogic from 'json-logic-js';
import type { RulesLogic } from 'json-logic-js';
import { conditionIssues, type Condition, isPlainObject } from './condition.ts';

export type ConditionValue = string | number | boolean | null | (string | number)[];

/** What a condition can read: `variables.<id>`, `outcomes.<stepId>`, `forms.<stepId>.<field>`. */
export interface ConditionScope {
  variables: Readonly<Record<string, ConditionValue>>;
  /** The outcome chosen at each completed step; a step without one is absent or undefined. */
  outcomes: Readonly<Record<string, string | undefined>>;
  forms: Readonly<Record<string, Readonly<Record<string, ConditionValue>>>>;
  /** A foreach node's counters over its finished items, for its `completeWhen` only. */
  items?: Readonly<Record<string, number>>;
}

const ORDERING = new Set(['<', '<=', '>', '>=']);
// Operators whose result is never null, so a comparison over them needs no null guard.
const NEVER_NULL = new Set(['==', '===', '!=', '!==', '<', '<=', '>', '>=', '!', '!!', 'in', '+', '-', '*', '/', '%', 'min', 'max', 'cat', 'substr', 'missing', 'missing_some']);

/**
 * Whether the condition holds for the scope. Throws if the condition is not one conditionSchema
 * accepts: a published route never has one, so reaching it is a bug to surface, not a branch.
 */
export function evaluateCondition(condition: Condition, scope: ConditionScope): boolean {
  const issues = conditionIssues(condition);
  if (issues.length > 0) {
    const first = issues[0]!;
    throw new Error(`invalid condition at ${first.path.join('.') || '(root)'}: ${first.message}`);
  }
  if (condition === true) return true;
  const result: unknown = jsonLogic.apply(guardOrderings(condition) as RulesLogic, toData(scope));
  return jsonLogic.truthy(result);
}

/** Rewrites {"<": [a, b]} to {"and": [{"!=": [a, null]}, {"!=": [b, null]}, {"<": [a, b]}]}. */
function guardOrderings(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(guardOrderings);
  if (!isPlainObject(node)) return node;
  const [op, raw] = Object.entries(node)[0]!;
  if (op === 'var' || op === 'missing' || op === 'missing_some') return node;
  const args = (Array.isArray(raw) ? raw : [raw]).map(guardOrderings);
  if (!ORDERING.has(op)) return { [op]: args };
  const guards = args.filter(mayBeNull).map((arg) => ({ '!=': [arg, null] }));
  return guards.length === 0 ? { [op]: args } : { and: [...guards, { [op]: args }] };
}

function mayBeNull(arg: unknown): boolean {
  if (!isPlainObject(arg)) return arg === null;
  const [op, raw] = Object.entries(arg)[0]!;
  if (op === 'var') return !Array.isArray(raw) || raw.length < 2 || raw[1] === null;
  return !NEVER_NULL.has(op);
}

/**
 * Copies the scope into prototype-less objects, so that a path such as
 * "variables.constructor" finds nothing instead of Object's own properties.
 */
function toData(scope: ConditionScope): Record<string, unknown> {
  const forms = bare();
  for (const [step, fields] of Object.entries(scope.forms)) forms[step] = bare(fields);
  return bare({ variables: bare(scope.variables), outcomes: bare(scope.outcomes), forms, ...(scope.items ? { items: bare(scope.items) } : {}) });
}

function bare(from: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>;
  for (const [key, value] of Object.entries(from)) if (value !== undefined) out[key] = value;
  return out;
}
