// Evaluating branch conditions over a case's variables, step outcomes and form data: nesting,
// values not set yet, JsonLogic truthiness, refusing what the schema refuses, and determinism.
import jsonLogic from 'json-logic-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Condition } from './condition.ts';
import { evaluateCondition, type ConditionScope } from './evaluate.ts';

const scope: ConditionScope = {
  variables: { amount: 150000, client_category: 'gold', client_name: 'Frost Ltd', vip: false, note: '', count: 0 },
  outcomes: { negotiate: 'agreed', legal: undefined },
  forms: { approve: { discount: 12, approved: true, comment: null } },
};
const v = (path: string | [string, string | number]) => ({ var: path });
const holds = (condition: Condition, s: ConditionScope = scope) => evaluateCondition(condition, s);

describe('evaluateCondition', () => {
  it('combines and/or/not over variables, outcomes and form data', () => {
    const bigAgreedDeal: Condition = { and: [{ '>': [v('variables.amount'), 100000] }, { '==': [v('outcomes.negotiate'), 'agreed'] }] };
    expect(holds(bigAgreedDeal)).toBe(true);
    expect(holds(bigAgreedDeal, { ...scope, variables: { amount: 90000 } })).toBe(false);
    expect(holds(bigAgreedDeal, { ...scope, outcomes: { negotiate: 'declined' } })).toBe(false);

    const escalate: Condition = {
      or: [
        { and: [{ in: [v('variables.client_category'), ['gold', 'platinum']] }, { '!': { '<=': [v('forms.approve.discount'), 10] } }] },
        { '===': [v('forms.approve.approved'), false] },
      ],
    };
    expect(holds(escalate)).toBe(true);
    expect(holds(escalate, { ...scope, forms: { approve: { discount: 5, approved: true } } })).toBe(false);
    expect(holds(escalate, { ...scope, forms: { approve: { discount: 5, approved: false } } })).toBe(true);
  });

  it('always holds for true', () => {
    expect(holds(true, { variables: {}, outcomes: {}, forms: {} })).toBe(true);
  });

  it('supports ranges, membership, substrings, arithmetic, if and defaults', () => {
    expect(holds({ '<=': [10, v('forms.approve.discount'), 25] })).toBe(true);
    expect(holds({ '<': [0, v('forms.approve.discount'), 12] })).toBe(false);
    expect(holds({ in: ['Ltd', v('variables.client_name')] })).toBe(true);
    expect(holds({ '>': [{ '-': [v('variables.amount'), { '*': [v('variables.amount'), { '/': [v('forms.approve.discount'), 100] }] }] }, 130000] })).toBe(true);
    expect(holds({ '==': [{ if: [v('variables.vip'), 'fast', 'normal'] }, 'normal'] })).toBe(true);
    expect(holds({ '==': [v(['variables.region', 'north']), 'north'] })).toBe(true);
    expect(holds({ '==': [{ cat: [v('variables.client_category'), '-', { substr: [v('outcomes.negotiate'), 0, 3] }] }, 'gold-agr'] })).toBe(true);
    expect(holds({ '==': [{ max: [1, v('forms.approve.discount'), 3] }, 12] })).toBe(true);
  });

  it('treats values not set as null: comparisons are false, never a crash', () => {
    const empty: ConditionScope = { variables: {}, outcomes: {}, forms: {} };
    for (const op of ['<', '<=', '>', '>=']) {
      expect(holds({ [op]: [v('variables.amount'), 100] }, empty)).toBe(false);
      expect(holds({ [op]: [0, v('variables.amount')] }, empty)).toBe(false);
      expect(holds({ [op]: [v('forms.approve.discount'), 100] }, empty)).toBe(false);
    }
    expect(holds({ '<': [0, v('variables.amount'), 100] }, empty)).toBe(false);
    expect(holds({ '<': [{ if: [true, v('variables.amount'), 0] }, 100] }, empty)).toBe(false);
    expect(holds({ '<': [{ or: [v('variables.amount'), null] }, 100] }, empty)).toBe(false);
    expect(holds({ '==': [v('outcomes.legal'), 'approved'] })).toBe(false); // step not completed yet
    expect(holds({ '!=': [v('outcomes.legal'), 'approved'] })).toBe(true);
    expect(holds({ '==': [v('outcomes.legal'), null] })).toBe(true);
    expect(holds({ '==': [v('forms.approve.comment'), 0] })).toBe(false);
    expect(holds({ '==': [v('forms.nosuch.field'), false] })).toBe(false);
    expect(holds({ in: [v('variables.amount'), ['a', 'b']] }, empty)).toBe(false);
    expect(holds({ in: ['a', v('variables.client_name')] }, empty)).toBe(false);
    expect(holds({ '!': v('forms.approve.approved') }, empty)).toBe(true);
    expect(holds({ missing: ['variables.amount', 'forms.approve.discount'] }, empty)).toBe(true);
    expect(holds({ missing: ['variables.amount'] })).toBe(false);
    // A default stands in for the missing value, and then ordering applies to it.
    expect(holds({ '<': [v(['variables.amount', 0]), 100] }, empty)).toBe(true);
  });

  it('uses JsonLogic truthiness', () => {
    expect(holds({ '!!': v('variables.note') })).toBe(false); // ""
    expect(holds({ '!!': v('variables.count') })).toBe(false); // 0
    expect(holds({ '!!': '0' })).toBe(true);
    expect(holds({ '!!': [[]] })).toBe(false);
    expect(holds({ and: [v('variables.client_name'), v('variables.amount')] })).toBe(true);
    expect(holds({ '==': ['150000', v('variables.amount')] })).toBe(true);
    expect(holds({ '===': ['150000', v('variables.amount')] })).toBe(false);
  });

  it('reads only what the scope holds, not Object.prototype', () => {
    expect(holds({ '==': [v('variables.constructor'), null] })).toBe(true);
    expect(holds({ '!!': v('forms.approve.hasownproperty') })).toBe(false);
  });

  it('refuses a condition the schema refuses, before json-logic-js sees it', () => {
    const log = vi.spyOn(console, 'log');
    expect(() => holds({ log: 'x' })).toThrow('invalid condition at log: unknown operator "log"');
    expect(() => holds({ '==': [{ var: '' }, 1] })).toThrow('is not a reference');
    expect(() => holds(false as unknown as Condition)).toThrow('invalid condition at (root)');
    expect(log).not.toHaveBeenCalled();
  });
});

describe('determinism', () => {
  afterEach(() => vi.restoreAllMocks());
  const condition: Condition = {
    or: [
      { and: [{ '>=': [v('variables.amount'), 100000] }, { in: [v('outcomes.negotiate'), ['agreed', 'partly']] }] },
      { '<': [5, { '+': [v('forms.approve.discount'), 1] }, 20] },
    ],
  };

  it('gives the same answer every time, without reading the clock or randomness', () => {
    vi.spyOn(Date, 'now').mockImplementation(() => { throw new Error('clock read'); });
    vi.spyOn(Math, 'random').mockImplementation(() => { throw new Error('random read'); });
    const answers = Array.from({ length: 50 }, () => holds(condition));
    expect(new Set(answers)).toEqual(new Set([true]));
  });

  it('does not change the condition or the scope', () => {
    const frozen = structuredClone(scope);
    const deepFreeze = (o: unknown): void => {
      if (o && typeof o === 'object') Object.values(Object.freeze(o)).forEach(deepFreeze);
    };
    const c = structuredClone(condition);
    deepFreeze(frozen);
    deepFreeze(c);
    expect(holds(c, frozen)).toBe(true);
    expect(c).toEqual(condition);
  });

  it('is not affected by operators added to json-logic-js elsewhere', () => {
    jsonLogic.add_operation('now', () => Date.now());
    try {
      expect(() => holds({ '>': [{ now: [] }, 0] })).toThrow('unknown operator "now"');
    } finally {
      jsonLogic.rm_operation('now');
    }
  });
});
