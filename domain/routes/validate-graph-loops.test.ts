// Loops that never stop to wait: a loop must pass through a task, a wait or a sub-process (or a
// join that waits for one), or a case would spin through it without end. Each row is a route and
// the problems the designer sees; none when the loop holds somewhere.
import { describe, expect, it } from 'vitest';
import type { FieldProblem } from '../errors.ts';
import { action, decision, end, is, join, parallel, problemsOf, route, subprocess, task, wait, type Draft } from './graph-checks/test-graphs.ts';

const set = (id: string, next: string) => action(id, { type: 'set', variable: 'stage', value: 'again' }, { next });
const again = is('variables.stage', 'again');
const spin = (path: string, nodeId: string, what: string): FieldProblem => ({ path, nodeId, message: `${what} with no task, wait or sub-process: it would spin without end` });

/** A route with the variable `stage` that the decisions read. */
const withStage = (nodes: Draft[], extra: Draft = {}) => route(nodes, { ...extra, variables: { stage: { type: 'text' }, ...(extra.variables as Draft | undefined) } });
/** `check` decides whether to go round again through `body`, which leads back to `check`. */
const loopThrough = (body: Draft[], extra: Draft = {}) => withStage([decision('check', [[again, body[0]?.id as string]], 'done'), ...body, end('done')], extra);

const rows: { name: string; draft: Draft; problems: FieldProblem[] }[] = [
  {
    name: 'a decision that leads straight back to itself',
    draft: withStage([decision('check', [[again, 'done']], 'check'), end('done')]),
    problems: [spin('nodes[0]', 'check', '"check" leads straight back to itself')],
  },
  {
    name: 'a decision and a set action (the loop from the issue)',
    draft: loopThrough([set('bump', 'check')]),
    problems: [spin('nodes[0]', 'check', 'nodes "check" and "bump" form a loop')],
  },
  {
    name: 'a notify and a create-task action: a follow-up task does not hold up the path',
    draft: loopThrough([
      action('tell', { type: 'notify', to: { type: 'starter' }, message: 'Again' }, { next: 'follow-up' }),
      action('follow-up', { type: 'create-task', name: 'Call back', assignee: { type: 'starter' } }, { next: 'check' }),
    ]),
    problems: [spin('nodes[0]', 'check', 'nodes "check", "tell" and "follow-up" form a loop')],
  },
  {
    name: 'a parallel split of actions and its join',
    draft: loopThrough([parallel('split', ['a', 'b'], 'meet'), set('a', 'meet'), set('b', 'meet'), join('meet', { next: 'check' })]),
    problems: [spin('nodes[0]', 'check', 'nodes "check", "split", "a", "b" and "meet" form a loop')],
  },
  {
    name: 'a join that waits for the first branch while one branch is only an action',
    draft: loopThrough([parallel('split', ['a', 'b'], 'meet'), task('a', { next: 'meet' }), set('b', 'meet'), join('meet', { mode: 'first', next: 'check' })]),
    problems: [spin('nodes[0]', 'check', 'nodes "check", "split", "b" and "meet" form a loop')],
  },
  {
    name: 'a join waiting for 2 of 3 branches, two of them only actions',
    draft: loopThrough([parallel('split', ['a', 'b', 'c'], 'meet'), task('a', { next: 'meet' }), set('b', 'meet'), set('c', 'meet'), join('meet', { mode: 'n', count: 2, next: 'check' })]),
    problems: [spin('nodes[0]', 'check', 'nodes "check", "split", "b", "c" and "meet" form a loop')],
  },
  {
    name: 'nested splits of actions',
    draft: loopThrough([
      parallel('outer', ['inner', 'c'], 'outer-meet'), parallel('inner', ['a', 'b'], 'inner-meet'),
      set('a', 'inner-meet'), set('b', 'inner-meet'), join('inner-meet', { next: 'outer-meet' }), set('c', 'outer-meet'), join('outer-meet', { next: 'check' }),
    ]),
    problems: [spin('nodes[0]', 'check', 'nodes "check", "outer", "inner", "a", "b", "inner-meet", "c" and "outer-meet" form a loop')],
  },
  {
    name: 'a spinning loop inside a loop that has a task: the inner one is refused',
    draft: withStage([task('call', { next: 'check' }), decision('check', [[again, 'bump'], [is('variables.stage', 'call'), 'call']], 'done'), set('bump', 'check'), end('done')]),
    problems: [spin('nodes[1]', 'check', 'nodes "check" and "bump" form a loop')],
  },
  {
    name: 'a spinning loop with no way out: refused once, as a loop with no way out',
    draft: withStage([task('a', { next: 'check' }), decision('check', [[again, 'bump']], 'bump'), set('bump', 'check')]),
    problems: [{ path: 'nodes[1]', nodeId: 'check', message: 'the loop through "check" and "bump" has no way out: nothing in it leads on to an end, so a case would never finish' }],
  },
  { name: 'a loop with a task', draft: loopThrough([task('call', { next: 'check' })]), problems: [] },
  { name: 'a loop with a wait for a time', draft: loopThrough([wait('pause', { for: 'P1D', next: 'check' })]), problems: [] },
  {
    name: 'a loop with a wait for an event with a timeout',
    draft: loopThrough([wait('pay', { event: 'paid', timeout: 'P5D', next: 'check' })], { events: { paid: {} } }),
    problems: [],
  },
  {
    name: 'a loop with a wait until a date',
    draft: loopThrough([wait('remind', { until: { variable: 'due' }, next: 'check' })], { variables: { due: { type: 'date' } } }),
    problems: [],
  },
  { name: 'a loop with a sub-process', draft: loopThrough([subprocess('handoff', 'installation-handoff', { next: 'check' })]), problems: [] },
  {
    name: 'a join that waits for all branches, one of them a task',
    draft: loopThrough([parallel('split', ['a', 'b'], 'meet'), task('a', { next: 'meet' }), set('b', 'meet'), join('meet', { next: 'check' })]),
    problems: [],
  },
  {
    name: 'a join waiting for 3 of 3 branches, one of them a task',
    draft: loopThrough([parallel('split', ['a', 'b', 'c'], 'meet'), task('a', { next: 'meet' }), set('b', 'meet'), set('c', 'meet'), join('meet', { mode: 'n', count: 3, next: 'check' })]),
    problems: [],
  },
];

describe('validateGraph: loops that never wait', () => {
  it.each(rows)('$name', ({ draft, problems }) => {
    expect(problemsOf(draft)).toEqual(problems);
  });
});
