import { describe, expect, it } from 'vitest';
import type { RouteGraph } from '../../../domain/routes/graph-schema.ts';
import { addNode, connect, copyNodes, disconnect, newNode, parseRouteJson, pasteNodes, removeNodes, renameNode, toEditable } from './doc.ts';

function build(): RouteGraph {
  let r = toEditable({}, 'Новый');
  r = addNode(r, newNode('task', 'check', 'Проверить'), { x: 0, y: 0 });
  r = addNode(r, newNode('decision', 'ok', 'Годится?'), { x: 0, y: 100 });
  r = addNode(r, newNode('parallel', 'split', ''), { x: 0, y: 200 });
  r = addNode(r, newNode('join', 'meet', ''), { x: 0, y: 300 });
  r = addNode(r, newNode('end', 'done', ''), { x: 0, y: 400 });
  r = connect(r, 'check', 'next', 'ok');
  r = connect(r, 'ok', 'branch-0', 'split');
  r = connect(r, 'ok', 'otherwise', 'done');
  r = connect(r, 'split', 'branches', 'check');
  r = connect(r, 'split', 'branches', 'done');
  r = connect(r, 'split', 'join', 'meet');
  return r;
}

describe('the designer document', () => {
  it('starts at the first node added, and edges dragged on the canvas become the route\'s fields', () => {
    const r = build();
    expect(r.start).toBe('check');
    expect(r.nodes.find((n) => n.id === 'check')).toMatchObject({ next: 'ok' });
    expect(r.nodes.find((n) => n.id === 'ok')).toMatchObject({ branches: [{ next: 'split' }], otherwise: 'done' });
    expect(r.nodes.find((n) => n.id === 'split')).toMatchObject({ branches: ['check', 'done'], join: 'meet' });
    const cut = disconnect(disconnect(r, 'ok', 'otherwise', 'done'), 'split', 'branches', 'check');
    expect(cut.nodes.find((n) => n.id === 'ok')).not.toHaveProperty('otherwise');
    expect(cut.nodes.find((n) => n.id === 'split')).toMatchObject({ branches: ['done'] });
  });

  it('deleting a node removes the edges into it and its position', () => {
    const r = removeNodes(build(), new Set(['ok', 'check']));
    expect(r.nodes.map((n) => n.id)).toEqual(['split', 'meet', 'done']);
    expect(r.start).toBe('split');
    expect(r.nodes[0]).toMatchObject({ branches: ['done'] });
    expect(Object.keys(r.layout!)).toEqual(['split', 'meet', 'done']);
  });

  it('renaming a node keeps the edges into it and the start', () => {
    const r = renameNode(build(), 'check', 'review');
    expect(r.start).toBe('review');
    expect(r.nodes.find((n) => n.id === 'split')).toMatchObject({ branches: ['review', 'done'] });
    expect(r.layout!.review).toEqual({ x: 0, y: 0 });
  });

  it('pastes copies under new ids, keeping the edges among them only', () => {
    const r = build();
    const { route, ids } = pasteNodes(r, copyNodes(r, new Set(['check', 'ok'])));
    expect(ids).toEqual(['check-2', 'ok-2']);
    expect(route.nodes.find((n) => n.id === 'check-2')).toMatchObject({ next: 'ok-2' });
    const ok2 = route.nodes.find((n) => n.id === 'ok-2');
    expect(ok2).toMatchObject({ branches: [{ next: '' }] });
    expect(ok2).not.toHaveProperty('otherwise');
    expect(route.layout!['ok-2']).toEqual({ x: 40, y: 140 });
  });

  it('the JSON view accepts a route and says why it refuses the rest', () => {
    expect(parseRouteJson('{"language":"route/v1","name":"A","start":"a","nodes":[{"id":"a","kind":"end"}]}')).toMatchObject({ ok: true, route: { nodes: [{ id: 'a' }] } });
    expect(parseRouteJson('{"language":')).toMatchObject({ ok: false });
    expect(parseRouteJson('{"language":"route/v1","nodes":[{"id":"a","kind":"loop"}]}')).toEqual({ ok: false, error: 'nodes[0]: unknown "kind" "loop"' });
    expect(parseRouteJson('{"language":"route/v1","nodes":[{"id":"a","kind":"end"},{"id":"a","kind":"end"}]}')).toMatchObject({ ok: false });
  });

  it('opens a v0 draft as the chain of tasks it runs as', () => {
    const r = toEditable({ name: 'v0', steps: [{ id: 'a', kind: 'task', name: 'A', assignee: { type: 'role', role: 'sales' }, due: 'P1D' }, { id: 'b', kind: 'task', name: 'B', assignee: { type: 'role', role: 'sales' }, due: 'P1D' }] }, 'x');
    expect(r.language).toBe('route/v1');
    expect(r.nodes.map((n) => [n.id, 'next' in n ? n.next : undefined])).toEqual([['a', 'b'], ['b', undefined]]);
  });
});

describe('undo and redo', async () => {
  const { historyReducer } = await import('./history.ts');
  it('takes back one step at a time, typing in one field being one step', () => {
    const a = toEditable({ name: 'A' }, '');
    let h = historyReducer({ past: [], present: a, future: [], lastAt: 0 }, { type: 'reset', route: a });
    h = historyReducer(h, { type: 'set', route: { ...a, name: 'AB' }, key: 'name', at: 1000 });
    h = historyReducer(h, { type: 'set', route: { ...a, name: 'ABC' }, key: 'name', at: 1500 });
    h = historyReducer(h, { type: 'set', route: { ...a, name: 'ABC', start: 'x' }, at: 1600 });
    h = historyReducer(h, { type: 'undo' });
    expect(h.present).toMatchObject({ name: 'ABC', start: '' });
    h = historyReducer(h, { type: 'undo' });
    expect(h.present.name).toBe('A');
    h = historyReducer(h, { type: 'redo' });
    h = historyReducer(h, { type: 'redo' });
    expect(h.present).toMatchObject({ name: 'ABC', start: 'x' });
  });
});
