// Graph routes (language v1) the race and kill tests publish: each puts two things that change
// a case's open work close together - a join and a step opening, an end node and a step opening -
// and a plain chain of steps for killing the worker under.
import { demoEmail } from '../db/demo-data.ts';

const person = (key: string) => ({ type: 'person', email: demoEmail(key) });

/** Branch A has two steps, branch B one; the first branch at the join withdraws the other's step. */
export const firstJoinRoute = () => ({
  language: 'route/v1',
  name: 'Race: first answer while the other branch opens its next step',
  start: 'split',
  nodes: [
    { id: 'split', kind: 'parallel', branches: ['a1', 'b1'], join: 'first' },
    { id: 'a1', kind: 'task', name: 'A1', assignee: person('seller1'), next: 'a2' },
    { id: 'a2', kind: 'task', name: 'A2', assignee: person('seller1'), next: 'first' },
    { id: 'b1', kind: 'task', name: 'B1', assignee: person('seller2'), next: 'first' },
    { id: 'first', kind: 'join', mode: 'first', next: 'final' },
    { id: 'final', kind: 'task', name: 'Final', assignee: person('seller3') },
  ],
});

/** Three steps in a row: cancelled while the first one's completion opens the second. */
export const chainRoute = (steps = 3) => ({
  language: 'route/v1',
  name: `Chain of ${steps} steps`,
  start: 't1',
  nodes: Array.from({ length: steps }, (_, i) => ({
    id: `t${i + 1}`,
    kind: 'task',
    name: `Step ${i + 1}`,
    assignee: person('seller1'),
    ...(i + 1 < steps ? { next: `t${i + 2}` } : {}),
  })),
});

/**
 * Branch A ends the whole case when its step is completed with "stop"; branch B opens its
 * second step at the same moment. The join waits for both branches ("n" of 2), so the end node
 * is the only way the case ends early.
 */
export const endWhileOpeningRoute = () => ({
  language: 'route/v1',
  name: 'Race: an end node on one branch while the other opens a step',
  start: 'split',
  nodes: [
    { id: 'split', kind: 'parallel', branches: ['ta', 'tb1'], join: 'both' },
    {
      id: 'ta',
      kind: 'task',
      name: 'TA',
      assignee: person('seller1'),
      outcomes: [
        { id: 'stop', label: 'Stop the case' },
        { id: 'go', label: 'Go on' },
      ],
      next: 'stop-or-go',
    },
    { id: 'stop-or-go', kind: 'decision', branches: [{ when: { '==': [{ var: 'outcomes.ta' }, 'stop'] }, next: 'stopped' }], otherwise: 'both' },
    { id: 'stopped', kind: 'end', result: 'success' },
    { id: 'tb1', kind: 'task', name: 'TB1', assignee: person('seller2'), next: 'tb2' },
    { id: 'tb2', kind: 'task', name: 'TB2', assignee: person('seller2'), next: 'both' },
    { id: 'both', kind: 'join', mode: 'n', count: 2, next: 'done' },
    { id: 'done', kind: 'end', result: 'success' },
  ],
});
