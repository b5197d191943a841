// The condition builder's model: and/or groups (each may be negated) of comparisons of one
// reference (a variable, an outcome, a form field) with a value, to and from the JsonLogic a
// decision branch stores. JsonLogic the builder cannot show (arithmetic, `if`, ranges) returns
// null from fromJsonLogic, and the designer edits it as raw text instead.
import type { RouteGraph } from '../../../domain/routes/graph-schema.ts';

export const COMPARE_OPS = ['==', '!=', '>', '>=', '<', '<=', 'in', 'not-in', 'truthy', 'falsy', 'missing'] as const;
export type CompareOp = (typeof COMPARE_OPS)[number];
export type Literal = string | number | boolean | null;

export interface Comparison {
  type: 'compare';
  ref: string;
  op: CompareOp;
  /** A literal; for `in` and `not-in` the list. Unused by `truthy`, `falsy`, `missing`. */
  value: Literal | Literal[];
}
export interface Group {
  type: 'group';
  combinator: 'and' | 'or';
  negate: boolean;
  items: (Group | Comparison)[];
}
/** `always` is the literal `true`. */
export type Builder = Group | { type: 'always' };

type Json = Literal | Json[] | { [k: string]: Json };
export type JsonLogic = Json;

const VALUE_FREE: ReadonlySet<CompareOp> = new Set(['truthy', 'falsy', 'missing']);
export const needsValue = (op: CompareOp) => !VALUE_FREE.has(op);
export const isListOp = (op: CompareOp) => op === 'in' || op === 'not-in';

const v = (ref: string) => ({ var: ref });

function comparisonToLogic(c: Comparison): JsonLogic {
  switch (c.op) {
    case 'truthy':
      return { '!!': [v(c.ref)] };
    case 'falsy':
      return { '!': [v(c.ref)] };
    case 'missing':
      return { missing: [c.ref] };
    case 'in':
      return { in: [v(c.ref), Array.isArray(c.value) ? c.value : [c.value]] };
    case 'not-in':
      return { '!': [{ in: [v(c.ref), Array.isArray(c.value) ? c.value : [c.value]] }] };
    default:
      return { [c.op]: [v(c.ref), Array.isArray(c.value) ? (c.value[0] ?? null) : c.value] };
  }
}

function groupToLogic(g: Group, root: boolean): JsonLogic {
  // A group of one comparison at the top is written as the comparison alone (as people write it).
  const inner: JsonLogic = root && g.items.length === 1 && g.items[0]!.type === 'compare' && !g.negate
    ? comparisonToLogic(g.items[0]!)
    : { [g.combinator]: g.items.map((i) => (i.type === 'group' ? groupToLogic(i, false) : comparisonToLogic(i))) };
  return g.negate ? { '!': [inner] } : inner;
}

export function toJsonLogic(b: Builder): JsonLogic {
  return b.type === 'always' ? true : groupToLogic(b, true);
}

function isObj(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
function isLiteral(x: unknown): x is Literal {
  return x === null || ['string', 'number', 'boolean'].includes(typeof x);
}
/** `{ "var": "variables.x" }` -> "variables.x"; anything else (a default, an expression) -> null. */
function refOf(x: unknown): string | null {
  if (!isObj(x) || Object.keys(x).length !== 1) return null;
  const r = x.var;
  if (typeof r === 'string') return r;
  if (Array.isArray(r) && r.length === 1 && typeof r[0] === 'string') return r[0];
  return null;
}
/** The single operator and its arguments (a lone argument counts as a list of one). */
function opOf(x: unknown): [string, unknown[]] | null {
  if (!isObj(x)) return null;
  const keys = Object.keys(x);
  if (keys.length !== 1) return null;
  const args = x[keys[0]!];
  return [keys[0]!, Array.isArray(args) ? args : [args]];
}

function comparisonFrom(x: unknown): Comparison | null {
  const o = opOf(x);
  if (!o) return null;
  const [op, args] = o;
  if (['==', '!=', '>', '>=', '<', '<='].includes(op) && args.length === 2) {
    const ref = refOf(args[0]);
    if (ref && isLiteral(args[1])) return { type: 'compare', ref, op: op as CompareOp, value: args[1] };
    return null;
  }
  if (op === '!!' && args.length === 1) {
    const ref = refOf(args[0]);
    return ref ? { type: 'compare', ref, op: 'truthy', value: null } : null;
  }
  if (op === 'missing' && args.length === 1 && typeof args[0] === 'string') return { type: 'compare', ref: args[0], op: 'missing', value: null };
  if (op === 'in' && args.length === 2) {
    const ref = refOf(args[0]);
    if (ref && Array.isArray(args[1]) && args[1].every(isLiteral)) return { type: 'compare', ref, op: 'in', value: args[1] };
    return null;
  }
  if (op === '!' && args.length === 1) {
    const ref = refOf(args[0]);
    if (ref) return { type: 'compare', ref, op: 'falsy', value: null };
    const inner = comparisonFrom(args[0]);
    if (inner?.op === 'in') return { ...inner, op: 'not-in' };
  }
  return null;
}

function groupFrom(x: unknown): Group | null {
  const o = opOf(x);
  if (!o) return null;
  const [op, args] = o;
  if ((op === 'and' || op === 'or') && args.length > 0) {
    const items: Group['items'] = [];
    for (const a of args) {
      const item = comparisonFrom(a) ?? groupFrom(a);
      if (!item) return null;
      items.push(item);
    }
    return { type: 'group', combinator: op, negate: false, items };
  }
  if (op === '!' && args.length === 1) {
    const g = groupFrom(args[0]);
    if (g && !g.negate) return { ...g, negate: true };
  }
  return null;
}

/** The builder for a condition, or null when it needs the raw JsonLogic editor. */
export function fromJsonLogic(x: unknown): Builder | null {
  if (x === true) return { type: 'always' };
  const c = comparisonFrom(x);
  if (c) return { type: 'group', combinator: 'and', negate: false, items: [c] };
  return groupFrom(x);
}

export type RefType = 'text' | 'number' | 'boolean' | 'date' | 'choice' | 'list';
export interface Reference {
  ref: string;
  type: RefType;
  /** Where it comes from, for the picker: the variable's or the step's name. */
  source: string;
  label: string;
  /** Values to choose from: a step's outcome ids, a choice field's options. */
  options?: { value: string; label: string }[];
}

/** What the route declares that a condition (or a `from`) can read. */
export function referencesOf(route: Pick<RouteGraph, 'variables' | 'events' | 'nodes'>): Reference[] {
  const out: Reference[] = [];
  for (const [id, decl] of Object.entries(route.variables ?? {})) {
    out.push({ ref: `variables.${id}`, type: decl.type, source: 'variables', label: decl.label || id });
  }
  for (const n of route.nodes ?? []) {
    const name = ('name' in n && n.name) || n.id;
    if (n.kind === 'task') {
      if (n.outcomes?.length) {
        out.push({ ref: `outcomes.${n.id}`, type: 'choice', source: name, label: name, options: n.outcomes.map((o) => ({ value: o.id, label: o.label || o.id })) });
      }
      for (const f of n.form ?? []) {
        out.push({ ref: `forms.${n.id}.${f.id}`, type: f.type, source: name, label: f.label || f.id, options: f.options?.map((o) => ({ value: o, label: o })) });
      }
    }
    if (n.kind === 'wait' && n.event) {
      out.push({ ref: `outcomes.${n.id}`, type: 'choice', source: name, label: name, options: [{ value: 'event', label: 'event' }, { value: 'timeout', label: 'timeout' }] });
      for (const [field, decl] of Object.entries(route.events?.[n.event]?.payload ?? {})) {
        out.push({ ref: `forms.${n.id}.${field}`, type: decl.type, source: name, label: decl.label || field });
      }
    }
  }
  return out;
}

/** A typed-in value as the reference's type wants it ("12" -> 12 for a number). */
export function coerceLiteral(text: string, type: RefType | undefined): Literal {
  if (type === 'number' && text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
  if (type === 'boolean') return text === 'true';
  return text;
}

export function emptyComparison(ref = ''): Comparison {
  return { type: 'compare', ref, op: '==', value: '' };
}
