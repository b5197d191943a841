// Whose interaction calendar a person may open. Their own always; someone else's only when that
// person is below them in the chain of managers, or for management and admins, who oversee
// everyone. A quality officer sees every client's history (by client), but not a seller's
// calendar. The team view (everyone below) is for people who have someone below them.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { DomainError } from '../errors.ts';
import { hasAnyRole, type Actor } from '../identity/roles.ts';
import { reportsOf } from './client-access.ts';

export const OVERSEES_ALL_CALENDARS = ['management', 'admin'] as const;

/** Throws forbidden when any of the people is neither the actor nor below them in the chain. */
export async function checkCalendarAccess(em: EntityManager, actor: Actor, employeeIds: readonly string[]): Promise<void> {
  const others = [...new Set(employeeIds)].filter((id) => id !== actor.employeeId);
  if (others.length === 0 || hasAnyRole(actor, OVERSEES_ALL_CALENDARS)) return;
  const { rows } = await sql<{ outside: number }>`select count(*)::int as outside from unnest(${others}::uuid[]) as x(id)
    where not (x.id = any(${reportsOf(actor.employeeId)}))`.execute(em.getKysely());
  if ((rows[0]?.outside ?? 0) > 0) {
    throw new DomainError('forbidden', 'Only your own calendar, and those of the people below you in the chain of managers, are open to you', [
      { path: 'query.employeeId', message: 'not one of your reports' },
    ]);
  }
}

/** Throws forbidden for a team view asked by someone with nobody below them (management and admins pass). */
export async function checkHasTeam(em: EntityManager, actor: Actor): Promise<void> {
  if (hasAnyRole(actor, OVERSEES_ALL_CALENDARS)) return;
  const { rows } = await sql<{ n: number }>`select cardinality(${reportsOf(actor.employeeId)})::int as n`.execute(em.getKysely());
  if ((rows[0]?.n ?? 0) === 0) throw new DomainError('forbidden', 'The team view is for people with someone below them in the chain of managers', [{ path: 'query.team', message: 'you have no reports' }]);
}
