// Who a rule names must exist when the route is published: a person is an active employee, a
// role exists, a `variable` rule reads a declared text variable (it holds an e-mail), and
// `manager-of` points at a task, since only a task is completed by someone who has a manager.
// The same rules apply to task assignees, escalation reassignments and notifications.
import type { FieldProblem } from '../../errors.ts';
import type { AssigneeRule } from '../graph-schema.ts';
import { aNode, declaredVariable, problemAt, type GraphContext } from './context.ts';

export function assigneeProblems(ctx: GraphContext, rule: AssigneeRule, index: number, at: string): FieldProblem[] {
  const problem = (field: string, message: string) => [problemAt(ctx, index, `${at}.${field}`, message)];
  switch (rule.type) {
    case 'person':
      return ctx.directory.people.has(rule.email.toLowerCase()) ? [] : problem('email', `no active employee has the e-mail ${rule.email}`);
    case 'role':
      return ctx.directory.roles.has(rule.role) ? [] : problem('role', `no role "${rule.role}" exists`);
    case 'variable': {
      const declared = declaredVariable(ctx, rule.variable);
      if (!declared) return problem('variable', `no variable "${rule.variable}" is declared; declare it as text holding an employee's e-mail`);
      return declared.type === 'text' ? [] : problem('variable', `the variable "${rule.variable}" is a ${declared.type}, but it must be text holding an employee's e-mail`);
    }
    case 'manager-of': {
      const step = ctx.byId.get(rule.step);
      if (!step) return problem('step', `no step "${rule.step}" exists`);
      return step.kind === 'task' ? [] : problem('step', `"${rule.step}" is ${aNode(step.kind)}; "manager of" needs a task, which a person completes`);
    }
    case 'starter':
      return [];
  }
}

export function checkAssignees(ctx: GraphContext): FieldProblem[] {
  const problems: FieldProblem[] = [];
  ctx.graph.nodes.forEach((node, i) => {
    if (node.kind === 'task') {
      problems.push(...assigneeProblems(ctx, node.assignee, i, '.assignee'));
      node.escalations.forEach((e, k) => {
        if (e.action.type === 'reassign') problems.push(...assigneeProblems(ctx, e.action.to, i, `.escalations[${k}].action.to`));
      });
    }
    if (node.kind === 'action' && node.do.type === 'notify') problems.push(...assigneeProblems(ctx, node.do.to, i, '.do.to'));
    if (node.kind === 'action' && node.do.type === 'create-task') problems.push(...assigneeProblems(ctx, node.do.assignee, i, '.do.assignee'));
  });
  // The roles an event names as its senders exist too.
  for (const [name, decl] of Object.entries(ctx.graph.events)) {
    (decl.senders?.roles ?? []).forEach((role, k) => {
      if (!ctx.directory.roles.has(role)) problems.push({ path: `events.${name}.senders.roles[${k}]`, message: `no role "${role}" exists` });
    });
  }
  return problems;
}
