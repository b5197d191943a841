// What a designer sees when a route graph (language v1) is wrong: every problem at once, each
// with its path, its node and a message they can act on. Here: the valid route using every node
// kind, shape, structure, reachability, parallel splits and joins, and loops. Rules about single
// nodes (assignees, conditions, durations, waits...) are in validate-graph-rules.test.ts.
import { describe, expect, it } from 'vitest';
import { action, decision, directory, end, is, join, parallel, problemsOf, route, subprocess, task, wait } from './graph-checks/test-graphs.ts';
import { validateGraph } from './validate-graph.ts';

const everyKind = route(
  [
    task('qualify', {
      assignee: { type: 'variable', variable: 'owner' }, due: { working: 'P1D' }, remindBefore: ['PT2H', 'PT10M'],
      escalations: [{ after: 'PT1M', action: { type: 'notify-manager' } }, { after: { working: 'P1D' }, action: { type: 'reassign', to: { type: 'person', email: 'sales.head@leader.example' } } }],
      outcomes: [{ id: 'go', label: 'Go on' }, { id: 'stop', label: 'Client declined' }], next: 'check',
    }),
    decision('check', [[{ and: [is('outcomes.qualify', 'go'), { '>': [{ var: 'variables.amount' }, 0] }] }, 'split']], 'lost'),
    parallel('split', ['legal', 'docs'], 'both'),
    task('legal', { assignee: { type: 'role', role: 'legal', pick: 'round-robin' }, form: [{ id: 'signed_on', label: 'Signed on', type: 'date' }], next: 'both' }),
    action('docs', { type: 'notify', to: { type: 'manager-of', step: 'qualify' }, message: 'Prepare the documents' }, { next: 'both' }),
    join('both', { next: 'stage' }),
    action('stage', { type: 'set', variable: 'signed_on', value: { from: 'forms.legal.signed_on' } }, { next: 'handoff' }),
    subprocess('handoff', 'installation-handoff', { inputs: { contract_no: { from: 'variables.owner' } }, outputs: { installed_on: 'install_date' }, next: 'pay' }),
    wait('pay', { event: 'payment_received', timeout: { working: 'P5D' }, onTimeout: 'chase', next: 'paid' }),
    task('chase', { assignee: { type: 'starter' }, next: 'pay' }),
    decision('paid', [[{ '>=': [{ var: 'forms.pay.amount' }, { var: 'variables.amount' }] }, 'pause']], 'pause'),
    wait('pause', { for: 'P1D', next: 'before-due' }),
    wait('before-due', { until: { variable: 'pay_by', offset: { working: 'P3D' } }, next: 'won' }),
    end('won'),
    end('lost', { result: 'failure', reason: 'The client declined' }),
  ],
  {
    variables: { owner: { type: 'text' }, amount: { type: 'number' }, pay_by: { type: 'date' } },
    events: { payment_received: { payload: { amount: { type: 'number' } } } },
  },
);

describe('validateGraph: a valid route', () => {
  it('accepts a route that uses every node kind, and fills defaults', () => {
    const result = validateGraph(everyKind, directory);
    expect(result.ok ? [] : result.problems).toEqual([]);
    if (!result.ok) return;
    expect(result.definition.nodes.find((n) => n.id === 'legal')).toMatchObject({ priority: 'normal', remindBefore: [], escalations: [] });
    expect(result.definition.nodes.find((n) => n.id === 'both')).toMatchObject({ mode: 'all' });
  });
});

describe('validateGraph: shape', () => {
  it('maps schema problems to paths and the node they are in', () => {
    const draft = route([task('a', { due: 5, next: 'b' }), { id: 'b', kind: 'teleport' }, task('c', { due: { working: 3 } }), { kind: 'end' }]);
    expect(problemsOf(draft)).toEqual([
      { path: 'nodes[0].due', nodeId: 'a', message: 'expected text or an object' },
      { path: 'nodes[1].kind', nodeId: 'b', message: expect.stringContaining("Expected 'task' | 'decision'") as string },
      { path: 'nodes[2].due.working', nodeId: 'c', message: 'Invalid input: expected string, received number' },
      { path: 'nodes[3].id', message: expect.stringContaining('expected string') as string },
    ]);
  });

  it('refuses a condition that reads something other than a reference', () => {
    expect(problemsOf(route([decision('d', [[is('amount', 1), 'e']], 'e'), end('e')]))).toEqual([
      { path: 'nodes[0].branches[0].when.==[0].var', nodeId: 'd', message: expect.stringContaining('"amount" is not a reference') as string },
    ]);
  });
});

describe('validateGraph: structure', () => {
  it('refuses duplicate node ids', () => {
    expect(problemsOf(route([task('a', { next: 'b' }), end('b'), end('a')]))).toEqual([
      { path: 'nodes[2].id', nodeId: 'a', message: 'node id "a" is used by an earlier node' },
    ]);
  });

  it('refuses a start that names no node', () => {
    expect(problemsOf(route([end('a')], { start: 'begin' }))).toEqual([{ path: 'start', message: 'the route starts at "begin", but no node has that id' }]);
  });

  it('reports every edge that leads nowhere, whatever field it is in', () => {
    const draft = route([
      decision('d', [[true, 'w'], [true, 'nowhere']], 'gone'),
      wait('w', { event: 'paid', timeout: 'P1D', onTimeout: 'lost', next: 'p' }),
      parallel('p', ['t', 'missing'], 'nojoin'),
      task('t', { next: 'ghost' }),
    ], { events: { paid: {} } });
    expect(problemsOf(draft)).toEqual([
      { path: 'nodes[0].branches[1].next', nodeId: 'd', message: 'leads to "nowhere", but no node has that id' },
      { path: 'nodes[0].otherwise', nodeId: 'd', message: 'leads to "gone", but no node has that id' },
      { path: 'nodes[1].onTimeout', nodeId: 'w', message: 'leads to "lost", but no node has that id' },
      { path: 'nodes[2].branches[1]', nodeId: 'p', message: 'leads to "missing", but no node has that id' },
      { path: 'nodes[2].join', nodeId: 'p', message: 'the branches should meet at "nojoin", but no node has that id' },
      { path: 'nodes[3].next', nodeId: 't', message: 'leads to "ghost", but no node has that id' },
    ]);
  });
});

describe('validateGraph: reachability and loops', () => {
  it('refuses a node no path from the start leads to', () => {
    expect(problemsOf(route([task('a'), task('orphan', { next: 'a' })]))).toEqual([
      { path: 'nodes[1]', nodeId: 'orphan', message: 'no path from the start leads to "orphan", so it would never run' },
    ]);
  });

  it('refuses a loop with no way out, and accepts one a person can leave', () => {
    const trapped = route([task('a', { next: 'b' }), task('b', { next: 'c' }), action('c', { type: 'set', variable: 'x', value: 1 }, { next: 'b' })]);
    expect(problemsOf(trapped)).toEqual([
      { path: 'nodes[1]', nodeId: 'b', message: 'the loop through "b" and "c" has no way out: nothing in it leads on to an end, so a case would never finish' },
    ]);
    const self = route([wait('w', { for: 'P1D', next: 'w' })]);
    expect(problemsOf(self)).toEqual([
      { path: 'nodes[0]', nodeId: 'w', message: '"w" leads only back to itself: nothing in it leads on to an end, so a case would never finish' },
    ]);
    const proposal = route([
      task('propose', { next: 'answer' }),
      task('answer', { outcomes: [{ id: 'again', label: 'New proposal' }, { id: 'yes', label: 'Accepted' }], next: 'd' }),
      decision('d', [[is('outcomes.answer', 'again'), 'propose']], 'done'),
      end('done'),
    ]);
    expect(problemsOf(proposal)).toEqual([]);
  });
});

describe('validateGraph: parallel splits and joins', () => {
  const split = (branches: string[], joinNode: Record<string, unknown>, rest: Record<string, unknown>[]) =>
    route([parallel('p', branches, 'j'), ...rest, joinNode, end('done')]);

  it('refuses a split whose join is not a join node', () => {
    expect(problemsOf(route([parallel('p', ['a', 'b'], 'a'), task('a'), task('b', { next: 'a' })]))).toEqual([
      { path: 'nodes[0].join', nodeId: 'p', message: 'the branches should meet at a join node, but "a" is a task node' },
    ]);
  });

  it('refuses a branch that never reaches the join', () => {
    expect(problemsOf(split(['a', 'b'], join('j', { mode: 'first', next: 'done' }), [task('a', { next: 'j' }), task('b', { next: 'done' })]))).toEqual([
      { path: 'nodes[0].branches[1]', nodeId: 'p', message: 'the branch starting at "b" never reaches the join "j"; every branch must lead there' },
    ]);
  });

  it('refuses a join that waits for all while a branch can end the case first', () => {
    const draft = split(['a', 'b'], join('j', { next: 'done' }), [
      task('a', { next: 'j' }), task('b', { outcomes: [{ id: 'ok', label: 'OK' }, { id: 'no', label: 'No' }], next: 'd' }),
      decision('d', [[is('outcomes.b', 'no'), 'fail']], 'j'), end('fail', { result: 'failure', reason: 'Refused' }),
    ]);
    expect(problemsOf(draft)).toEqual([
      {
        path: 'nodes[0].branches[1]', nodeId: 'p',
        message: 'the join "j" waits for every branch, but the branch starting at "b" can end at "fail" before arriving, so the join would never fire; end the case after the join, or let the join wait for the first branch',
      },
    ]);
  });

  it('checks the count of a join that waits for n branches', () => {
    const branches = [task('a', { next: 'j' }), task('b', { next: 'j' })];
    expect(problemsOf(split(['a', 'b'], join('j', { mode: 'n', next: 'done' }), branches))).toEqual([
      { path: 'nodes[3].count', nodeId: 'j', message: 'a join with mode "n" needs "count": how many branches to wait for' },
    ]);
    expect(problemsOf(split(['a', 'b'], join('j', { mode: 'n', count: 3, next: 'done' }), branches))).toEqual([
      { path: 'nodes[3].count', nodeId: 'j', message: 'waits for 3 branches, but the split "p" has only 2, so the join would never fire' },
    ]);
    expect(problemsOf(split(['a', 'b'], join('j', { count: 1, next: 'done' }), branches))).toEqual([
      { path: 'nodes[3].count', nodeId: 'j', message: '"count" is only used when the join\'s mode is "n"' },
    ]);
    expect(problemsOf(split(['a', 'b'], join('j', { mode: 'n', count: 2, next: 'done' }), branches))).toEqual([]);
  });

  it('refuses a join that is the meeting point of no split', () => {
    expect(problemsOf(route([task('a', { next: 'j' }), join('j')]))).toEqual([
      { path: 'nodes[1]', nodeId: 'j', message: 'the join "j" would never fire: no parallel split names it as its join' },
    ]);
  });
});
