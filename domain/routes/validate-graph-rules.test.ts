// Rules about single nodes of a route graph, each refused with the exact problem a designer
// sees: assignees, condition references, durations, waits, reminders and escalations, actions,
// sub-processes and failed endings. Structure and flow are in validate-graph.test.ts.
import { describe, expect, it } from 'vitest';
import { action, decision, directory, end, is, problemsOf, route, subprocess, task, wait } from './graph-checks/test-graphs.ts';

const vars = { owner: { type: 'text' }, pay_by: { type: 'date' }, amount: { type: 'number' } };

describe('validateGraph: assignees', () => {
  it('refuses unknown people and roles, wrong variables and manager-of a non-task, wherever a rule appears', () => {
    const draft = route([
      task('a', { assignee: { type: 'role', role: 'servise' }, next: 'b' }),
      task('b', { assignee: { type: 'person', email: 'gone@leader.example' }, due: 'P1D', next: 'c',
        escalations: [{ after: 'P1D', action: { type: 'reassign', to: { type: 'variable', variable: 'pay_by' } } }] }),
      task('c', { assignee: { type: 'variable', variable: 'client_email' }, next: 'd' }),
      action('d', { type: 'notify', to: { type: 'manager-of', step: 'e' }, message: 'Late' }, { next: 'e' }),
      end('e'),
    ], { variables: vars });
    expect(problemsOf(draft)).toEqual([
      { path: 'nodes[0].assignee.role', nodeId: 'a', message: 'no role "servise" exists' },
      { path: 'nodes[1].assignee.email', nodeId: 'b', message: 'no active employee has the e-mail gone@leader.example' },
      { path: 'nodes[1].escalations[0].action.to.variable', nodeId: 'b', message: 'the variable "pay_by" is a date, but it must be text holding an employee\'s e-mail' },
      { path: 'nodes[2].assignee.variable', nodeId: 'c', message: 'no variable "client_email" is declared; declare it as text holding an employee\'s e-mail' },
      { path: 'nodes[3].do.to.step', nodeId: 'd', message: '"e" is an end node; "manager of" needs a task, which a person completes' },
    ]);
  });
});

describe('validateGraph: conditions', () => {
  const offer = task('offer', { outcomes: [{ id: 'agreed', label: 'Agreed' }, { id: 'declined', label: 'Declined' }], form: [{ id: 'discount', label: 'Discount', type: 'number' }], next: 'pay' });
  const pay = wait('pay', { event: 'payment_received', timeout: 'P5D', next: 'd' });
  const events = { payment_received: { payload: { amount: { type: 'number' } } } };

  it('accepts references to variables, outcomes, form fields, set variables and an awaited event', () => {
    const draft = route([
      offer, pay,
      decision('d', [[{ or: [is('outcomes.offer', 'agreed'), is('outcomes.pay', 'timeout'), { '>': [{ var: 'forms.pay.amount' }, { var: 'forms.offer.discount' }] }] }, 'set']], 'set'),
      action('set', { type: 'set', variable: 'stage', value: 'won' }, { next: 'd2' }),
      decision('d2', [[is('variables.stage', 'won'), 'e']], 'e'),
      end('e'),
    ], { variables: vars, events });
    expect(problemsOf(draft)).toEqual([]);
  });

  it('refuses references the route does not have, and outcome ids a step does not offer', () => {
    const draft = route([
      offer, pay,
      decision('d', [[is('outcomes.offer', 'agred'), 'e'], [{ '>': [{ var: 'variables.amout' }, 0] }, 'e'], [is('forms.pay.sum', 1), 'e'], [is('outcomes.nobody', 'x'), 'e']], 'e'),
      end('e'),
    ], { variables: vars, events });
    expect(problemsOf(draft)).toEqual([
      { path: 'nodes[2].branches[0].when', nodeId: 'd', message: 'the condition reads "outcomes.offer": "agred" is not an outcome of step "offer"; its outcomes are "agreed", "declined"' },
      { path: 'nodes[2].branches[1].when', nodeId: 'd', message: 'the condition reads "variables.amout": unknown variable "amout"' },
      { path: 'nodes[2].branches[2].when', nodeId: 'd', message: 'the condition reads "forms.pay.sum": unknown form field "sum" of step "pay"' },
      { path: 'nodes[2].branches[3].when', nodeId: 'd', message: 'the condition reads "outcomes.nobody": no step "nobody"' },
    ]);
  });
});

describe('validateGraph: durations', () => {
  it('checks calendar and working durations everywhere, refusing zero except a reminder at the due time', () => {
    const draft = route([
      task('a', { due: 'P1M', remindBefore: ['PT0M', { working: 'P1W' }], escalations: [{ after: { working: 'PT0M' }, action: { type: 'remind' } }, { after: 'soon', action: { type: 'remind' } }], next: 'b' }),
      wait('b', { for: { working: 'PT0M' }, next: 'c' }),
      wait('c', { event: 'paid', timeout: 'P400D', next: 'd' }),
      wait('d', { until: { variable: 'pay_by', offset: { working: 'P3DT' } }, next: 'e' }),
      wait('e', { until: { variable: 'pay_by', offset: { working: 'P1DT4H' } } }),
    ], { variables: vars, events: { paid: {} } });
    expect(problemsOf(draft)).toEqual([
      { path: 'nodes[0].due', nodeId: 'a', message: '"P1M" uses months or years, whose length varies; state it in weeks, days, hours or minutes' },
      { path: 'nodes[0].remindBefore[1]', nodeId: 'a', message: '"P1W" is not a working duration such as P3D, PT8H, PT90M or P1DT4H (days, hours and minutes only)' },
      { path: 'nodes[0].escalations[0].after', nodeId: 'a', message: '"PT0M" must be longer than zero' },
      { path: 'nodes[0].escalations[1].after', nodeId: 'a', message: '"soon" is not an ISO 8601 duration such as P2D or PT4H' },
      { path: 'nodes[1].for', nodeId: 'b', message: '"PT0M" must be longer than zero' },
      { path: 'nodes[2].timeout', nodeId: 'c', message: '"P400D" is longer than a year' },
      { path: 'nodes[3].until.offset', nodeId: 'd', message: '"P3DT" is not a working duration such as P3D, PT8H, PT90M or P1DT4H (days, hours and minutes only)' },
      { path: 'nodes[4].until.offset', nodeId: 'e', message: 'an offset from a date counts whole working days, such as P3D; "P1DT4H" has hours or minutes' },
    ]);
  });
});

describe('validateGraph: waits', () => {
  it('needs exactly one thing to wait for; a timeout only with an event; a declared event; a date variable', () => {
    const draft = route([
      wait('none', { next: 'both' }),
      wait('both', { for: 'P1D', event: 'paid', next: 'timed' }),
      wait('timed', { for: 'P1D', timeout: 'P2D', onTimeout: 'e', next: 'unknown' }),
      wait('unknown', { event: 'called', onTimeout: 'e', next: 'text' }),
      wait('text', { until: { variable: 'owner' }, next: 'undeclared' }),
      wait('undeclared', { until: { variable: 'due_on' }, next: 'e' }),
      end('e'),
    ], { variables: vars, events: { paid: {} } });
    expect(problemsOf(draft)).toEqual([
      { path: 'nodes[0]', nodeId: 'none', message: 'a wait needs exactly one of "for" (a duration), "until" (a date in a variable) or "event" (an outside event); this one says nothing to wait for' },
      { path: 'nodes[1]', nodeId: 'both', message: 'a wait needs exactly one of "for" (a duration), "until" (a date in a variable) or "event" (an outside event); this one has "for" and "event"' },
      { path: 'nodes[2].timeout', nodeId: 'timed', message: '"timeout" only applies to a wait for an event' },
      { path: 'nodes[2].onTimeout', nodeId: 'timed', message: '"onTimeout" only applies to a wait for an event' },
      { path: 'nodes[3].event', nodeId: 'unknown', message: 'no event "called" is declared in "events"' },
      { path: 'nodes[3].onTimeout', nodeId: 'unknown', message: 'this wait has no "timeout", so "onTimeout" would never be taken' },
      { path: 'nodes[4].until.variable', nodeId: 'text', message: 'the variable "owner" is text, but waiting until needs a date' },
      { path: 'nodes[5].until.variable', nodeId: 'undeclared', message: 'no variable "due_on" is declared; declare it as a date' },
    ]);
  });
});

describe('validateGraph: tasks, decisions, actions, sub-processes and ends', () => {
  it('needs a due time for reminders and escalations, and distinct outcome and field ids', () => {
    const draft = route([task('a', {
      remindBefore: ['PT1H'], escalations: [{ after: 'PT1H', action: { type: 'notify-manager' } }],
      outcomes: [{ id: 'ok', label: 'OK' }, { id: 'ok', label: 'Fine' }], form: [{ id: 'x', label: 'X', type: 'text' }, { id: 'x', label: 'X2', type: 'text' }],
    })]);
    expect(problemsOf(draft)).toEqual([
      { path: 'nodes[0].remindBefore', nodeId: 'a', message: 'reminders are counted back from the due time, so this task needs "due"' },
      { path: 'nodes[0].escalations', nodeId: 'a', message: 'escalations start from the due time, so this task needs "due"' },
      { path: 'nodes[0].outcomes', nodeId: 'a', message: 'outcome id "ok" appears more than once' },
      { path: 'nodes[0].form', nodeId: 'a', message: 'form field id "x" appears more than once' },
    ]);
  });

  it('names only the task\'s own outcomes in "requiredFor", and not with "required"', () => {
    const draft = route([task('a', {
      outcomes: [{ id: 'ok', label: 'OK' }, { id: 'no', label: 'No' }],
      form: [
        { id: 'why', label: 'Why', type: 'text', requiredFor: ['no', 'maybe'] },
        { id: 'note', label: 'Note', type: 'text', required: true, requiredFor: ['ok'] },
      ],
      next: 'b',
    }), task('b', { form: [{ id: 'x', label: 'X', type: 'text', requiredFor: ['ok'] }] })]);
    expect(problemsOf(draft)).toEqual([
      { path: 'nodes[0].form[0].requiredFor', nodeId: 'a', message: '"why" is required for "maybe", which is not an outcome of this task; its outcomes are ok, no' },
      { path: 'nodes[0].form[1].requiredFor', nodeId: 'a', message: '"note" is required always, so "requiredFor" says nothing; drop one of them' },
      { path: 'nodes[1].form[0].requiredFor', nodeId: 'b', message: '"x" is required for outcomes, but this task has none' },
    ]);
  });

  it('needs a default on every decision', () => {
    expect(problemsOf(route([decision('d', [[true, 'e']]), end('e')]))).toEqual([
      { path: 'nodes[0].otherwise', nodeId: 'd', message: 'when no branch applies the case would have nowhere to go: add "otherwise", the default next step' },
    ]);
  });

  it('copies values only from references the route has', () => {
    const draft = route([
      action('a', { type: 'set', variable: 'x', value: { from: 'outcomes.b' } }, { next: 'b' }),
      task('b', { next: 's' }),
      subprocess('s', 'installation-handoff', { inputs: { contract_no: { from: 'variables.contract' }, install_by: { from: 'deal.date' }, note: 'literal' } }),
    ]);
    expect(problemsOf(draft)).toEqual([
      { path: 'nodes[0].do.value.from', nodeId: 'a', message: 'copies from "outcomes.b": step "b" has no outcome list' },
      { path: 'nodes[2].inputs.contract_no.from', nodeId: 's', message: 'copies from "variables.contract": unknown variable "contract"' },
      { path: 'nodes[2].inputs.install_by.from', nodeId: 's', message: 'copies from "deal.date": not a reference to variables.<id>, outcomes.<step> or forms.<step>.<field>' },
    ]);
  });

  it('runs only other, published routes as sub-processes', () => {
    const draft = route([subprocess('a', 'complaint', { next: 'b' }), subprocess('b', 'deal')]);
    expect(problemsOf(draft)).toEqual([
      { path: 'nodes[0].route', nodeId: 'a', message: 'no published route has the key "complaint"; publish it first' },
      { path: 'nodes[1].route', nodeId: 'b', message: 'a route cannot run itself as a sub-process' },
    ]);
    expect(problemsOf(route([subprocess('a', 'deal')]), { ...directory, ownKey: 'other' })).toEqual([]);
  });

  it('needs a reason on an unsuccessful end', () => {
    expect(problemsOf(route([end('lost', { result: 'failure' })]))).toEqual([
      { path: 'nodes[0].reason', nodeId: 'lost', message: 'an unsuccessful ending should say why: add a "reason"' },
    ]);
  });
});
