// Turns an assignment rule into who gets the work, from the database at the moment the step
// opens: a named person, a role queue, one member of a role by round-robin or by fewest open
// assignments, the person whose e-mail is in a variable, the manager of whoever did an earlier
// step, or the case's starter. A rule that names nobody fails without retrying.
import type { EntityManager } from '@mikro-orm/postgresql';
import { Assignment, Employee } from '../entities/index.ts';
import { DomainError } from '../errors.ts';
import type { AssigneeContext } from '../processes/case-state.ts';
import type { AssigneeRule } from '../routes/graph-schema.ts';
import type { Assignee } from '../routes/route-schema.ts';

export type { AssigneeContext };

/** The rule names nobody: the case cannot go on, and retrying will not help. */
export class NobodyToAssign extends DomainError {
  constructor(message: string) {
    super('unprocessable', message);
    this.name = 'NobodyToAssign';
  }
}

export interface ResolvedAssignee {
  assigneeId: string | null;
  roleCode: string | null;
}

const nobody = (message: string) => new NobodyToAssign(message);

async function byEmail(em: EntityManager, email: string): Promise<string> {
  const found = await em.findOne(Employee, { email: email.toLowerCase(), active: true }, { fields: ['id'] });
  if (!found) throw nobody(`No active employee has the e-mail ${email}`);
  return found.id;
}

async function pickMember(em: EntityManager, role: string, pick: 'round-robin' | 'least-busy'): Promise<string> {
  // Round-robin: whoever was given work of this role longest ago (or never). Least-busy: fewest
  // open assignments. Ties go by name, so the choice is stable and explainable.
  const order =
    pick === 'round-robin'
      ? `(select max(a.opened_at) from assignment a where a.assignee_id = e.id and a.role_code = ?) asc nulls first, e.full_name asc`
      : `(select count(*) from assignment a where a.assignee_id = e.id and a.status = 'open') asc, e.full_name asc`;
  // Picks for one role take turns: the lock holds until the caller's transaction commits the
  // assignment it opens, so cases opened at the same moment do not all go to the same member.
  // em.execute (not getConnection().execute) so both statements run in that transaction.
  await em.execute('select pg_advisory_xact_lock(hashtext(?))', [`assignee-pick:${role}`]);
  const rows = await em.execute<{ id: string }[]>(
    `select e.id from employee e join employee_roles er on er.employee_id = e.id
      where er.role_code = ? and e.active order by ${order} limit 1`,
    pick === 'round-robin' ? [role, role] : [role],
  );
  const id = rows[0]?.id;
  if (!id) throw nobody(`The role ${role} has no active members`);
  return id;
}

export async function resolveAssignee(em: EntityManager, rule: AssigneeRule | Assignee, ctx: AssigneeContext): Promise<ResolvedAssignee> {
  switch (rule.type) {
    case 'person':
      return { assigneeId: await byEmail(em, rule.email), roleCode: null };
    case 'role': {
      const pick = 'pick' in rule ? rule.pick : 'queue';
      return { assigneeId: pick === 'queue' ? null : await pickMember(em, rule.role, pick), roleCode: rule.role };
    }
    case 'variable': {
      const email = ctx.variables[rule.variable];
      if (typeof email !== 'string' || !email) throw nobody(`The variable ${rule.variable} holds no e-mail`);
      return { assigneeId: await byEmail(em, email), roleCode: null };
    }
    case 'manager-of': {
      const doer = ctx.completedBy[rule.step];
      if (!doer) throw nobody(`Nobody has completed the step ${rule.step} yet`);
      const employee = await em.findOne(Employee, doer, { fields: ['manager'] });
      const managerId = employee?.manager?.id;
      if (!managerId) throw nobody(`Whoever completed ${rule.step} has no manager`);
      return { assigneeId: managerId, roleCode: null };
    }
    case 'starter':
      return { assigneeId: ctx.startedBy, roleCode: null };
  }
}

/** The current assignee's manager, for "notify the manager" escalations. */
export async function managerOf(em: EntityManager, assignmentId: string): Promise<string | null> {
  const a = await em.findOneOrFail(Assignment, assignmentId, { fields: ['assignee'] });
  if (!a.assignee) return null;
  const e = await em.findOne(Employee, a.assignee.id, { fields: ['manager'] });
  return e?.manager?.id ?? null;
}
