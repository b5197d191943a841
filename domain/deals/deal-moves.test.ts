// The board's moves, read off the shipped Deal route: each owner's task, outcome by outcome, to
// the stage it leads to, a loop back, a close as lost, or nowhere (waiting for a next contact).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { routeGraphSchema } from '../routes/graph-schema.ts';
import { stageMoves } from './deal-moves.ts';

const deal = routeGraphSchema.parse(JSON.parse(readFileSync(new URL('../routes/examples/deal.route.json', import.meta.url), 'utf8')));
const moves = (task: string) => stageMoves(deal, task).map((m) => [m.outcome, m.target, m.needsForm]);

describe('stageMoves over the Deal route', () => {
  it('the demonstration: interested -> proposal; later -> no move; refusal -> lost, with the reason to fill in', () => {
    expect(moves('demo')).toEqual([
      ['interested', { stage: 'proposal' }, false],
      ['later', null, true],
      ['not_interested', { close: 'lost' }, true],
    ]);
  });

  it('the proposal has no outcomes; completing it (the link is required) leads to the decision stage', () => {
    expect(moves('proposal')).toEqual([[null, { stage: 'decision' }, true]]);
  });

  it('the client\'s decision: forward to the contract, back to a new proposal (saying what to change), wait, or lost', () => {
    expect(moves('decision')).toEqual([
      ['accepted', { stage: 'contract' }, false],
      ['new_proposal', { stage: 'proposal' }, true],
      ['thinking', null, true],
      ['declined', { close: 'lost' }, true],
    ]);
  });

  it('signing: signed -> hand-off; refused -> lost', () => {
    expect(moves('sign')).toEqual([
      ['signed', { stage: 'handoff' }, false],
      ['refused', { close: 'lost' }, true],
    ]);
  });

  it('a task whose path meets another task first moves nothing; an unknown node has no moves', () => {
    expect(moves('contract-draft')).toEqual([[null, null, true]]);
    expect(moves('nope')).toEqual([]);
  });
});
