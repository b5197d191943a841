// Rules for the nodes that reach beyond the case: a `call` action names an operation the product
// has and gives its literal arguments in the shape the operation takes (copied ones are checked
// when the action runs); a `foreach` takes its items from a declared list variable or a known
// list source, runs a body route about the kind of record the items are, within the limits, and
// ends early only on counters that exist. Lists never travel into child cases.
import type { z } from 'zod';
import { checkConditionReferences } from '../../conditions/references.ts';
import type { FieldProblem } from '../../errors.ts';
import { LIST_SOURCES } from '../../processes/list-sources.ts';
import { ROUTE_OPERATIONS } from '../../processes/route-operations.ts';
import type { NodeOf, ValueRef } from '../graph-schema.ts';
import { declaredVariable, problemAt, type GraphContext } from './context.ts';
import { knownReferences } from './references.ts';

/** What a foreach's `completeWhen` may read as `items.<name>`. */
export const FOREACH_COUNTERS = ['total', 'started', 'running', 'finished', 'succeeded', 'failed', 'cancelled'] as const;

type Report = (rest: string, message: string) => void;

export function checkMultiInstance(ctx: GraphContext): FieldProblem[] {
  const problems: FieldProblem[] = [];
  ctx.graph.nodes.forEach((node, i) => {
    const report: Report = (rest, message) => problems.push(problemAt(ctx, i, rest, message));
    if (node.kind === 'action' && node.do.type === 'call') checkCall(ctx, node.do, report);
    if (node.kind === 'foreach') checkForeach(ctx, node, report);
    if (node.kind === 'subprocess') noLists(ctx, node.inputs, '.inputs', report);
  });
  return problems;
}

function checkCall(ctx: GraphContext, call: Extract<NodeOf<'action'>['do'], { type: 'call' }>, report: Report): void {
  const operations = ctx.directory.operations ?? ROUTE_OPERATIONS;
  const op = operations.get(call.operation);
  if (!op) {
    const known = [...operations.keys()].sort();
    report('.do.operation', `no operation "${call.operation}"; ${known.length ? `the operations are ${known.join(', ')}` : 'no operations are registered'}`);
    return;
  }
  checkLiterals(op.args, call.args, '.do.args', report);
  Object.entries(call.args).forEach(([name, ref]) => copyRef(ctx, ref, `.do.args.${name}.from`, report));
}

function checkForeach(ctx: GraphContext, node: NodeOf<'foreach'>, report: Report): void {
  let recordType: string | undefined;
  if ('from' in node.items) {
    const name = node.items.from.slice('variables.'.length);
    const declared = declaredVariable(ctx, name);
    if (!declared) report('.items.from', `no variable "${name}" is declared; declare it as a list`);
    else if (declared.type !== 'list') report('.items.from', `the variable "${name}" is ${declared.type}, but a foreach walks a list`);
  } else {
    const sources = ctx.directory.listSources ?? LIST_SOURCES;
    const source = sources.get(node.items.source);
    if (!source) {
      const known = [...sources.keys()].sort();
      report('.items.source', `no list source "${node.items.source}"; ${known.length ? `the sources are ${known.join(', ')}` : 'no list sources are registered'}`);
    } else {
      recordType = source.recordType;
      checkLiterals(source.args, node.items.args, '.items.args', report);
    }
    const args = node.items.args;
    Object.entries(args).forEach(([name, ref]) => copyRef(ctx, ref, `.items.args.${name}.from`, report));
  }
  const subjects = ctx.directory.routeSubjects;
  const bodySubject = subjects?.get(node.route);
  if (recordType !== undefined && subjects?.has(node.route) && bodySubject !== recordType) {
    report('.route', `the items of "${'source' in node.items ? node.items.source : ''}" are ${recordType} records, but the route "${node.route}" is ${bodySubject ? `about a ${bodySubject}` : 'about no record'}; its body route must have "subject": "${recordType}"`);
  }
  if (Object.hasOwn(node.inputs, node.as)) report(`.inputs.${node.as}`, `"${node.as}" holds each item's value ("as"); give this input another name`);
  noLists(ctx, node.inputs, '.inputs', report);
  Object.entries(node.inputs).forEach(([name, ref]) => copyRef(ctx, ref, `.inputs.${name}.from`, report));
  if (node.completeWhen !== undefined) {
    const known = { ...knownReferences(ctx), items: new Set<string>(FOREACH_COUNTERS) };
    for (const p of checkConditionReferences(node.completeWhen, known)) report('.completeWhen', `the condition reads "${p.path}": ${p.message}`);
  }
}

/** A copied value must exist in the route; the shared reference check covers the other node kinds. */
function copyRef(ctx: GraphContext, ref: ValueRef, rest: string, report: Report): void {
  if (ref === null || typeof ref !== 'object') return;
  for (const p of checkConditionReferences({ var: ref.from }, knownReferences(ctx))) report(rest, `copies from "${p.path}": ${p.message}`);
}

/** Child cases start without the parent's lists: a list goes to children one item each, through a foreach. */
function noLists(ctx: GraphContext, inputs: Record<string, ValueRef>, rest: string, report: Report): void {
  for (const [name, ref] of Object.entries(inputs)) {
    if (ref === null || typeof ref !== 'object' || !ref.from.startsWith('variables.')) continue;
    if (declaredVariable(ctx, ref.from.slice('variables.'.length))?.type === 'list') report(`${rest}.${name}`, `"${ref.from}" is a list; a child case gets one item of a list through a foreach, not the whole list`);
  }
}

/** Literal arguments are checked against the schema now; `{ from }` ones only when they are known, at run time. */
function checkLiterals(schema: z.ZodType, args: Record<string, ValueRef>, rest: string, report: Report): void {
  const literal = Object.fromEntries(Object.entries(args).filter(([, v]) => v === null || typeof v !== 'object'));
  const copied = new Set(Object.keys(args).filter((k) => !Object.hasOwn(literal, k)));
  const parsed = schema.safeParse(literal);
  if (parsed.success) return;
  for (const issue of parsed.error.issues) {
    const [first] = issue.path;
    // An argument given as a copy is missing from the literal object: not a problem yet.
    if (typeof first === 'string' && copied.has(first)) continue;
    if (issue.path.length === 0 && issue.code === 'invalid_type') continue;
    report(`${rest}${issue.path.length ? `.${issue.path.join('.')}` : ''}`, issue.message);
  }
}
