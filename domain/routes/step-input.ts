// Checks what a person submits when they complete a step (its outcome and form) and what a case
// is started with (its variables). Pure and deterministic: the API calls it to answer with field
// paths, and the workflow's update validator calls it again so nothing invalid enters history.
import type { FieldProblem } from '../errors.ts';
import type { RouteGraph } from './graph-schema.ts';
import { MAX_LIST_ITEMS, type FormField, type RouteDefinition, type TaskStep } from './route-schema.ts';

export type FormValue = string | number | boolean | null;
/** A list variable's value: texts, numbers or record ids (route-schema.ts, `type: "list"`). */
export type ListValue = (string | number)[];
/** What a case variable holds: a scalar, or a list for a `foreach` node to walk. */
export type VariableValue = FormValue | ListValue;
export interface StepCompletion {
  outcome?: string | undefined;
  form?: Record<string, FormValue> | undefined;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function checkCompletion(step: Pick<TaskStep, 'outcomes' | 'form'>, input: StepCompletion): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (step.outcomes) {
    const allowed = step.outcomes.map((o) => o.id);
    if (input.outcome === undefined) problems.push({ path: 'outcome', message: `choose one of: ${allowed.join(', ')}` });
    else if (!allowed.includes(input.outcome)) {
      problems.push({ path: 'outcome', message: `"${input.outcome}" is not an outcome of this step; choose one of: ${allowed.join(', ')}` });
    }
  } else if (input.outcome !== undefined) {
    problems.push({ path: 'outcome', message: 'this step has no outcomes to choose from' });
  }
  // A field required for some outcomes is required when the step is completed with one of them.
  const form = (step.form ?? []).map((f) => (f.requiredFor && input.outcome !== undefined && f.requiredFor.includes(input.outcome) ? { ...f, required: true } : f));
  problems.push(...checkValues(form, input.form ?? {}, 'form'));
  return problems;
}

/**
 * An outside event sent to a case: the route must declare it, and its payload must match the
 * declared fields. Routes in language v0 declare no events.
 */
export function checkEvent(definition: RouteDefinition | RouteGraph, name: string, payload: Record<string, FormValue>): FieldProblem[] {
  const events = definition.language === 'route/v1' ? definition.events : {};
  const declared = events[name];
  if (!declared) {
    const known = Object.keys(events);
    return [{ path: 'name', message: known.length ? `this route does not expect the event "${name}"; it expects: ${known.join(', ')}` : 'this route expects no outside events' }];
  }
  const fields = Object.entries(declared.payload).map(([id, v]) => ({ id, label: v.label ?? id, type: v.type, required: v.required }));
  return checkValues(fields, payload, 'payload');
}

export function checkVariables(definition: RouteDefinition | RouteGraph, values: Record<string, VariableValue>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const scalars: Record<string, FormValue> = {};
  const fields: CheckedField[] = [];
  for (const [id, v] of Object.entries(definition.variables)) {
    const value = values[id];
    if (v.type !== 'list') {
      fields.push({ id, label: v.label ?? id, type: v.type, required: v.required });
      continue;
    }
    const path = `variables.${id}`;
    if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) {
      if (v.required) problems.push({ path, message: `${v.label ?? id} is required` });
      continue;
    }
    problems.push(...listProblems(value, (v as { of?: ListOf }).of ?? 'text', path));
  }
  for (const [key, value] of Object.entries(values)) {
    const declared = Object.hasOwn(definition.variables, key) ? (definition.variables as Record<string, { type: string }>)[key] : undefined;
    if (declared?.type === 'list') continue;
    if (Array.isArray(value)) problems.push({ path: `variables.${key}`, message: declared ? 'must be a single value, not a list' : 'is not a field of this form' });
    else scalars[key] = value;
  }
  return [...checkValues(fields, scalars, 'variables'), ...problems];
}

type ListOf = 'text' | 'number' | 'id';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A list variable's value: an array of at most MAX_LIST_ITEMS values of its `of` type. */
function listProblems(value: VariableValue, of: ListOf, path: string): FieldProblem[] {
  if (!Array.isArray(value)) return [{ path, message: 'must be a list' }];
  if (value.length > MAX_LIST_ITEMS) return [{ path, message: `a list holds at most ${MAX_LIST_ITEMS} values; take a bigger one from a list source` }];
  const bad = value.findIndex((x) => (of === 'number' ? typeof x !== 'number' || !Number.isFinite(x) : typeof x !== 'string' || (of === 'id' && !UUID.test(x))));
  if (bad < 0) return [];
  return [{ path: `${path}[${bad}]`, message: of === 'number' ? 'must be a number' : of === 'id' ? 'must be a record id (uuid)' : 'must be text' }];
}

type CheckedField = Pick<FormField, 'id' | 'label' | 'required' | 'options'> & { type: FormField['type'] | 'list' };

function checkValues(fields: CheckedField[], values: Record<string, FormValue>, prefix: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const known = new Set(fields.map((f) => f.id));
  for (const key of Object.keys(values)) {
    if (!known.has(key)) problems.push({ path: `${prefix}.${key}`, message: 'is not a field of this form' });
  }
  for (const field of fields) {
    const value = values[field.id];
    const path = `${prefix}.${field.id}`;
    if (value === undefined || value === null || value === '') {
      if (field.required) problems.push({ path, message: `${field.label} is required` });
      continue;
    }
    const wrong = typeProblem(field, value);
    if (wrong) problems.push({ path, message: wrong });
  }
  return problems;
}

function typeProblem(field: Pick<CheckedField, 'type' | 'options'>, value: string | number | boolean): string | undefined {
  switch (field.type) {
    case 'list':
      return 'must be a list';
    case 'text':
      return typeof value === 'string' ? undefined : 'must be text';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'must be a number';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'date':
      return typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value)) ? undefined : 'must be a date as YYYY-MM-DD';
    case 'choice':
      return typeof value === 'string' && (field.options ?? []).includes(value) ? undefined : `must be one of: ${(field.options ?? []).join(', ')}`;
  }
}
