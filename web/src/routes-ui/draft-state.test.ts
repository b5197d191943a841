// What the route list and page say about a draft, and which drafts the page tries to draw.
import { describe, expect, it } from 'vitest';
import { complaintRoute } from '../../../infra/testing/graph-routes.ts';
import { draftState } from './draft-state.ts';
import { drawableDraft } from './drawable.ts';

describe('draftState', () => {
  it('says a never-published route is new, and compares the draft save with the latest publication', () => {
    expect(draftState({ latestVersion: 0, draftUpdatedAt: '2026-11-24T10:00:00Z' }, undefined)).toEqual({ kind: 'new' });
    expect(draftState({ latestVersion: 2, draftUpdatedAt: '2026-11-24T10:00:00Z' }, '2026-11-24T09:00:00Z')).toEqual({ kind: 'changed', version: 2 });
    // Publishing does not save the draft: a draft saved before the publication is what was published.
    expect(draftState({ latestVersion: 2, draftUpdatedAt: '2026-11-24T09:00:00Z' }, '2026-11-24T10:00:00Z')).toEqual({ kind: 'same', version: 2 });
  });
});

describe('drawableDraft', () => {
  it('draws a route/v1 graph, and leaves alone a draft the diagram would trip over', () => {
    expect(drawableDraft(complaintRoute())).toBeDefined();
    expect(drawableDraft({ language: 'route/v0', name: 'x', steps: [] })).toBeUndefined();
    expect(drawableDraft({ language: 'route/v1', nodes: [] })).toBeUndefined();
    expect(drawableDraft({ language: 'route/v1', nodes: [{ id: 'a', kind: 'teleport' }] })).toBeUndefined();
    expect(drawableDraft({ language: 'route/v1', nodes: [{ id: 'd', kind: 'decision', branches: 'oops' }] })).toBeUndefined();
    expect(drawableDraft({ language: 'route/v1', nodes: [{ id: 'a', kind: 'end' }], layout: { a: { x: '1' } } })).toBeUndefined();
    // Half-written but drawable: a task without an assignee is the check's business, not the diagram's.
    expect(drawableDraft({ language: 'route/v1', start: 'a', nodes: [{ id: 'a', kind: 'task', name: 'A' }] })).toBeDefined();
  });
});
