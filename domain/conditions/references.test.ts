// What a condition reads, and the publish-time problems a designer sees when a reference or a
// compared outcome id does not exist in the route.
import { describe, expect, it } from 'vitest';
import type { Condition } from './condition.ts';
import { checkConditionReferences, conditionReferences, type KnownReferences } from './references.ts';

const known: KnownReferences = {
  variables: new Set(['amount', 'client_category']),
  steps: new Map([
    ['negotiate', { outcomes: new Set(['agreed', 'declined']), formFields: new Set<string>() }],
    ['approve', { outcomes: new Set<string>(), formFields: new Set(['discount', 'approved']) }],
  ]),
};

describe('conditionReferences', () => {
  it('lists every path once, in order, from every var form and nesting level', () => {
    const condition: Condition = {
      or: [
        { and: [{ '>': [{ var: 'variables.amount' }, 100000] }, { '!': { '==': [{ var: ['outcomes.negotiate', 'none'] }, 'agreed'] } }] },
        { '<': [0, { '+': [{ var: 'forms.approve.discount' }, { var: 'variables.amount' }] }, 10] },
        { if: [{ missing: ['variables.region'] }, false, { missing_some: [1, ['forms.approve.approved', 'variables.amount']] }] },
        { '!!': { var: 'variables.client_category' } },
      ],
    };
    expect(conditionReferences(condition)).toEqual([
      'variables.amount',
      'outcomes.negotiate',
      'forms.approve.discount',
      'variables.region',
      'forms.approve.approved',
      'variables.client_category',
    ]);
  });

  it('is empty for "always" and for conditions over literals only', () => {
    expect(conditionReferences(true)).toEqual([]);
    expect(conditionReferences({ '==': [1, 1] })).toEqual([]);
  });
});

describe('checkConditionReferences', () => {
  const check = (condition: Condition) => checkConditionReferences(condition, known);

  it('finds nothing wrong with a condition over known things', () => {
    expect(check({ and: [{ '>': [{ var: 'variables.amount' }, 1] }, { in: [{ var: 'outcomes.negotiate' }, ['agreed', 'declined']] }, { var: 'forms.approve.discount' }] })).toEqual([]);
    expect(check(true)).toEqual([]);
  });

  it('names unknown variables, steps, outcome lists and form fields', () => {
    expect(
      check({
        and: [
          { '>': [{ var: 'variables.amout' }, 100000] },
          { '==': [{ var: 'outcomes.foo' }, 'x'] },
          { '==': [{ var: 'outcomes.approve' }, 'ok'] },
          { '>': [{ var: 'forms.approve.discont' }, 10] },
          { '>': [{ var: 'forms.bar.discount' }, 10] },
          { '<': [{ var: 'variables.amout' }, 5] },
        ],
      }),
    ).toEqual([
      { path: 'variables.amout', message: 'unknown variable "amout"' },
      { path: 'outcomes.foo', message: 'no step "foo"' },
      { path: 'outcomes.approve', message: 'step "approve" has no outcome list' },
      { path: 'forms.approve.discont', message: 'unknown form field "discont" of step "approve"' },
      { path: 'forms.bar.discount', message: 'no step "bar"' },
    ]);
  });

  it('checks the references inside missing and missing_some too', () => {
    expect(check({ missing_some: [1, ['variables.amount', 'variables.regin']] })).toEqual([{ path: 'variables.regin', message: 'unknown variable "regin"' }]);
  });

  it('flags a compared outcome id the step does not offer, naming the valid ones', () => {
    const typo = { path: 'outcomes.negotiate', message: '"agred" is not an outcome of step "negotiate"; its outcomes are "agreed", "declined"' };
    expect(check({ '==': [{ var: 'outcomes.negotiate' }, 'agred'] })).toEqual([typo]);
    expect(check({ '!==': ['agred', { var: 'outcomes.negotiate' }] })).toEqual([typo]);
    expect(check({ '!': { in: [{ var: ['outcomes.negotiate', 'agreed'] }, ['declined', 'agred']] } })).toEqual([typo]);
    expect(check({ or: [{ '==': [{ var: 'outcomes.negotiate' }, 'agred'] }, { '!=': [{ var: 'outcomes.negotiate' }, 'agred'] }] })).toEqual([typo]);
    expect(check({ '==': [{ var: 'outcomes.negotiate' }, 1] })).toEqual([
      { path: 'outcomes.negotiate', message: '1 is not an outcome of step "negotiate"; its outcomes are "agreed", "declined"' },
    ]);
  });

  it('leaves alone outcome comparisons it cannot judge', () => {
    expect(check({ '==': [{ var: 'outcomes.negotiate' }, null] })).toEqual([]);
    expect(check({ '==': [{ var: 'outcomes.negotiate' }, { var: 'outcomes.negotiate' }] })).toEqual([]);
    expect(check({ '==': [{ var: 'variables.client_category' }, 'agred'] })).toEqual([]);
    // The step itself is the problem here, reported once.
    expect(check({ '==': [{ var: 'outcomes.approve' }, 'ok'] })).toEqual([{ path: 'outcomes.approve', message: 'step "approve" has no outcome list' }]);
  });
});
