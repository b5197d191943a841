// The foreach node and the call action in the pure machine: windows of children within the
// limit, list order when sequential, early completion withdrawing the rest, an empty list, a
// cancelled parent, and the effect a call action hands to apply-transition.
import { describe, expect, it } from 'vitest';
import type { RouteGraph } from '../routes/graph-schema.ts';
import { routeGraphSchema } from '../routes/graph-schema.ts';
import { CaseMachine } from './case-machine.ts';
import type { Effect, TransitionResult } from './case-state.ts';
import type { ProcessInput, ProcessResult } from './process-input.ts';

function graph(nodes: unknown[], variables: Record<string, unknown> = { clients: { type: 'list', of: 'text' } }): RouteGraph {
  return routeGraphSchema.parse({ language: 'route/v1', name: 'Campaign', start: 'each', variables, nodes });
}
const each = (extra: Record<string, unknown> = {}) => ({ id: 'each', kind: 'foreach', name: 'Each client', items: { from: 'variables.clients' }, route: 'body', next: 'done', ...extra });
const done = { id: 'done', kind: 'end' };

function machine(g: RouteGraph, values: (string | number)[]) {
  let ids = 0;
  const input: ProcessInput = { processId: 'p1', route: { id: 'r', key: 'k', versionId: 'v', version: 1 }, definition: g, subject: 'Spring promo', variables: { clients: values }, startedBy: 'marketer' };
  const m = new CaseMachine(input, { now: () => new Date('2026-11-24T09:00:00Z'), newId: () => `id-${++ids}` });
  return m;
}

/** Applies a batch as apply-transition would: lists are counted, windows get child processes. */
function settle(m: CaseMachine, sizes: Record<string, number> = {}): Effect[] {
  const all: Effect[] = [];
  for (;;) {
    const { effects } = m.takeJournal();
    if (effects.length === 0) return all;
    all.push(...effects);
    const result: TransitionResult = { opened: {}, escalated: {}, children: {}, lists: {} };
    for (const e of effects) {
      if (e.type === 'list') result.lists![e.listId] = { total: sizes[e.listId] ?? e.values?.length ?? 0 };
      if (e.type === 'prepare-items') e.childIds.forEach((id, i) => (result.children[id] = { processId: id, workflowId: `process-${id}`, input: { position: e.from + i } }));
    }
    m.applyResult(result);
  }
}
const running = (m: CaseMachine) => m.state.children.filter((c) => c.foreach !== undefined);
const positions = (m: CaseMachine) => running(m).map((c) => (c.input as { position: number }).position);
const ok: ProcessResult = { status: 'completed', outcome: 'success', steps: [] };

describe('foreach', () => {
  it('never runs more children than the limit, and finishes when every item has', () => {
    const m = machine(graph([each({ limit: 4 }), done]), Array.from({ length: 10 }, (_, i) => `c${i}`));
    m.begin();
    settle(m);
    expect(running(m)).toHaveLength(4);
    let most = 4;
    while (running(m).length > 0) {
      m.childFinished(running(m)[0]!.childId, ok);
      settle(m);
      most = Math.max(most, running(m).length);
      expect(running(m).length).toBeLessThanOrEqual(4);
    }
    expect(most).toBe(4);
    expect(m.ended).toMatchObject({ status: 'completed' });
    expect(m.state.outcomes.each).toBe('all');
  });

  it('prepares children a window at a time, not one transition per item', () => {
    const m = machine(graph([each({ limit: 8 }), done]), Array.from({ length: 40 }, (_, i) => `c${i}`));
    m.begin();
    const windows: number[] = [];
    const count = (effects: Effect[]) => effects.forEach((e) => e.type === 'prepare-items' && windows.push(e.childIds.length));
    count(settle(m));
    while (running(m).length > 0) {
      m.childFinished(running(m)[0]!.childId, ok);
      count(settle(m));
    }
    expect(windows.reduce((a, b) => a + b, 0)).toBe(40);
    // A window opens once a quarter of the limit is free: 2 at a time after the first 8.
    expect(windows.length).toBeLessThanOrEqual(1 + 32 / 2);
  });

  it('runs a sequential one in list order, one at a time', () => {
    const m = machine(graph([each({ mode: 'sequential' }), done]), ['a', 'b', 'c']);
    m.begin();
    settle(m);
    const order: number[] = [];
    while (running(m).length > 0) {
      expect(running(m)).toHaveLength(1);
      order.push(...positions(m));
      m.childFinished(running(m)[0]!.childId, ok);
      settle(m);
    }
    expect(order).toEqual([0, 1, 2]);
    expect(m.ended?.status).toBe('completed');
  });

  it('stops at completeWhen: running children are withdrawn, items not started never start', () => {
    const m = machine(graph([each({ limit: 3, completeWhen: { '>=': [{ var: 'items.succeeded' }, 2] } }), done]), ['a', 'b', 'c', 'd', 'e']);
    m.begin();
    settle(m);
    const [first, second] = running(m);
    m.childFinished(first!.childId, ok);
    settle(m);
    expect(running(m)).toHaveLength(3);
    m.childFinished(second!.childId, { status: 'completed', outcome: 'success', steps: [] });
    const effects = settle(m);
    expect(running(m)).toHaveLength(0);
    const finished = effects.find((e) => e.type === 'event' && e.event === 'foreach.finished');
    expect(finished).toMatchObject({ data: { succeeded: 2, withdrawn: 2, notStarted: 1, early: true } });
    expect(m.state.outcomes.each).toBe('condition');
    expect(m.ended?.status).toBe('completed');
  });

  it('counts a failed child as failed and goes on', () => {
    const m = machine(graph([each(), done]), ['a', 'b']);
    m.begin();
    settle(m);
    const [a, b] = running(m);
    m.childFinished(a!.childId, { status: 'failed', steps: [], reason: 'nobody to assign' });
    m.childFinished(b!.childId, { status: 'completed', outcome: 'failure', steps: [] });
    const effects = settle(m);
    expect(effects.find((e) => e.type === 'event' && e.event === 'foreach.finished')).toMatchObject({ data: { failed: 2, succeeded: 0 } });
    expect(m.ended).toMatchObject({ status: 'completed', outcome: 'success' });
  });

  it('goes straight on for an empty list', () => {
    const m = machine(graph([each(), done]), []);
    m.begin();
    const effects = settle(m);
    expect(effects.filter((e) => e.type === 'prepare-items')).toEqual([]);
    expect(m.ended?.status).toBe('completed');
  });

  it('cancels running children with the parent', () => {
    const m = machine(graph([each({ limit: 2 }), done]), ['a', 'b', 'c']);
    m.begin();
    settle(m);
    expect(running(m)).toHaveLength(2);
    m.cancel('Campaign stopped', 'marketer');
    settle(m);
    expect(m.state.children).toEqual([]);
    expect(m.ended?.status).toBe('cancelled');
  });

  it('holds new windows while the workflow drains for continue-as-new, and resumes after', () => {
    const m = machine(graph([each({ limit: 2 }), done]), ['a', 'b', 'c', 'd']);
    m.begin();
    settle(m);
    m.holdItems = true;
    for (const c of running(m)) m.childFinished(c.childId, ok);
    settle(m);
    expect(running(m)).toHaveLength(0);
    expect(m.ended).toBeUndefined();
    // The new run: the same state, the rest of the items.
    const next = new CaseMachine({ ...(m as unknown as { input: ProcessInput }).input, resume: structuredClone(m.state) }, { now: () => new Date('2026-11-24T10:00:00Z'), newId: () => crypto.randomUUID() });
    next.resumeItems();
    settle(next);
    expect(positions(next)).toEqual([2, 3]);
    expect(next.view().foreach).toEqual([expect.objectContaining({ total: 4, started: 4, running: 2, finished: 2 })]);
  });

  it('keeps list variables out of what assignment rules and child inputs carry', () => {
    const m = machine(graph([each({ inputs: { campaign: 'Spring' } }), done]), ['a']);
    m.begin();
    const effects = settle(m);
    expect(m.assigneeContext().variables).toEqual({});
    expect(effects.find((e) => e.type === 'prepare-items')).toMatchObject({ inputs: { campaign: 'Spring' }, as: 'item', from: 0 });
  });
});

describe('call', () => {
  it('emits one keyed call per visit with its args resolved and the case context', () => {
    const g = routeGraphSchema.parse({
      language: 'route/v1',
      name: 'Mail',
      start: 'send',
      variables: { template: { type: 'text' } },
      nodes: [{ id: 'send', kind: 'action', do: { type: 'call', operation: 'mail.send', args: { template: { from: 'variables.template' }, send: 'main' } }, next: 'done' }, done],
    });
    const m = new CaseMachine(
      { processId: 'p9', route: { id: 'r', key: 'k', versionId: 'v', version: 1 }, definition: g, subject: 'Client', record: { type: 'client', id: 'c1' }, parentProcessId: 'p0', variables: { template: 't1' }, startedBy: 'marketer' },
      { now: () => new Date('2026-11-24T09:00:00Z'), newId: () => crypto.randomUUID() },
    );
    m.begin();
    const call = m.takeJournal().effects.find((e) => e.type === 'call');
    expect(call).toMatchObject({ key: 'process-p9:call:send:1', operation: 'mail.send', args: { template: 't1', send: 'main' }, record: { type: 'client', id: 'c1' }, parentProcessId: 'p0', variables: { template: 't1' } });
  });
});
