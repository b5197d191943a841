// Checks what a person submits when they complete a step (its outcome and form) and what a case
// is started with (its variables). Pure and deterministic: the API calls it to answer with field
// paths, and the workflow's update validator calls it again so nothing invalid enters history.
import type { FieldProblem } from '../errors.ts';
import type { RouteGraph } from './graph-schema.ts';
import type { FormField, RouteDefinition, TaskStep } from './route-schema.ts';

export type FormValue = string | number | boolean | null;
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

export function checkVariables(definition: RouteDefinition | RouteGraph, values: Record<string, FormValue>): FieldProblem[] {
  const fields = Object.entries(definition.variables).map(([id, v]) => ({ id, label: v.label ?? id, type: v.type, required: v.required }));
  return checkValues(fields, values, 'variables');
}

function checkValues(fields: Pick<FormField, 'id' | 'label' | 'type' | 'required' | 'options'>[], values: Record<string, FormValue>, prefix: string): FieldProblem[] {
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

function typeProblem(field: Pick<FormField, 'type' | 'options'>, value: string | number | boolean): string | undefined {
  switch (field.type) {
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
