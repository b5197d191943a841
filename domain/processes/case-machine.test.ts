// The interpreter as a pure state machine: what a case does at each step, without Temporal or a
// database. The workflow and the API tests run the same machine end to end.
import { describe, expect, it } from 'vitest';
import { buildRussianCalendar } from '../calendar/russian-calendar.ts';
import type { RouteGraph } from '../routes/graph-schema.ts';
import { routeGraphSchema } from '../routes/graph-schema.ts';
import { CaseMachine, REFUSALS, Refusal, type ActingEmployee } from './case-machine.ts';
import type { CaseState, Effect } from './case-state.ts';
import type { ProcessInput } from './process-input.ts';

const SELLER = 'seller-1';
const ENGINEER = 'engineer-1';
const seller: ActingEmployee = { employeeId: SELLER, roles: ['sales'] };
const engineer: ActingEmployee = { employeeId: ENGINEER, roles: ['service'] };

function graph(nodes: unknown[], start = 'a'): RouteGraph {
  return routeGraphSchema.parse({ language: 'route/v1', name: 'Test', start, nodes });
}
const task = (id: string, next?: string, extra: Record<string, unknown> = {}) => ({ id, kind: 'task', name: `Task ${id}`, assignee: { type: 'person', email: 'seller1@leader.example' }, ...(next ? { next } : {}), ...extra });

function machine(g: RouteGraph, over: Partial<ProcessInput> = {}) {
  let ids = 0;
  let now = Date.parse('2026-11-24T09:00:00Z');
  const input: ProcessInput = { processId: 'p1', route: { id: 'r', key: 'k', versionId: 'v', version: 1 }, definition: g, subject: 'Pavilion 12', variables: {}, startedBy: SELLER, ...over };
  const m = new CaseMachine(input, { now: () => new Date(now), newId: () => `id-${++ids}` });
  return { m, input, advance: (ms: number) => void (now += ms) };
}

/** Opens give the step to the seller, as apply-transition would report. */
function settle(m: CaseMachine): Effect[] {
  const { effects } = m.takeJournal();
  const opened = Object.fromEntries(effects.filter((e) => e.type === 'open').map((e) => [e.assignmentId, { assigneeId: SELLER, roleCode: null }]));
  m.applyResult({ opened, escalated: {}, children: {} });
  return effects;
}
const types = (effects: Effect[]) => effects.map((e) => (e.type === 'event' ? `event:${e.event}` : e.type));
const openId = (m: CaseMachine, stepId: string) => m.state.open.find((s) => s.stepId === stepId)!.assignmentId;

describe('a linear route', () => {
  it('opens the first step, moves on when it is completed, and ends after the last', () => {
    const { m } = machine(graph([task('a', 'b'), task('b')]));
    m.begin();
    expect(types(settle(m))).toEqual(['event:process.started', 'open', 'current']);
    const done = m.complete({ assignmentId: openId(m, 'a'), actor: seller });
    expect(done.opened).toEqual([openId(m, 'b')]);
    expect(types(settle(m))).toEqual(['complete', 'event:step.completed', 'open', 'current']);
    m.complete({ assignmentId: openId(m, 'b'), actor: seller });
    const last = settle(m);
    expect(types(last)).toEqual(['complete', 'event:step.completed', 'close']);
    expect(m.ended).toMatchObject({ status: 'completed', outcome: 'success' });
  });

  it('refuses the wrong person, bad data, a second completion and unknown steps, and changes nothing', () => {
    const { m } = machine(graph([task('a', undefined, { outcomes: [{ id: 'ok', label: 'OK' }] })]));
    m.begin();
    settle(m);
    const id = openId(m, 'a');
    const refused = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        return err instanceof Refusal ? err.type : String(err);
      }
      return 'accepted';
    };
    expect(refused(() => m.complete({ assignmentId: id, actor: engineer, outcome: 'ok' }))).toBe(REFUSALS.forbidden);
    expect(refused(() => m.complete({ assignmentId: id, actor: seller, outcome: 'maybe' }))).toBe(REFUSALS.invalid);
    expect(refused(() => m.complete({ assignmentId: 'nope', actor: seller, outcome: 'ok' }))).toBe(REFUSALS.notFound);
    expect(m.pendingEffects).toBe(0);
    m.complete({ assignmentId: id, actor: seller, outcome: 'ok' });
    expect(refused(() => m.complete({ assignmentId: id, actor: seller, outcome: 'ok' }))).toBe(REFUSALS.conflict);
  });

  it('lets a step that is still being opened be completed by anyone the validator cannot yet judge', () => {
    const { m } = machine(graph([task('a')]));
    m.begin();
    m.takeJournal(); // the batch is in flight: nobody is known to hold the step yet
    expect(() => m.checkComplete({ assignmentId: openId(m, 'a'), actor: engineer })).not.toThrow();
  });
});

describe('parallel branches', () => {
  const g = graph(
    [
      { id: 'split', kind: 'parallel', branches: ['a1', 'b1'], join: 'join' },
      task('a1', 'a2', { due: 'P1D', escalations: [{ after: 'PT1H', action: { type: 'notify-manager' } }] }),
      task('a2', 'join'),
      task('b1', 'join'),
      { id: 'join', kind: 'join', mode: 'first', next: 'after' },
      task('after'),
    ],
    'split',
  );

  it('withdraws the other branch\'s open step and its ladder when the first branch arrives', () => {
    const { m } = machine(g);
    m.begin();
    settle(m);
    expect(m.state.timers.map((t) => t.label)).toEqual(['escalation: notify-manager']);
    m.complete({ assignmentId: openId(m, 'b1'), actor: seller });
    const effects = settle(m);
    expect(types(effects)).toEqual(['complete', 'event:step.completed', 'withdraw', 'event:step.withdrawn', 'event:join.passed', 'open', 'current']);
    expect(m.state.open.map((s) => s.stepId)).toEqual(['after']);
    expect(m.state.timers).toEqual([]);
    expect(m.state.tokens).toHaveLength(1);
  });

  it('refuses a late completion of the withdrawn step as a conflict, before its row says so', () => {
    const { m } = machine(g);
    m.begin();
    settle(m);
    const a1 = openId(m, 'a1');
    m.complete({ assignmentId: openId(m, 'b1'), actor: seller });
    // The withdrawal is still in the journal: the inbox row of A1 reads "open" until it is applied.
    const late = (() => {
      try {
        m.checkComplete({ assignmentId: a1, actor: seller });
      } catch (err) {
        return err instanceof Refusal ? err.type : String(err);
      }
      return 'accepted';
    })();
    expect(late).toBe(REFUSALS.conflict);
  });
});

describe('bounded cases', () => {
  it('fails a case that loops without waiting for anyone, naming the node', () => {
    const { m } = machine(
      graph([
        { id: 'a', kind: 'action', do: { type: 'set', variable: 'n', value: 1 }, next: 'check' },
        { id: 'check', kind: 'decision', branches: [{ when: { '==': [1, 1] }, next: 'a' }], otherwise: 'a' },
      ]),
      { limits: { maxVisits: 50, maxDepth: 5, historyEvents: 20_000 } },
    );
    m.begin();
    expect(m.ended).toMatchObject({ status: 'failed' });
    expect(m.ended?.reason).toMatch(/passed 50 nodes without waiting .*"(a|check)".*loops without end/);
    expect(types(settle(m)).at(-1)).toBe('close');
  });

  it('fails a sub-process nested deeper than the limit', () => {
    const { m } = machine(graph([{ id: 'a', kind: 'subprocess', route: 'other', next: 'b' }, task('b')]), { depth: 3, limits: { maxVisits: 1000, maxDepth: 3, historyEvents: 20_000 } });
    m.begin();
    expect(m.ended?.reason).toContain('nest deeper than 3 levels at "a"');
  });

  it('continues from its carried state exactly where it stood', () => {
    const g = graph([task('a', 'b', { due: 'PT8H', remindBefore: ['PT1H'] }), task('b')]);
    const first = machine(g);
    first.m.begin();
    settle(first.m);
    // What continue-as-new carries goes through JSON, like any workflow input.
    const carried = JSON.parse(JSON.stringify(first.m.state)) as CaseState;
    const second = machine(g, { resume: carried });
    expect(second.m.view()).toEqual(first.m.view());
    second.m.complete({ assignmentId: openId(second.m, 'a'), actor: seller });
    expect(second.m.state.open.map((s) => s.stepId)).toEqual(['b']);
    expect(second.m.state.timers).toEqual([]);
  });
});

describe('timers and events', () => {
  it('lists every rung of a ladder and escalates rung by rung', () => {
    const { m } = machine(
      graph([
        task('a', undefined, {
          due: 'PT8H',
          remindBefore: ['PT2H'],
          escalations: [
            { after: 'PT4H', action: { type: 'notify-manager' } },
            { after: 'PT8H', action: { type: 'raise-priority', to: 'urgent' } },
          ],
        }),
      ]),
    );
    m.begin();
    settle(m);
    expect(m.view().timers.map((t) => [t.label, t.at])).toEqual([
      ['reminder', '2026-11-24T15:00:00.000Z'],
      ['escalation: notify-manager', '2026-11-24T21:00:00.000Z'],
      ['escalation: raise-priority', '2026-11-25T01:00:00.000Z'],
    ]);
    for (const t of [...m.state.timers]) m.timerFired(t.id);
    const escalations = settle(m).filter((e) => e.type === 'escalate');
    expect(escalations.map((e) => (e.type === 'escalate' ? [e.kind, e.level, e.action.type] : []))).toEqual([
      ['reminder', 0, 'remind'],
      ['escalation', 1, 'notify-manager'],
      ['escalation', 2, 'raise-priority'],
    ]);
    expect(m.state.open[0]!.priority).toBe('urgent');
  });

  it('warns the manager once, warnBefore ahead of the due time, on the working calendar', () => {
    // Friday 2026-11-20 15:00 Moscow: due in one working day = Monday 18:00; warned 4 working
    // hours earlier = Monday 14:00 Moscow (11:00 UTC), after the lunch break, not on the weekend.
    const g = { ...graph([task('a', undefined, { due: { working: 'P1D' }, warnBefore: { working: 'PT4H' }, remindBefore: ['PT1H'] })]), calendar: buildRussianCalendar({ years: [2026, 2027] }) };
    const { m, advance } = machine(g);
    advance(Date.parse('2026-11-20T12:00:00Z') - Date.parse('2026-11-24T09:00:00Z'));
    m.begin();
    settle(m);
    expect(m.view().timers.map((t) => [t.label, t.at])).toEqual([
      ['reminder', '2026-11-23T14:00:00.000Z'],
      ['warning', '2026-11-23T11:00:00.000Z'],
    ].sort((a, b) => a[1]!.localeCompare(b[1]!)));
    const warning = m.state.timers.find((t) => t.kind === 'warning')!;
    advance(Date.parse(warning.at) - Date.parse('2026-11-20T12:00:00Z'));
    m.timerFired(warning.id);
    m.timerFired(warning.id); // a second firing of the same timer is nothing
    const warned = settle(m).filter((e) => e.type === 'warn');
    expect(warned).toEqual([
      { type: 'warn', key: 'process-p1:step.at-risk:id-2', assignmentId: 'id-2', stepId: 'a', dueAt: '2026-11-23T15:00:00.000Z', at: '2026-11-23T11:00:00.000Z', timeZone: 'Europe/Moscow' },
    ]);
    expect(m.view().timers.map((t) => t.label)).toEqual(['reminder']);
  });

  it('drops the warning with the step when the step is completed before it', () => {
    const { m } = machine(graph([task('a', 'b', { due: 'PT8H', warnBefore: 'PT2H' }), task('b')]));
    m.begin();
    settle(m);
    expect(m.view().timers.map((t) => [t.label, t.at])).toEqual([['warning', '2026-11-24T15:00:00.000Z']]);
    m.complete({ assignmentId: openId(m, 'a'), actor: seller });
    expect(m.view().timers).toEqual([]);
    expect(types(settle(m))).not.toContain('warn');
  });

  it('adds no timer, and no id, for a task without warnBefore: recorded histories replay unchanged', () => {
    const plain = machine(graph([task('a', undefined, { due: 'PT8H', remindBefore: ['PT2H'] })]));
    plain.m.begin();
    expect(plain.m.state.timers.map((t) => [t.kind, t.id])).toEqual([['reminder', 'id-3']]);
  });

  it('takes an event that arrived early, and goes to onTimeout when none comes', () => {
    const g = graph([
      { id: 'a', kind: 'wait', event: 'paid', timeout: 'P3D', onTimeout: 'late', next: 'thanks' },
      task('thanks'),
      task('late'),
    ]);
    const early = machine(g);
    early.m.eventReceived({ name: 'paid', payload: { amount: 10 }, receivedAt: '2026-11-24T08:00:00Z', reason: 'The client phoned' });
    early.m.begin();
    expect(early.m.state.open.map((s) => s.stepId)).toEqual(['thanks']);
    expect(early.m.state.forms.a).toEqual({ amount: 10 });
    // The timeline keeps why a person sent it.
    const received = early.m.takeJournal().effects.find((e) => e.type === 'event' && e.event === 'event.received');
    expect(received).toMatchObject({ data: { name: 'paid', reason: 'The client phoned' } });

    const silent = machine(g);
    silent.m.begin();
    expect(silent.m.view().timers.map((t) => t.label)).toEqual(['event timeout']);
    silent.m.timerFired(silent.m.state.timers[0]!.id);
    expect(silent.m.state.open.map((s) => s.stepId)).toEqual(['late']);
    expect(silent.m.state.outcomes.a).toBe('timeout');
  });

  it('takes a keyed event once, however often it is sent again', () => {
    const g = graph([
      { id: 'a', kind: 'wait', event: 'paid', next: 'thanks' },
      task('thanks', 'b'),
      { id: 'b', kind: 'wait', event: 'paid', next: 'c' },
      task('c'),
    ]);
    const { m } = machine(g);
    m.begin();
    const paid = { name: 'paid', key: 'payment:inv-1', payload: { amount: 10 }, receivedAt: '2026-11-24T08:00:00Z' };
    m.eventReceived(paid);
    expect(m.state.open.map((s) => s.stepId)).toEqual(['thanks']);
    // The sweep sends it again: nothing is queued for the second wait.
    m.eventReceived({ ...paid, receivedAt: '2026-11-24T08:05:00Z' });
    expect(m.state.events).toEqual([]);
    m.complete({ assignmentId: openId(m, 'thanks'), actor: seller });
    expect(m.state.open).toEqual([]);
    // Another payment, with its own key, is taken.
    m.eventReceived({ ...paid, key: 'payment:inv-2' });
    expect(m.state.open.map((s) => s.stepId)).toEqual(['c']);
  });
});

describe('update-record', () => {
  const dealGraph = () =>
    routeGraphSchema.parse({
      language: 'route/v1', name: 'Deal', subject: 'deal', start: 'a',
      nodes: [
        task('a', 'move', { outcomes: [{ id: 'yes', label: 'Yes' }], form: [{ id: 'amount', label: 'Amount', type: 'number' }] }),
        { id: 'move', kind: 'action', do: { type: 'update-record', set: { stage: 'proposal', amount: { from: 'forms.a.amount' } } }, next: 'a' },
      ],
    });

  it('emits the change of the case\'s record with the values resolved, keyed by case, node and visit', () => {
    const { m } = machine(dealGraph(), { record: { type: 'deal', id: 'd1' } });
    m.begin();
    settle(m);
    m.complete({ assignmentId: openId(m, 'a'), actor: seller, outcome: 'yes', form: { amount: 500_00 } });
    const first = settle(m).filter((e) => e.type === 'update-record');
    expect(first).toEqual([{ type: 'update-record', key: 'process-p1:record.updated:move:1', nodeId: 'move', record: { type: 'deal', id: 'd1' }, values: { stage: 'proposal', amount: 500_00 }, at: expect.any(String) as string, actorId: seller.employeeId }]);
    // The loop comes round again: a second visit is a second change, with its own key.
    m.complete({ assignmentId: openId(m, 'a'), actor: seller, outcome: 'yes', form: { amount: 700_00 } });
    const second = settle(m).filter((e) => e.type === 'update-record');
    expect(second.map((e) => e.type === 'update-record' && [e.key, e.values.amount])).toEqual([['process-p1:record.updated:move:2', 700_00]]);
  });

  it('fails a case about no record, with the reason, when it reaches update-record', () => {
    const { m } = machine(dealGraph());
    m.begin();
    settle(m);
    m.complete({ assignmentId: openId(m, 'a'), actor: seller, outcome: 'yes', form: { amount: 1 } });
    const effects = settle(m);
    expect(effects.some((e) => e.type === 'update-record')).toBe(false);
    expect(m.ended).toEqual({ status: 'failed', reason: '"move" changes the case\'s record, but this case is about no record' });
  });
});
