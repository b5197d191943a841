// The installation order's allowed moves, as data: the one place the API, the UI's buttons and
// a route's `update-record` action read them from. Pure, so it is unit-tested without a database.
//   new      -> accepted | returned | cancelled       (the service head takes it or sends it back)
//   returned -> new | cancelled                       (the owner supplies what was missing)
//   accepted -> scheduled | returned | cancelled
//   scheduled-> scheduled | done | cancelled          (rescheduling keeps it scheduled)
//   done, cancelled: final
import type { InstallationMove, InstallationStatus } from './entities.ts';

const MOVES: Record<Exclude<InstallationMove, 'create'>, { from: readonly InstallationStatus[]; to: InstallationStatus }> = {
  accept: { from: ['new'], to: 'accepted' },
  return: { from: ['new', 'accepted'], to: 'returned' },
  resubmit: { from: ['returned'], to: 'new' },
  schedule: { from: ['accepted', 'scheduled'], to: 'scheduled' },
  complete: { from: ['scheduled'], to: 'done' },
  cancel: { from: ['new', 'returned', 'accepted', 'scheduled'], to: 'cancelled' },
};

export type InstallationAction = keyof typeof MOVES;

/** The status a move leads to from `from`, or null when the move is not allowed there. */
export function nextStatus(from: InstallationStatus, move: InstallationAction): InstallationStatus | null {
  const rule = MOVES[move];
  return rule.from.includes(from) ? rule.to : null;
}

/** Every move allowed from a status (the actions a page may offer). */
export const movesFrom = (from: InstallationStatus): InstallationAction[] =>
  (Object.keys(MOVES) as InstallationAction[]).filter((m) => nextStatus(from, m) !== null);

/** The move that takes an order from one status to another, for a route that sets the status itself. */
export function moveBetween(from: InstallationStatus, to: InstallationStatus): InstallationAction | null {
  return (Object.keys(MOVES) as InstallationAction[]).find((m) => MOVES[m].to === to && MOVES[m].from.includes(from)) ?? null;
}
