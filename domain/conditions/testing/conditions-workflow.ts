// A workflow for tests only: it shows that evaluateCondition and json-logic-js bundle with
// webpack and run inside Temporal's deterministic workflow sandbox, as the route interpreter will.
import type { Condition } from '../condition.ts';
import { evaluateCondition, type ConditionScope } from '../evaluate.ts';

export function evaluateConditions(cases: { condition: Condition; scope: ConditionScope }[]): Promise<boolean[]> {
  return Promise.resolve(cases.map((c) => evaluateCondition(c.condition, c.scope)));
}
