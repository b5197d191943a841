// The branch condition of a decision node: a JsonLogic expression (https://jsonlogic.com), kept
// as plain JSON in the route document. This file decides which JsonLogic is allowed in a route:
// a whitelist of pure operators, `var` over literal reference paths only, and a size cap, so a
// published condition cannot reach beyond the case's data, log, loop or grow without bound.
//
// Library choice (json-logic-js, evaluated in evaluate.ts): JsonLogic keeps conditions as data,
// which designers and the publish-time checker can read. json-logic-js 2.0.5 is the spec
// author's reference implementation: one dependency-free file with no eval/new Function, no
// Date and no randomness (audited; its only side effect, `log`, is not whitelisted here).
// Rejected: json-logic-engine (ships a compiler built on global eval), filtrex (compiles
// to new Function), jexl and json-rules-engine (asynchronous evaluation, heavier), expr-eval
// (string expressions with a history of code-injection advisories).
import { z } from 'zod';

/** Operators a condition may use, with how many arguments each takes. */
const ARITY: ReadonlyMap<string, readonly [min: number, max: number]> = new Map(Object.entries({
  '==': [2, 2], '===': [2, 2], '!=': [2, 2], '!==': [2, 2],
  '>': [2, 2], '>=': [2, 2],
  // Three arguments make a range test: {"<": [0, x, 10]} is 0 < x < 10.
  '<': [2, 3], '<=': [2, 3],
  '!': [1, 1], '!!': [1, 1], and: [1, Infinity], or: [1, Infinity],
  if: [3, Infinity],
  in: [2, 2],
  '+': [1, Infinity], '*': [1, Infinity], '-': [1, 2], '/': [2, 2], '%': [2, 2],
  min: [1, Infinity], max: [1, Infinity],
  cat: [1, Infinity], substr: [2, 3],
  var: [1, 2], missing: [1, Infinity], missing_some: [2, 2],
} satisfies Record<string, readonly [number, number]>));

export const CONDITION_OPERATORS: readonly string[] = [...ARITY.keys()];
export const MAX_CONDITION_DEPTH = 12;
export const MAX_CONDITION_NODES = 300;
const MAX_STRING = 1000;

// Same id rule as route-schema.ts (kept local so this folder stands alone). Ids never contain a
// dot, so a path splits unambiguously into namespace, step and field.
const ID = '[a-z][a-z0-9_-]{0,63}';
// `items.<counter>` is read only by a foreach node's `completeWhen` (the route validator refuses it elsewhere).
export const REFERENCE_PATTERN = new RegExp(`^(variables\\.${ID}|outcomes\\.${ID}|forms\\.${ID}\\.${ID}|items\\.${ID})$`);
const REFERENCE_HINT = 'a reference like "variables.amount", "outcomes.negotiate" or "forms.approve.discount"';

export interface ConditionIssue {
  path: (string | number)[];
  message: string;
}

/** Every structural problem of a would-be condition; empty when it may be evaluated. */
export function conditionIssues(value: unknown): ConditionIssue[] {
  const issues: ConditionIssue[] = [];
  if (value === true) return issues;
  if (!isPlainObject(value)) {
    return [{ path: [], message: 'a condition is an operator object such as {"==": [{"var": "variables.x"}, 1]}, or true for "always"' }];
  }
  let nodes = 0;
  const walk = (node: unknown, path: (string | number)[], depth: number): void => {
    if (++nodes === MAX_CONDITION_NODES + 1) issues.push({ path: [], message: `a condition has at most ${MAX_CONDITION_NODES} parts` });
    if (nodes > MAX_CONDITION_NODES) return;
    if (depth > MAX_CONDITION_DEPTH) {
      issues.push({ path, message: `a condition nests at most ${MAX_CONDITION_DEPTH} levels deep` });
      return;
    }
    if (node === null || typeof node === 'boolean') return;
    if (typeof node === 'string') {
      if (node.length > MAX_STRING) issues.push({ path, message: `a text is at most ${MAX_STRING} characters` });
      return;
    }
    if (typeof node === 'number') {
      if (!Number.isFinite(node)) issues.push({ path, message: 'a number must be finite' });
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, [...path, i], depth + 1));
      return;
    }
    if (!isPlainObject(node)) {
      issues.push({ path, message: 'only JSON values may appear in a condition' });
      return;
    }
    const keys = Object.keys(node);
    const op = keys[0];
    if (keys.length !== 1 || op === undefined) {
      issues.push({ path, message: `an operator object has exactly one key (the operator), found ${keys.length}` });
      return;
    }
    const arity = ARITY.get(op);
    if (!arity) {
      issues.push({ path: [...path, op], message: `unknown operator "${op}"; allowed: ${CONDITION_OPERATORS.join(' ')}` });
      return;
    }
    const raw = node[op];
    const args: unknown[] = Array.isArray(raw) ? raw : [raw];
    const at = (i: number): (string | number)[] => (Array.isArray(raw) ? [...path, op, i] : [...path, op]);
    const [min, max] = arity;
    if (args.length < min || args.length > max) {
      const want = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
      issues.push({ path: [...path, op], message: `"${op}" takes ${want} argument${min === 1 && (max === 1 || max === Infinity) ? '' : 's'}, got ${args.length}` });
      return;
    }
    if (op === 'if' && args.length % 2 === 0) {
      issues.push({ path: [...path, op], message: '"if" takes condition, value pairs and a final else value (an odd number of arguments)' });
      return;
    }
    if (op === 'var') {
      checkReference(op, args[0], at(0), issues);
      if (args.length === 2 && !isPrimitive(args[1])) issues.push({ path: at(1), message: 'the default of "var" is a text, number, boolean or null' });
      return;
    }
    if (op === 'missing_some' && !(typeof args[0] === 'number' && Number.isInteger(args[0]) && args[0] >= 0)) {
      issues.push({ path: at(0), message: '"missing_some" first takes how many of the references must be set' });
    }
    if (op === 'missing' || op === 'missing_some') {
      // {"missing": ["a", "b"]}, {"missing": "a"} or {"missing_some": [1, ["a", "b"]]}.
      const listAt = op === 'missing_some' ? 1 : undefined;
      const list: unknown = listAt === undefined ? args : args[listAt];
      if (!Array.isArray(list)) issues.push({ path: [...path, op], message: `"${op}" takes a list of references` });
      else list.forEach((ref, i) => checkReference(op, ref, listAt === undefined ? at(i) : [...at(listAt), i], issues));
      return;
    }
    args.forEach((arg, i) => walk(arg, at(i), depth + 1));
  };
  walk(value, [], 1);
  return issues;
}

/** `true` ("always"), or one operator object such as {"==": [{"var": "outcomes.negotiate"}, "agreed"]}. */
export type Condition = true | { [operator: string]: unknown };

// z.custom passes the input through untouched: a record schema would copy it and quietly drop a
// "__proto__" key, so the checked object would not be the one stored and evaluated.
export const conditionSchema = z.custom<Condition>().superRefine((value, ctx) => {
  for (const issue of conditionIssues(value)) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
});

function checkReference(op: string, ref: unknown, path: (string | number)[], issues: ConditionIssue[]): void {
  // A computed path would hide what the condition reads from the publish-time checks.
  if (typeof ref !== 'string') issues.push({ path, message: `"${op}" takes ${REFERENCE_HINT}, written out as text` });
  else if (!REFERENCE_PATTERN.test(ref)) issues.push({ path, message: `"${ref.slice(0, 100)}" is not ${REFERENCE_HINT}` });
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function isPrimitive(value: unknown): boolean {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}
