// Rules about a single node that the schema cannot express: a task's reminders and escalations
// count from its due time; a decision needs a default; a wait waits for exactly one thing; an
// end that fails says why; a sub-process runs another published route.
import type { FieldProblem } from '../../errors.ts';
import type { GraphNode, NodeOf } from '../graph-schema.ts';
import { declaredVariable, problemAt, type GraphContext } from './context.ts';

type Report = (rest: string, message: string) => void;

export function checkNodes(ctx: GraphContext): FieldProblem[] {
  const problems: FieldProblem[] = [];
  ctx.graph.nodes.forEach((node, i) => {
    const report: Report = (rest, message) => problems.push(problemAt(ctx, i, rest, message));
    checkNode(ctx, node, report);
  });
  return problems;
}

function checkNode(ctx: GraphContext, node: GraphNode, report: Report): void {
  switch (node.kind) {
    case 'task':
      return checkTask(node, report);
    case 'decision':
      if (node.otherwise === undefined) report('.otherwise', 'when no branch applies the case would have nowhere to go: add "otherwise", the default next step');
      return;
    case 'wait':
      return checkWait(ctx, node, report);
    case 'foreach':
    case 'subprocess':
      if (node.route === ctx.directory.ownKey) report('.route', `a route cannot run itself as a ${node.kind === 'foreach' ? 'foreach body' : 'sub-process'}`);
      else if (!ctx.directory.publishedRoutes?.has(node.route)) report('.route', `no published route has the key "${node.route}"; publish it first`);
      return;
    case 'end':
      if (node.result === 'failure' && !node.reason?.trim()) report('.reason', 'an unsuccessful ending should say why: add a "reason"');
      return;
    default:
      return;
  }
}

function checkTask(node: NodeOf<'task'>, report: Report): void {
  if (node.due === undefined) {
    if (node.remindBefore.length) report('.remindBefore', 'reminders are counted back from the due time, so this task needs "due"');
    if (node.escalations.length) report('.escalations', 'escalations start from the due time, so this task needs "due"');
    if (node.warnBefore !== undefined) report('.warnBefore', 'the warning is counted back from the due time, so this task needs "due"');
  }
  duplicates(node.outcomes?.map((o) => o.id) ?? []).forEach((id) => report('.outcomes', `outcome id "${id}" appears more than once`));
  duplicates(node.form?.map((f) => f.id) ?? []).forEach((id) => report('.form', `form field id "${id}" appears more than once`));
  const outcomes = new Set(node.outcomes?.map((o) => o.id));
  node.form?.forEach((f, i) => {
    if (!f.requiredFor) return;
    if (f.required) report(`.form[${i}].requiredFor`, `"${f.id}" is required always, so "requiredFor" says nothing; drop one of them`);
    const unknown = f.requiredFor.filter((o) => !outcomes.has(o));
    if (unknown.length) report(`.form[${i}].requiredFor`, outcomes.size ? `"${f.id}" is required for ${unknown.map((o) => `"${o}"`).join(', ')}, which ${unknown.length > 1 ? 'are not outcomes' : 'is not an outcome'} of this task; its outcomes are ${[...outcomes].join(', ')}` : `"${f.id}" is required for outcomes, but this task has none`);
  });
}

function checkWait(ctx: GraphContext, node: NodeOf<'wait'>, report: Report): void {
  const given = (['for', 'until', 'event'] as const).filter((k) => node[k] !== undefined);
  if (given.length !== 1) {
    const what = given.length === 0 ? 'says nothing to wait for' : `has ${given.map((k) => `"${k}"`).join(' and ')}`;
    report('', `a wait needs exactly one of "for" (a duration), "until" (a date in a variable) or "event" (an outside event); this one ${what}`);
  }
  if (node.event === undefined) {
    if (node.timeout !== undefined) report('.timeout', '"timeout" only applies to a wait for an event');
    if (node.onTimeout !== undefined) report('.onTimeout', '"onTimeout" only applies to a wait for an event');
  } else {
    if (!Object.hasOwn(ctx.graph.events, node.event)) report('.event', `no event "${node.event}" is declared in "events"`);
    if (node.onTimeout !== undefined && node.timeout === undefined) report('.onTimeout', 'this wait has no "timeout", so "onTimeout" would never be taken');
  }
  if (node.until !== undefined) {
    const name = node.until.variable;
    const declared = declaredVariable(ctx, name);
    if (!declared) report('.until.variable', `no variable "${name}" is declared; declare it as a date`);
    else if (declared.type !== 'date') report('.until.variable', `the variable "${name}" is ${declared.type}, but waiting until needs a date`);
  }
}

function duplicates(ids: string[]): string[] {
  return [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
}
