// Durations in a route graph: `"P2D"` is calendar time (ISO 8601, checked by duration.ts) and
// `{ "working": "P3D" }` is time on the working calendar (checked by working-duration.ts).
// Reminders and escalation steps are measured from the due time, so there zero is allowed:
// "remind at the due time", "escalate as soon as it is late".
import { Duration } from 'luxon';
import type { FieldProblem } from '../../errors.ts';
import { checkWorkingDuration } from '../../calendar/working-duration.ts';
import { parseDuration } from '../duration.ts';
import type { DurationSpec } from '../graph-schema.ts';
import { problemAt, type GraphContext } from './context.ts';

export function durationProblem(spec: DurationSpec, allowZero = false): string | undefined {
  const text = typeof spec === 'string' ? spec : spec.working;
  if (allowZero && isZero(text)) return undefined;
  if (typeof spec === 'string') {
    const r = parseDuration(spec);
    return r.ok ? undefined : r.reason;
  }
  const r = checkWorkingDuration(spec.working);
  return r.ok ? undefined : r.reason;
}

function isZero(text: string): boolean {
  const d = Duration.fromISO(text);
  return d.isValid && d.as('milliseconds') === 0;
}

export function checkDurations(ctx: GraphContext): FieldProblem[] {
  const problems: FieldProblem[] = [];
  ctx.graph.nodes.forEach((node, i) => {
    const check = (spec: DurationSpec | undefined, rest: string, allowZero = false) => {
      const message = spec === undefined ? undefined : durationProblem(spec, allowZero);
      if (message) problems.push(problemAt(ctx, i, rest, message));
    };
    if (node.kind === 'task') {
      check(node.due, '.due');
      node.remindBefore.forEach((spec, k) => check(spec, `.remindBefore[${k}]`, true));
      node.escalations.forEach((e, k) => check(e.after, `.escalations[${k}].after`, true));
    }
    if (node.kind === 'wait') {
      check(node.for, '.for');
      check(node.timeout, '.timeout');
      check(node.until?.offset, '.until.offset');
    }
  });
  return problems;
}
