// What a designer sees when a route is wrong: every problem, with its path and its step.
import { describe, expect, it } from 'vitest';
import { validateRoute } from './validate-route.ts';

const directory = { roles: new Set(['sales', 'service']), people: new Set(['seller1@leader.example']) };

const route = (steps: unknown[]) => ({ name: 'Deal', steps });
const task = (over: Record<string, unknown> = {}) => ({
  id: 'call', kind: 'task', name: 'Call the client', assignee: { type: 'role', role: 'sales' }, due: 'P1D', ...over,
});

describe('validateRoute', () => {
  it('accepts a valid route and fills defaults', () => {
    const result = validateRoute(route([task(), task({ id: 'visit', assignee: { type: 'person', email: 'Seller1@leader.example' } })]), directory);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.definition.language).toBe('route/v0');
      expect(result.definition.variables).toEqual({});
    }
  });

  it('lists every semantic problem at once, each naming its step', () => {
    const result = validateRoute(
      route([
        task({ assignee: { type: 'role', role: 'servise' } }),
        task({ due: 'P1M', outcomes: [{ id: 'ok', label: 'OK' }, { id: 'ok', label: 'Also OK' }] }),
        task({ id: 'visit', assignee: { type: 'person', email: 'gone@leader.example' }, due: 'soon' }),
      ]),
      directory,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { path: 'steps[0].assignee.role', nodeId: 'call', message: 'no role "servise" exists' },
      { path: 'steps[1].id', nodeId: 'call', message: 'step id "call" is used by an earlier step' },
      { path: 'steps[1].due', nodeId: 'call', message: expect.stringContaining('months or years') as string },
      { path: 'steps[1].outcomes', nodeId: 'call', message: 'outcome id "ok" appears more than once' },
      { path: 'steps[2].due', nodeId: 'visit', message: expect.stringContaining('not an ISO 8601 duration') as string },
      { path: 'steps[2].assignee.email', nodeId: 'visit', message: 'no active employee has the e-mail gone@leader.example' },
    ]);
  });

  it('reports shape problems with paths and the step they are in', () => {
    const result = validateRoute(route([task({ assignee: { type: 'team' } }), { id: 'Bad Id', kind: 'task' }]), directory);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.problems.map((p) => p.path);
    expect(paths).toContain('steps[0].assignee.type');
    expect(paths).toContain('steps[1].id');
    expect(paths).toContain('steps[1].name');
    expect(result.problems.find((p) => p.path === 'steps[0].assignee.type')?.nodeId).toBe('call');
  });

  it('refuses a route without steps and unknown fields', () => {
    const result = validateRoute({ name: 'Empty', steps: [], colour: 'red' }, directory);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.path).sort()).toEqual(['(root)', 'steps']);
  });

  it('refuses a choice field without options', () => {
    const result = validateRoute(route([task({ form: [{ id: 'size', label: 'Size', type: 'choice' }] })]), directory);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatchObject({ path: 'steps[0].form[0].options', nodeId: 'call' });
  });

  it('checks a draft in language v1 as a graph, with the same problem shape', () => {
    const graph = { language: 'route/v1', name: 'Deal', start: 'call', nodes: [{ ...task(), due: undefined, next: 'gone' }] };
    expect(validateRoute(graph, directory)).toEqual({
      ok: false,
      problems: [{ path: 'nodes[0].next', nodeId: 'call', message: 'leads to "gone", but no node has that id' }],
    });
    const result = validateRoute({ ...graph, nodes: [task({ due: { working: 'P1D' } })] }, directory);
    expect(result.ok && result.definition.language).toBe('route/v1');
  });

  it('checks any other draft as v0, so an unknown language is named', () => {
    const result = validateRoute({ ...route([task()]), language: 'route/v2' }, directory);
    expect(result.ok ? [] : result.problems.map((p) => p.path)).toEqual(['language']);
  });
});
