// The condition schema: what a designer may write, and what is refused before publishing -
// unknown operators, code-like payloads, computed references and unbounded size.
import { describe, expect, it } from 'vitest';
import { MAX_CONDITION_DEPTH, MAX_CONDITION_NODES, conditionSchema } from './condition.ts';

const problems = (value: unknown) => conditionSchema.safeParse(value).error?.issues.map((i) => ({ path: i.path, message: i.message })) ?? [];

describe('conditionSchema accepts', () => {
  it.each([
    ['always', true],
    ['big deal agreed', { and: [{ '>': [{ var: 'variables.amount' }, 100000] }, { '==': [{ var: 'outcomes.negotiate' }, 'agreed'] }] }],
    ['category or discount', { or: [{ in: [{ var: 'variables.client_category' }, ['gold', 'platinum']] }, { '>=': [{ var: 'forms.approve.discount' }, 10] }] }],
    ['not, unary form', { '!': { var: 'forms.approve.approved' } }],
    ['range', { '<=': [10, { var: 'forms.approve.discount' }, 25] }],
    ['var default', { '>': [{ var: ['variables.amount', 0] }, 5] }],
    ['arithmetic and if', { '>': [{ '-': [{ var: 'variables.amount' }, { '*': [{ var: 'variables.amount' }, 0.1] }] }, { if: [{ var: 'variables.vip' }, 0, 1000] }] }],
    ['text', { in: ['Ltd', { cat: [{ var: 'variables.client_name' }, { substr: ['abc', 1] }] }] }],
    ['missing', { or: [{ '!': { missing: ['variables.amount', 'forms.approve.discount'] } }, { '!': { missing_some: [1, ['variables.a', 'variables.b']] } }] }],
  ])('%s', (_name, condition) => {
    expect(problems(condition)).toEqual([]);
  });
});

describe('conditionSchema refuses', () => {
  it('anything but true or an operator object at the top', () => {
    for (const bad of [false, null, 1, 'amount > 100', [], [{ '==': [1, 1] }]]) {
      expect(problems(bad)[0]?.message).toContain('a condition is an operator object');
    }
  });

  it('unknown operators, naming them and where they are', () => {
    expect(problems({ and: [true, { log: 'x' }] })).toEqual([
      { path: ['and', 1, 'log'], message: expect.stringContaining('unknown operator "log"; allowed: ==') as string },
    ]);
    for (const op of ['map', 'filter', 'reduce', 'all', 'some', 'none', 'merge', 'now', 'foo']) {
      expect(problems({ [op]: [[1], true] })[0]?.message).toContain(`unknown operator "${op}"`);
    }
  });

  it('eval-like payloads', () => {
    const payloads: unknown[] = [
      { eval: 'process.exit(1)' },
      { Function: ['return 1'] },
      { constructor: ['x'] },
      { toString: [] },
      { 'cat.constructor': ['return this'] }, // json-logic-js would walk "a.b" into its operations table
      JSON.parse('{"__proto__": {"==": [1, 1]}}'),
      JSON.parse('{"==": [1, 1], "__proto__": {"polluted": true}}'),
      { '==': [{ var: { cat: ['variables.', 'amount'] } }, 1] }, // computed path, unchecked at publish
      { '==': [{ var: '' }, 1] }, // the whole data object
      { '==': [{ var: 'variables.constructor.name' }, 'Object'] },
      { '==': [{ var: 'process.env' }, 1] },
      { '==': [new Date(0), 1] },
      { '==': [() => true, 1] },
    ];
    for (const payload of payloads) expect(problems(payload), JSON.stringify(payload)).not.toEqual([]);
  });

  it('objects with more or less than one operator', () => {
    expect(problems({ '==': [1, 1], '!=': [1, 2] })[0]?.message).toBe('an operator object has exactly one key (the operator), found 2');
    expect(problems({ and: [{}] })).toEqual([{ path: ['and', 0], message: 'an operator object has exactly one key (the operator), found 0' }]);
  });

  it('wrong argument counts', () => {
    expect(problems({ '==': [1] })).toEqual([{ path: ['=='], message: '"==" takes 2 arguments, got 1' }]);
    expect(problems({ '<': [1, 2, 3, 4] })[0]?.message).toBe('"<" takes 2 to 3 arguments, got 4');
    expect(problems({ and: [] })[0]?.message).toBe('"and" takes at least 1 argument, got 0');
    expect(problems({ '!': [true, false] })[0]?.message).toBe('"!" takes 1 argument, got 2');
    expect(problems({ if: [true, 1] })[0]?.message).toBe('"if" takes at least 3 arguments, got 2');
    expect(problems({ if: [true, 1, false, 2] })[0]?.message).toContain('odd number');
  });

  it('references that are not variables.<id>, outcomes.<step> or forms.<step>.<field>', () => {
    expect(problems({ '==': [{ var: 'amount' }, 1] })).toEqual([
      { path: ['==', 0, 'var'], message: '"amount" is not a reference like "variables.amount", "outcomes.negotiate" or "forms.approve.discount"' },
    ]);
    expect(problems({ '==': [{ var: 'forms.approve' }, 1] })).toHaveLength(1);
    expect(problems({ '==': [{ var: ['variables.a', { var: 'variables.b' }] }, 1] })[0]?.message).toBe('the default of "var" is a text, number, boolean or null');
    expect(problems({ missing: ['variables.a', 7] })).toEqual([{ path: ['missing', 1], message: expect.stringContaining('"missing" takes a reference') as string }]);
    expect(problems({ missing_some: ['one', ['variables.a']] })[0]?.message).toContain('how many');
  });

  it('conditions too deep or too large', () => {
    let deep: unknown = { var: 'variables.a' };
    for (let i = 0; i < MAX_CONDITION_DEPTH + 5; i++) deep = { '!': [deep] };
    expect(problems(deep).map((p) => p.message)).toContain(`a condition nests at most ${MAX_CONDITION_DEPTH} levels deep`);
    const wide = { or: Array.from({ length: MAX_CONDITION_NODES }, () => ({ '==': [1, 1] })) };
    expect(problems(wide)).toEqual([{ path: [], message: `a condition has at most ${MAX_CONDITION_NODES} parts` }]);
    expect(problems({ '==': ['x'.repeat(1001), 1] })[0]?.message).toBe('a text is at most 1000 characters');
  });
});
