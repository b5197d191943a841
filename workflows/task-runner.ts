// Runs one task node: opens the assignment, then waits for it to be completed while walking its
// ladder - reminders before the due time, then escalation steps after it, each at its own
// instant. A task without reminders or escalations sets no timer at all (v0 routes replay
// unchanged). A task cancelled with its parallel branch has its assignment withdrawn.
import { CancellationScope, condition, isCancellation, uuid4 } from '@temporalio/workflow';
import type { WorkingCalendar } from '../domain/calendar/working-calendar.ts';
import { after, before } from '../domain/routes/deadline.ts';
import type { EscalationAction, TaskNode } from '../domain/routes/graph-schema.ts';
import type { ActivityProxies } from './activity-proxies.ts';
import type { ProcessState } from './process-state.ts';

export interface TaskContext {
  base: { workflowId: string; processId: string };
  state: ProcessState;
  calendar: WorkingCalendar | undefined;
  startedBy: string;
  acts: ActivityProxies;
  /** True while the whole case is ending: the ending itself withdraws every open assignment. */
  caseEnding(): boolean;
}

interface Rung {
  at: Date;
  kind: 'reminder' | 'escalation';
  action: EscalationAction;
}

const nowIso = (): string => new Date().toISOString();

export function assigneeContext(ctx: TaskContext) {
  return { variables: ctx.state.variables, completedBy: ctx.state.completedBy, startedBy: ctx.startedBy };
}

function ladder(ctx: TaskContext, node: TaskNode, dueAt: Date | undefined): Rung[] {
  if (!dueAt) return [];
  const rungs: Rung[] = [
    ...node.remindBefore.map((spec) => ({ at: before(ctx.calendar, dueAt, spec), kind: 'reminder' as const, action: { type: 'remind' as const } })),
    ...node.escalations.map((e) => ({ at: after(ctx.calendar, dueAt, e.after), kind: 'escalation' as const, action: e.action })),
  ];
  return rungs.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** Opens the assignment of a task node; it is then open in the state until completed. */
export async function openTask(ctx: TaskContext, node: TaskNode): Promise<{ assignmentId: string; dueAt: Date | undefined }> {
  const { state, acts } = ctx;
  const assignmentId = uuid4();
  const openedAt = new Date();
  const dueAt = node.due ? after(ctx.calendar, openedAt, node.due) : undefined;
  const opened = await acts.openAssignment({
    ...ctx.base,
    assignmentId,
    step: { id: node.id, name: node.name, ...(node.instructions ? { instructions: node.instructions } : {}), ...(node.outcomes ? { outcomes: node.outcomes } : {}), ...(node.form ? { form: node.form } : {}) },
    assignee: node.assignee,
    priority: node.priority,
    openedAt: openedAt.toISOString(),
    dueAt: dueAt?.toISOString() ?? null,
    context: assigneeContext(ctx),
  });
  state.open.set(assignmentId, { ...opened, node });
  return { assignmentId, dueAt };
}

export async function runTask(ctx: TaskContext, node: TaskNode): Promise<void> {
  const { state, acts } = ctx;
  const { assignmentId, dueAt } = await openTask(ctx, node);
  const isOpen = (): boolean => state.open.has(assignmentId);
  try {
    let level = 0;
    for (const rung of ladder(ctx, node, dueAt)) {
      const wait = rung.at.getTime() - Date.now();
      const label = rung.kind === 'reminder' ? 'reminder' : `escalation: ${rung.action.type}`;
      const finished = wait > 0 ? await state.withTimer({ nodeId: node.id, label, at: rung.at.toISOString() }, () => condition(() => !isOpen(), wait)) : !isOpen();
      if (finished) break;
      if (rung.kind === 'escalation') level++;
      const changed = await acts.escalate({ ...ctx.base, assignmentId, stepId: node.id, kind: rung.kind, level, action: rung.action, context: assigneeContext(ctx), at: nowIso() });
      const current = state.open.get(assignmentId);
      if (current) Object.assign(current, changed);
    }
    await condition(() => !isOpen());
  } catch (err) {
    if (isCancellation(err) && !ctx.caseEnding() && isOpen()) {
      await CancellationScope.nonCancellable(() => acts.withdrawAssignment({ ...ctx.base, assignmentId, stepId: node.id, at: nowIso() }));
      state.open.delete(assignmentId);
    }
    throw err;
  }
}
