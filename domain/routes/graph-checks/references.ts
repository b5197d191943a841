// What conditions and copied values may read: `variables.<id>` (declared, set by an action, or
// filled from a sub-process), `outcomes.<step>` and `forms.<step>.<field>` of a task, and of a
// wait for an event (`outcomes.<wait>` is "event" or "timeout", `forms.<wait>.<field>` the
// event's payload). A reference to something the route does not have would silently read
// nothing at run time, so it is refused at publish time.
import { checkConditionReferences, type KnownReferences, type KnownStep } from '../../conditions/references.ts';
import type { FieldProblem } from '../../errors.ts';
import type { ValueRef } from '../graph-schema.ts';
import { problemAt, type GraphContext } from './context.ts';

export function knownReferences(ctx: GraphContext): KnownReferences {
  const { graph } = ctx;
  const variables = new Set(Object.keys(graph.variables));
  const steps = new Map<string, KnownStep>();
  for (const node of ctx.byId.values()) {
    if (node.kind === 'action' && node.do.type === 'set') variables.add(node.do.variable);
    if (node.kind === 'subprocess') Object.keys(node.outputs).forEach((v) => variables.add(v));
    if (node.kind === 'task') {
      steps.set(node.id, { outcomes: new Set(node.outcomes?.map((o) => o.id)), formFields: new Set(node.form?.map((f) => f.id)) });
    }
    if (node.kind === 'wait' && node.event !== undefined) {
      const payload = Object.hasOwn(graph.events, node.event) ? (graph.events[node.event]?.payload ?? {}) : {};
      steps.set(node.id, { outcomes: new Set(['event', 'timeout']), formFields: new Set(Object.keys(payload)) });
    }
  }
  return { variables, steps };
}

export function checkReferences(ctx: GraphContext): FieldProblem[] {
  const known = knownReferences(ctx);
  const problems: FieldProblem[] = [];
  ctx.graph.nodes.forEach((node, i) => {
    const value = (ref: ValueRef, rest: string) => {
      if (ref === null || typeof ref !== 'object') return;
      for (const p of checkConditionReferences({ var: ref.from }, known)) problems.push(problemAt(ctx, i, rest, `copies from "${p.path}": ${p.message}`));
    };
    if (node.kind === 'decision') {
      node.branches.forEach((b, k) => {
        for (const p of checkConditionReferences(b.when, known)) {
          problems.push(problemAt(ctx, i, `.branches[${k}].when`, `the condition reads "${p.path}": ${p.message}`));
        }
      });
    }
    if (node.kind === 'action' && node.do.type === 'set') value(node.do.value, '.do.value.from');
    if (node.kind === 'action' && node.do.type === 'update-record') Object.entries(node.do.set).forEach(([field, ref]) => value(ref, `.do.set.${field}.from`));
    if (node.kind === 'subprocess') Object.entries(node.inputs).forEach(([name, ref]) => value(ref, `.inputs.${name}.from`));
  });
  return problems;
}
