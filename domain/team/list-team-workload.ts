// A manager's team at a glance: everyone below them in the chain (direct and indirect reports),
// each with how much open work they hold and how much of it is overdue. One statement.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { DomainError, notFound } from '../errors.ts';
import { hasAnyRole, type Actor } from '../identity/roles.ts';
import { OVERSEES_EVERYONE } from './check-team-access.ts';

export interface TeamMember {
  id: string;
  name: string;
  email: string;
  title: string | null;
  managerId: string | null;
  /** 1 for a direct report, 2 for their reports, and so on. */
  depth: number;
  active: boolean;
  open: number;
  overdue: number;
}

export interface ListTeamWorkloadOptions {
  /** Whose team: the actor's own by default; only management and admins may name another manager. */
  managerId?: string | undefined;
  now?: Date;
}

export async function listTeamWorkload(em: EntityManager, actor: Actor, opts: ListTeamWorkloadOptions = {}): Promise<{ managerId: string; members: TeamMember[] }> {
  const managerId = opts.managerId ?? actor.employeeId;
  const overseer = hasAnyRole(actor, OVERSEES_EVERYONE);
  if (managerId !== actor.employeeId && !overseer) {
    throw new DomainError('forbidden', 'Only management and admins may look at another manager\'s team', [{ path: 'managerId', message: 'is not you' }]);
  }
  if (!overseer && !hasAnyRole(actor, ['manager'])) throw new DomainError('forbidden', 'The team view is for managers');
  const now = opts.now ?? new Date();
  const { rows } = await sql<{ id: string; full_name: string; email: string; title: string | null; manager_id: string | null; depth: number; active: boolean; open: string; overdue: string; known: boolean }>`
    with recursive team(id, depth) as (
      select e.id, 1 from employee e where e.manager_id = ${managerId}::uuid
      union all
      select e.id, t.depth + 1 from employee e join team t on e.manager_id = t.id where t.depth < 50)
    select e.id, e.full_name, e.email, e.title, e.manager_id, t.depth, e.active,
      count(a.id) as open, count(a.id) filter (where a.due_at < ${now}) as overdue,
      true as known
    from team t join employee e on e.id = t.id
    left join assignment a on a.assignee_id = e.id and a.status = 'open'
    group by e.id, t.depth
    union all
    select ${managerId}::uuid, '', '', null, null, 0, true, 0, 0, exists (select 1 from employee where id = ${managerId}::uuid)
    order by depth, full_name, id`.execute(em.getKysely());
  const [self, ...members] = rows;
  if (!self?.known) throw notFound('Employee', managerId);
  return {
    managerId,
    members: members.map((r) => ({
      id: r.id, name: r.full_name, email: r.email, title: r.title, managerId: r.manager_id, depth: Number(r.depth), active: r.active, open: Number(r.open), overdue: Number(r.overdue),
    })),
  };
}
