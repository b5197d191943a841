// Who may look after a person's work: managers above them in the chain (not the person
// themselves, nor a manager of another team), people with the management role, and admins.
// One statement, walking the chain up from the person.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { DomainError, notFound } from '../errors.ts';
import { hasAnyRole, type Actor } from '../identity/roles.ts';

/** Management and admins look after everyone's work. */
export const OVERSEES_EVERYONE = ['management', 'admin'] as const;

/** Throws not_found for an unknown person and forbidden when the actor does not look after them. */
export async function checkTeamAccess(em: EntityManager, actor: Actor, employeeId: string): Promise<void> {
  const { rows } = await sql<{ above: boolean }>`select exists (
      with recursive chain(id) as (select e.manager_id from employee e where e.id = ${employeeId}::uuid
        union select e.manager_id from employee e join chain c on e.id = c.id)
      select 1 from chain where id = ${actor.employeeId}::uuid) as above
    from employee where id = ${employeeId}::uuid`.execute(em.getKysely());
  const row = rows[0];
  if (!row) throw notFound('Employee', employeeId);
  if (hasAnyRole(actor, OVERSEES_EVERYONE) || row.above) return;
  throw new DomainError('forbidden', 'Only the managers of this person (up the chain), management and admins may see or hand over their work');
}
