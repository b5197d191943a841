// What an employee sees when they complete a step with missing or wrong data.
import { describe, expect, it } from 'vitest';
import { checkCompletion, checkVariables } from './step-input.ts';
import type { RouteDefinition } from './route-schema.ts';

const step = {
  outcomes: [{ id: 'agreed', label: 'Agreed' }, { id: 'refused', label: 'Refused' }],
  form: [
    { id: 'amount', label: 'Amount', type: 'number' as const, required: true },
    { id: 'date', label: 'Date', type: 'date' as const, required: false },
    { id: 'size', label: 'Size', type: 'choice' as const, required: false, options: ['S', 'M'] },
    { id: 'vip', label: 'VIP', type: 'boolean' as const, required: false },
  ],
};

describe('checkCompletion', () => {
  it('accepts a complete, well-typed completion', () => {
    expect(checkCompletion(step, { outcome: 'agreed', form: { amount: 10, date: '2026-12-01', size: 'M', vip: false } })).toEqual([]);
  });

  it('names each wrong field and the allowed outcomes', () => {
    expect(checkCompletion(step, { outcome: 'maybe', form: { amount: '10', date: '01.12.2026', size: 'XL', colour: 'red' } })).toEqual([
      { path: 'outcome', message: '"maybe" is not an outcome of this step; choose one of: agreed, refused' },
      { path: 'form.colour', message: 'is not a field of this form' },
      { path: 'form.amount', message: 'must be a number' },
      { path: 'form.date', message: 'must be a date as YYYY-MM-DD' },
      { path: 'form.size', message: 'must be one of: S, M' },
    ]);
  });

  it('requires an outcome when the step has some, and refuses one when it has none', () => {
    expect(checkCompletion(step, { form: { amount: 1 } })).toEqual([{ path: 'outcome', message: 'choose one of: agreed, refused' }]);
    expect(checkCompletion({}, { outcome: 'agreed' })).toEqual([{ path: 'outcome', message: 'this step has no outcomes to choose from' }]);
  });

  it('treats empty text and null as missing', () => {
    expect(checkCompletion(step, { outcome: 'agreed', form: { amount: null } })).toEqual([{ path: 'form.amount', message: 'Amount is required' }]);
  });

  it('requires a field only for the outcomes that need it (the reason of a refusal)', () => {
    const refusal = { outcomes: step.outcomes, form: [{ id: 'reason', label: 'Reason', type: 'text' as const, required: false, requiredFor: ['refused'] }] };
    expect(checkCompletion(refusal, { outcome: 'refused', form: {} })).toEqual([{ path: 'form.reason', message: 'Reason is required' }]);
    expect(checkCompletion(refusal, { outcome: 'refused', form: { reason: 'Too dear' } })).toEqual([]);
    expect(checkCompletion(refusal, { outcome: 'agreed', form: {} })).toEqual([]);
  });
});

describe('checkVariables', () => {
  const definition = { variables: { amount: { type: 'number', label: 'Planned amount', required: true } } } as unknown as RouteDefinition;
  it('checks variables a case is started with', () => {
    expect(checkVariables(definition, { amount: 5 })).toEqual([]);
    expect(checkVariables(definition, {})).toEqual([{ path: 'variables.amount', message: 'Planned amount is required' }]);
    expect(checkVariables(definition, { amount: 5, region: 'north' })).toEqual([{ path: 'variables.region', message: 'is not a field of this form' }]);
  });
});
