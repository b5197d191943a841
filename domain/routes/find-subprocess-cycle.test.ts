// Sub-process references that go round: found across the latest versions, as the chain of route
// keys a designer can follow; none when the references only fan out or go round elsewhere.
import { describe, expect, it } from 'vitest';
import { findSubprocessCycle, subprocessRoutes, type SubprocessCalls } from './find-subprocess-cycle.ts';
import { directory, end, problemsOf, route, subprocess, task } from './graph-checks/test-graphs.ts';

const calls = (entries: Record<string, string[]>): SubprocessCalls => new Map(Object.entries(entries).map(([k, v]) => [k, new Set(v)]));

type Row = { name: string; called: string; calls: Record<string, string[]>; cycle: string[] | undefined };

describe('findSubprocessCycle', () => {
  it.each<Row>([
    { name: 'b calls a back', called: 'b', calls: { b: ['a'] }, cycle: ['a', 'b', 'a'] },
    { name: 'through a third route', called: 'b', calls: { b: ['c'], c: ['a'] }, cycle: ['a', 'b', 'c', 'a'] },
    { name: 'the shortest way back', called: 'b', calls: { b: ['c', 'd'], c: ['e'], e: ['a'], d: ['a'] }, cycle: ['a', 'b', 'd', 'a'] },
    { name: 'a calling itself', called: 'a', calls: {}, cycle: ['a', 'a'] },
    { name: 'b calls nothing', called: 'b', calls: { b: [] }, cycle: undefined },
    { name: 'b is not published', called: 'b', calls: { c: ['a'] }, cycle: undefined },
    { name: 'references that fan out and meet again', called: 'b', calls: { b: ['c', 'd'], c: ['e'], d: ['e'] }, cycle: undefined },
    { name: 'a cycle elsewhere, not back to a', called: 'b', calls: { b: ['c'], c: ['b'] }, cycle: undefined },
    { name: "a's own old version is replaced by the one being published", called: 'b', calls: { a: ['b'], b: ['c'] }, cycle: undefined },
  ])('$name', ({ called, calls: entries, cycle }) => {
    expect(findSubprocessCycle('a', called, calls(entries))).toEqual(cycle);
  });
});

describe('subprocessRoutes', () => {
  it('reads the sub-process keys of a stored v1 definition, and none of v0 or malformed JSON', () => {
    const v1 = route([subprocess('one', 'b', { next: 'two' }), subprocess('two', 'c', { next: 'three' }), subprocess('three', 'b')]);
    expect(subprocessRoutes(v1)).toEqual(new Set(['b', 'c']));
    expect(subprocessRoutes({ name: 'v0', steps: [{ id: 'a', kind: 'task' }] })).toEqual(new Set());
    expect(subprocessRoutes(null)).toEqual(new Set());
    expect(subprocessRoutes({ language: 'route/v1', nodes: 'none' })).toEqual(new Set());
  });
});

describe('validateGraph: sub-process cycles', () => {
  const own = { ...directory, ownKey: 'deal', publishedRoutes: new Set(['deal', 'installation-handoff', 'survey']) };

  it('refuses a sub-process whose route leads back, naming the node and the chain', () => {
    const draft = route([task('sell', { next: 'handoff' }), subprocess('handoff', 'installation-handoff', { next: 'done' }), end('done')]);
    const subprocessCalls = calls({ 'installation-handoff': ['survey'], survey: ['deal'] });
    expect(problemsOf(draft, { ...own, subprocessCalls })).toEqual([
      {
        path: 'nodes[1].route', nodeId: 'handoff',
        message: 'subprocess "installation-handoff" calls back into "deal": deal -> installation-handoff -> survey -> deal, so every case would start child cases without end',
      },
    ]);
    expect(problemsOf(draft, { ...own, subprocessCalls: calls({ 'installation-handoff': ['survey'] }) })).toEqual([]);
    // Without the references loaded (validation only), nothing is said about cycles.
    expect(problemsOf(draft, own)).toEqual([]);
  });

  it('says once that a route cannot run itself', () => {
    const draft = route([subprocess('again', 'deal')]);
    expect(problemsOf(draft, { ...own, subprocessCalls: calls({}) })).toEqual([
      { path: 'nodes[0].route', nodeId: 'again', message: 'a route cannot run itself as a sub-process' },
    ]);
  });
});
