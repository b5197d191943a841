// `update-record` in the route language: a route that changes its case's record declares what
// kind of record that is; each field set must be one that kind allows, with a literal of its type.
import { describe, expect, it } from 'vitest';
import { action, end, problemsOf, route, task } from './graph-checks/test-graphs.ts';

const move = (set: Record<string, unknown>) => action('move', { type: 'update-record', set }, { next: 'e' });

describe('validateGraph: update-record', () => {
  it('accepts stage, amount copied from a form, a date, and closing lost with a reason on a deal route', () => {
    const draft = route([
      task('proposal', { form: [{ id: 'amount', label: 'Amount', type: 'number' }], next: 'move' }),
      action('move', { type: 'update-record', set: { stage: 'proposal', amount: { from: 'forms.proposal.amount' }, planned_close: '2026-12-20', probability: 40 } }, { next: 'lose' }),
      action('lose', { type: 'update-record', set: { status: 'lost', lost_reason: 'price' } }, { next: 'e' }),
      end('e'),
    ], { subject: 'deal' });
    expect(problemsOf(draft)).toEqual([]);
  });

  it('refuses update-record on a route that declares no subject', () => {
    expect(problemsOf(route([move({ stage: 'proposal' }), end('e')]))).toEqual([
      { path: 'nodes[0].do', nodeId: 'move', message: '"update-record" changes the record a case is about: declare which kind at the top of the route, e.g. "subject": "deal"' },
    ]);
  });

  it('refuses an unknown subject type', () => {
    expect(problemsOf(route([move({ stage: 'proposal' }), end('e')], { subject: 'spaceship' }))).toEqual([
      { path: 'subject', message: 'no kind of record is called "spaceship"; routes may be about: deal, invoice, installation, complaint, client' },
    ]);
  });

  it('refuses a field the subject type does not allow, a literal of the wrong type, a status outside the list and an unknown copy', () => {
    const draft = route([move({ colour: 'red', amount: 'a lot', planned_close: '20.12.2026', status: 'maybe', probability: { from: 'forms.nowhere.x' } }), end('e')], { subject: 'deal' });
    expect(problemsOf(draft)).toEqual([
      { path: 'nodes[0].do.set.probability.from', nodeId: 'move', message: expect.stringContaining('copies from "forms.nowhere.x"') as string },
      { path: 'nodes[0].do.set.colour', nodeId: 'move', message: 'a deal has no field "colour" a route may set; it may set stage, amount, probability, planned_close, status, lost_reason' },
      { path: 'nodes[0].do.set.amount', nodeId: 'move', message: '"amount" is a number: got "a lot"' },
      { path: 'nodes[0].do.set.planned_close', nodeId: 'move', message: '"planned_close" is a date (YYYY-MM-DD): got "20.12.2026"' },
      { path: 'nodes[0].do.set.status', nodeId: 'move', message: '"status" must be one of won, lost, not "maybe"' },
    ]);
  });

  it('refuses an empty set', () => {
    expect(problemsOf(route([move({}), end('e')], { subject: 'deal' }))).toEqual([{ path: 'nodes[0].do.set', nodeId: 'move', message: 'set at least one field' }]);
  });
});
