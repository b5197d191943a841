// Durations in a route graph: `"P2D"` is calendar time (ISO 8601, checked by duration.ts) and
// `{ "working": "P3D" }` is time on the working calendar (checked by working-duration.ts).
// Zero is refused everywhere except as a calendar-time reminder offset ("PT0M" before the due
// time reminds at the due time), matching what the interpreter's deadline.ts accepts.
import type { FieldProblem } from '../../errors.ts';
import { checkWorkingDuration } from '../../calendar/working-duration.ts';
import { parseDuration } from '../duration.ts';
import type { DurationSpec } from '../graph-schema.ts';
import { problemAt, type GraphContext } from './context.ts';

export function durationProblem(spec: DurationSpec, opts: { allowZero?: boolean } = {}): string | undefined {
  if (typeof spec === 'string') {
    const r = parseDuration(spec, opts);
    return r.ok ? undefined : r.reason;
  }
  const r = checkWorkingDuration(spec.working);
  return r.ok ? undefined : r.reason;
}

export function checkDurations(ctx: GraphContext): FieldProblem[] {
  const problems: FieldProblem[] = [];
  ctx.graph.nodes.forEach((node, i) => {
    const check = (spec: DurationSpec | undefined, rest: string, opts: { allowZero?: boolean } = {}) => {
      const message = spec === undefined ? undefined : durationProblem(spec, opts);
      if (message) problems.push(problemAt(ctx, i, rest, message));
    };
    if (node.kind === 'task') {
      check(node.due, '.due');
      node.remindBefore.forEach((spec, k) => check(spec, `.remindBefore[${k}]`, { allowZero: true }));
      node.escalations.forEach((e, k) => check(e.after, `.escalations[${k}].after`));
      check(node.warnBefore, '.warnBefore');
      const { due, warnBefore } = node;
      if (due !== undefined && warnBefore !== undefined && notShorter(warnBefore, due)) {
        problems.push(problemAt(ctx, i, '.warnBefore', `a warning ${describe(warnBefore)} before the due time would come when the step opens or earlier (due ${describe(due)}); make it shorter than "due"`));
      }
    }
    if (node.kind === 'action' && node.do.type === 'create-task') check(node.do.due, '.do.due');
    if (node.kind === 'wait') {
      check(node.for, '.for');
      check(node.timeout, '.timeout');
      const offset = node.until?.offset;
      check(offset, '.until.offset');
      // From a date the interpreter moves by whole working days, and would silently drop working
      // hours; "3 working days before the due date" is how the business states it anyway.
      if (offset !== undefined && typeof offset !== 'string') {
        const working = checkWorkingDuration(offset.working);
        if (working.ok && working.value.ms > 0) {
          problems.push(problemAt(ctx, i, '.until.offset', `an offset from a date counts whole working days, such as P3D; "${offset.working}" has hours or minutes`));
        }
      }
    }
  });
  return problems;
}

const describe = (spec: DurationSpec): string => (typeof spec === 'string' ? `"${spec}"` : `"${spec.working}" of working time`);

/**
 * Whether a warning offset is surely not shorter than the due duration. Only comparable in the same
 * unit: two calendar durations, or two working ones whose days and hours are each no smaller (a
 * working day has no fixed number of hours, so "PT9H" against "P1D" is left to the calendar).
 */
function notShorter(warn: DurationSpec, due: DurationSpec): boolean {
  if (typeof warn === 'string' && typeof due === 'string') {
    const w = parseDuration(warn);
    const d = parseDuration(due);
    return w.ok && d.ok && w.ms >= d.ms;
  }
  if (typeof warn === 'string' || typeof due === 'string') return false;
  const w = checkWorkingDuration(warn.working);
  const d = checkWorkingDuration(due.working);
  return w.ok && d.ok && w.value.days >= d.value.days && w.value.ms >= d.value.ms;
}
