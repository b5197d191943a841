import { describe, expect, it } from 'vitest';
import { fromJsonLogic, referencesOf, toJsonLogic, type Builder } from './condition.ts';

// The conditions of ROUTE-LANGUAGE.md that the builder shows, each written back unchanged.
const roundTrips = [
  true,
  { '==': [{ var: 'outcomes.decision' }, 'accepted'] },
  { and: [{ '>': [{ var: 'variables.planned_amount' }, 1000000] }, { '!=': [{ var: 'outcomes.legal-review' }, 'approved'] }] },
  { in: [{ var: 'outcomes.decision' }, ['declined', 'new_proposal']] },
  { or: [{ missing: ['variables.contract_no'] }, { '==': [{ var: 'outcomes.await-payment' }, 'timeout'] }] },
  { '!': [{ or: [{ '!!': [{ var: 'variables.vip' }] }, { and: [{ '<=': [{ var: 'forms.proposal.discount' }, 15] }, { '!': [{ var: 'variables.x' }] }] }] }] },
  { '!': [{ in: [{ var: 'outcomes.sign' }, ['refused']] }] },
];

describe('the condition builder <-> JsonLogic', () => {
  it.each(roundTrips.map((c) => [JSON.stringify(c), c]))('reads and writes back %s', (_, c) => {
    const b = fromJsonLogic(c);
    expect(b).not.toBeNull();
    expect(toJsonLogic(b!)).toEqual(c);
  });

  it('builds an and/or condition as groups of comparisons', () => {
    const b: Builder = {
      type: 'group', combinator: 'or', negate: false, items: [
        { type: 'compare', ref: 'outcomes.check', op: '==', value: 'ok' },
        { type: 'group', combinator: 'and', negate: true, items: [{ type: 'compare', ref: 'variables.amount', op: '>', value: 500 }, { type: 'compare', ref: 'variables.vip', op: 'truthy', value: null }] },
      ],
    };
    expect(toJsonLogic(b)).toEqual({
      or: [{ '==': [{ var: 'outcomes.check' }, 'ok'] }, { '!': [{ and: [{ '>': [{ var: 'variables.amount' }, 500] }, { '!!': [{ var: 'variables.vip' }] }] }] }],
    });
  });

  it('leaves what it cannot show to the raw JsonLogic editor', () => {
    expect(fromJsonLogic({ '<': [0, { var: 'forms.proposal.discount' }, 15] })).toBeNull();
    expect(fromJsonLogic({ '==': [{ var: ['outcomes.await-payment', 'none'] }, 'timeout'] })).toBeNull();
    expect(fromJsonLogic({ '>': [{ '+': [{ var: 'variables.a' }, 1] }, 2] })).toBeNull();
    expect(fromJsonLogic({ and: [true] })).toBeNull();
    expect(fromJsonLogic('yes')).toBeNull();
  });

  it('offers the variables, outcomes, form fields and event payloads the route declares', () => {
    const refs = referencesOf({
      variables: { amount: { type: 'number', required: false, label: 'Сумма' } },
      events: { paid: { payload: { sum: { type: 'number', required: true } } } },
      nodes: [
        { id: 'check', kind: 'task', name: 'Проверить', assignee: { type: 'starter' }, priority: 'normal', remindBefore: [], escalations: [], outcomes: [{ id: 'ok', label: 'Годится' }], form: [{ id: 'kind', label: 'Вид', type: 'choice', required: false, options: ['a', 'b'] }] },
        { id: 'pay', kind: 'wait', event: 'paid' },
      ],
    });
    expect(refs.map((r) => [r.ref, r.type])).toEqual([
      ['variables.amount', 'number'],
      ['outcomes.check', 'choice'],
      ['forms.check.kind', 'choice'],
      ['outcomes.pay', 'choice'],
      ['forms.pay.sum', 'number'],
    ]);
    expect(refs[1]!.options).toEqual([{ value: 'ok', label: 'Годится' }]);
  });
});
