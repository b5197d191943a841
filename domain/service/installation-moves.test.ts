// The installation order's status moves: what the service head, the engineer and the owner may
// do from each status, and what they may not (a done or cancelled order stays so).
import { describe, expect, it } from 'vitest';
import { INSTALLATION_STATUSES } from './entities.ts';
import { moveBetween, movesFrom, nextStatus } from './installation-moves.ts';

describe('installation order moves', () => {
  it('a new order is accepted, returned for missing data or cancelled', () => {
    expect(movesFrom('new').sort()).toEqual(['accept', 'cancel', 'return']);
    expect(nextStatus('new', 'accept')).toBe('accepted');
    expect(nextStatus('new', 'return')).toBe('returned');
  });

  it('a returned order goes back to new once its data is supplied', () => {
    expect(movesFrom('returned').sort()).toEqual(['cancel', 'resubmit']);
    expect(nextStatus('returned', 'resubmit')).toBe('new');
    expect(nextStatus('returned', 'accept')).toBeNull();
  });

  it('only an accepted order is scheduled, and a scheduled one may be rescheduled or completed', () => {
    expect(nextStatus('new', 'schedule')).toBeNull();
    expect(nextStatus('accepted', 'schedule')).toBe('scheduled');
    expect(nextStatus('scheduled', 'schedule')).toBe('scheduled');
    expect(nextStatus('scheduled', 'complete')).toBe('done');
    expect(nextStatus('accepted', 'complete')).toBeNull();
  });

  it('done and cancelled are final', () => {
    expect(movesFrom('done')).toEqual([]);
    expect(movesFrom('cancelled')).toEqual([]);
    for (const s of INSTALLATION_STATUSES) expect(nextStatus(s, 'cancel') === null, s).toBe(s === 'done' || s === 'cancelled');
  });

  it('finds the move a route means by the status it sets', () => {
    expect(moveBetween('new', 'accepted')).toBe('accept');
    expect(moveBetween('accepted', 'returned')).toBe('return');
    expect(moveBetween('scheduled', 'done')).toBe('complete');
    expect(moveBetween('new', 'done')).toBeNull();
  });
});
