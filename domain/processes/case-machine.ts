// The route interpreter as a pure state machine. Every change to a case - it starts, a person
// completes, claims or is given a step, a timer fires, an outside event or a sub-process result
// arrives, someone cancels - is one method call that moves the paths (tokens) through the graph
// until each waits for something again, and appends the effects to record (open this step, close
// that one, write the timeline) to a journal. The workflow hosts it (timers, child workflows, one
// activity that applies each batch of effects in one transaction); the API runs it once to open a
// case's first steps. Deterministic: time and ids come from the host, nothing here does I/O.
import type { WorkingCalendar } from '../calendar/working-calendar.ts';
import { evaluateCondition } from '../conditions/evaluate.ts';
import type { FieldProblem } from '../errors.ts';
import { after, before, fromDateVariable, warningAt } from '../routes/deadline.ts';
import type { GraphNode, NodeOf, RouteGraph, TaskNode, ValueRef } from '../routes/graph-schema.ts';
import { checkCompletion, type StepCompletion } from '../routes/step-input.ts';
import { toGraph } from '../routes/to-graph.ts';
import type { AssigneeContext, CaseEnding, CaseRecord, CaseState, ChildCase, Effect, ForeachRun, FormValue, OpenStep, OutsideEvent, PendingTimer, StepRecord, Token, TransitionResult, VariableValue } from './case-state.ts';
import { DEFAULT_LIMITS, workflowIdFor, type CaseLimits, type ProcessInput, type ProcessResult } from './process-input.ts';

export interface MachineEnv {
  now(): Date;
  newId(): string;
}

/** Who is acting, as the API authenticated them. */
export interface ActingEmployee {
  employeeId: string;
  roles: string[];
}

/** Why a request to a case is refused; the API maps each to a status (404, 403, 409, 422). */
export const REFUSALS = {
  notFound: 'AssignmentNotFound',
  forbidden: 'NotYourAssignment',
  conflict: 'AssignmentClosed',
  notRunning: 'ProcessNotRunning',
  invalid: 'InvalidCompletion',
} as const;
export type RefusalType = (typeof REFUSALS)[keyof typeof REFUSALS];

export class Refusal extends Error {
  readonly type: RefusalType;
  readonly problems: FieldProblem[];
  constructor(type: RefusalType, message: string, problems: FieldProblem[] = []) {
    super(message);
    this.name = 'Refusal';
    this.type = type;
    this.problems = problems;
  }
}

export interface LiveState {
  status: 'running' | 'completed' | 'cancelled' | 'failed';
  /** Nodes where the case is now (more than one inside parallel branches). */
  activeNodes: { nodeId: string; kind: string; since: string }[];
  openSteps: OpenStepView[];
  /** Every pending timer: waits, event timeouts, and each rung of each escalation ladder. */
  timers: { nodeId: string; label: string; at: string }[];
  completedSteps: StepRecord[];
  variables: Record<string, VariableValue>;
  outcomes: Record<string, string | undefined>;
  /** Sub-processes running now (foreach items are counted in `foreach` instead). */
  children: { nodeId: string; processId: string | null }[];
  /** Foreach nodes at work: "finished of total done (running running)". */
  foreach: ForeachView[];
}

export interface ForeachView {
  nodeId: string;
  /** Null until the list has been resolved. */
  total: number | null;
  started: number;
  running: number;
  finished: number;
  succeeded: number;
  failed: number;
  cancelled: number;
}

export type OpenStepView = Omit<OpenStep, 'tokenId' | 'level' | 'outcomes' | 'form' | 'assigneeId'> & { assigneeId: string | null };

const RECENT_STEPS = 50;

export const mayWork = (s: Pick<OpenStep, 'assigneeId' | 'roleCode'>, actor: ActingEmployee): boolean =>
  s.assigneeId ? s.assigneeId === actor.employeeId : s.roleCode !== null && actor.roles.includes(s.roleCode);

export const stepView = ({ tokenId: _t, level: _l, outcomes: _o, form: _f, ...rest }: OpenStep): OpenStepView => ({ ...rest, assigneeId: rest.assigneeId ?? null });

export function initialState(variables: Record<string, VariableValue>): CaseState {
  return { variables: { ...variables }, outcomes: {}, forms: {}, completedBy: {}, tokens: [], splits: [], open: [], timers: [], children: [], events: [], done: [], visits: 0 };
}

export class CaseMachine {
  readonly state: CaseState;
  readonly workflowId: string;
  readonly limits: CaseLimits;
  private readonly input: ProcessInput;
  private readonly graph: RouteGraph;
  private readonly nodes: Map<string, GraphNode>;
  private readonly env: MachineEnv;
  private journal: Effect[] = [];
  /**
   * Set by the workflow while it waits to continue as new: foreach nodes start no more children,
   * so the running ones can drain. A new run starts with it off and calls `resumeItems`.
   */
  holdItems = false;
  private seq = 0;
  private lastCurrent = '';

  constructor(input: ProcessInput, env: MachineEnv) {
    this.input = input;
    this.env = env;
    this.graph = input.definition.language === 'route/v1' ? input.definition : toGraph(input.definition);
    this.nodes = new Map(this.graph.nodes.map((n) => [n.id, n]));
    this.state = input.resume ?? initialState(input.variables);
    this.workflowId = workflowIdFor(input.processId);
    this.limits = { ...DEFAULT_LIMITS, ...input.limits };
    this.lastCurrent = currentKey(this.state.open);
  }

  private get calendar(): WorkingCalendar | undefined {
    return this.graph.calendar;
  }

  private nowIso(): string {
    return this.env.now().toISOString();
  }

  // ---- the journal the host flushes --------------------------------------------------------

  /** Effects appended so far and not yet taken, plus the sequence number of the last one. */
  takeJournal(): { effects: Effect[]; seq: number } {
    const current = currentKey(this.state.open);
    if (current !== this.lastCurrent && !this.state.ended) {
      this.lastCurrent = current;
      this.emit({ type: 'current', steps: this.state.open.map((s) => ({ id: s.stepId, name: s.stepName })) });
    }
    const effects = this.journal;
    this.journal = [];
    return { effects, seq: this.seq };
  }

  /** Effects a previous run of the workflow handed over with its state, not yet recorded. */
  restoreJournal(effects: Effect[]): void {
    for (const e of effects) this.emit(e);
  }

  get pendingEffects(): number {
    return this.journal.length;
  }

  /** Sequence number of the last effect appended: the host answers a request once it is flushed. */
  get lastSeq(): number {
    return this.seq;
  }

  private emit(e: Effect): void {
    this.journal.push(e);
    this.seq++;
  }

  private event(event: string, suffix: string, data: Omit<Extract<Effect, { type: 'event' }>, 'type' | 'key' | 'event' | 'at'> & { at?: string } = {}): void {
    this.emit({ type: 'event', key: `${this.workflowId}:${event}:${suffix}`, event, at: data.at ?? this.nowIso(), ...data });
  }

  /** Records what applying effects found out: who got each step, escalations, prepared children. */
  applyResult(r: TransitionResult): void {
    for (const [id, who] of Object.entries(r.opened)) {
      const s = this.state.open.find((o) => o.assignmentId === id);
      if (s) Object.assign(s, who);
    }
    for (const [id, who] of Object.entries(r.escalated)) {
      const s = this.state.open.find((o) => o.assignmentId === id);
      if (s) Object.assign(s, who);
    }
    for (const [id, child] of Object.entries(r.children)) {
      const c = this.state.children.find((ch) => ch.childId === id);
      if (!c) continue;
      Object.assign(c, child);
      // A foreach's children share their body route: it came once per window, not per child.
      const body = c.foreach !== undefined ? r.bodies?.[c.foreach] : undefined;
      if (body && c.input) c.input = { ...c.input, route: body.route };
    }
    for (const [listId, body] of Object.entries(r.bodies ?? {})) {
      const run = this.runOf(listId);
      if (run) run.versionId = body.route.versionId;
    }
    for (const [listId, { total }] of Object.entries(r.lists ?? {})) {
      const run = this.runOf(listId);
      if (!run || run.total !== undefined || this.state.ended) continue;
      run.total = total;
      this.event('foreach.started', listId, { nodeId: run.nodeId, data: { total } });
      this.fillItems(run);
      this.run();
    }
  }

  // ---- what happens to a case --------------------------------------------------------------

  begin(): void {
    this.event('process.started', '', { actorId: this.input.startedBy });
    this.addToken(this.graph.start, []);
    this.run();
  }

  get ended(): CaseEnding | undefined {
    return this.state.ended;
  }

  /** Refuses (throws a Refusal) what `complete` would refuse, without changing anything. */
  checkComplete(req: StepCompletion & { assignmentId: string; actor: ActingEmployee }): OpenStep {
    const s = this.openStep(req.assignmentId);
    if (s.assigneeId !== undefined && !mayWork(s, req.actor)) {
      throw new Refusal(REFUSALS.forbidden, s.assigneeId ? 'This assignment belongs to someone else' : `Only members of the role ${s.roleCode ?? '?'} may complete this assignment`);
    }
    const problems = checkCompletion(s, req);
    if (problems.length) throw new Refusal(REFUSALS.invalid, 'The step cannot be completed with this data', problems);
    return s;
  }

  complete(req: StepCompletion & { assignmentId: string; actor: ActingEmployee }): { record: StepRecord; opened: string[] } {
    const s = this.checkComplete(req);
    const at = this.nowIso();
    const employeeId = req.actor.employeeId;
    this.closeStep(s);
    this.emit({ type: 'complete', assignmentId: s.assignmentId, stepId: s.stepId, employeeId, outcome: req.outcome, form: req.form, at });
    this.event('step.completed', s.assignmentId, { nodeId: s.stepId, assignmentId: s.assignmentId, actorId: employeeId, at, data: { outcome: req.outcome ?? null } });
    const record: StepRecord = { stepId: s.stepId, assignmentId: s.assignmentId, outcome: req.outcome, completedBy: employeeId, completedAt: at };
    this.state.done.push(record);
    if (this.state.done.length > RECENT_STEPS) this.state.done.splice(0, this.state.done.length - RECENT_STEPS);
    this.state.outcomes[s.stepId] = req.outcome;
    this.state.forms[s.stepId] = { ...(req.form ?? {}) };
    this.state.completedBy[s.stepId] = employeeId;
    this.state.visits = 0;
    const before = new Set(this.state.open.map((o) => o.assignmentId));
    const token = s.tokenId ? this.state.tokens.find((t) => t.id === s.tokenId) : undefined;
    if (token) {
      token.wait = undefined;
      this.moveOn(token, (this.nodes.get(s.stepId) as TaskNode | undefined)?.next);
    }
    this.run();
    return { record, opened: this.state.open.filter((o) => !before.has(o.assignmentId)).map((o) => o.assignmentId) };
  }

  checkClaim(req: { assignmentId: string; actor: ActingEmployee }): OpenStep {
    const s = this.openStep(req.assignmentId);
    if (s.assigneeId === undefined) return s;
    if (s.assigneeId !== null) {
      throw new Refusal(s.assigneeId === req.actor.employeeId ? REFUSALS.conflict : REFUSALS.forbidden, s.roleCode ? 'This assignment has already been claimed' : 'This assignment is not in a queue');
    }
    if (!s.roleCode || !req.actor.roles.includes(s.roleCode)) throw new Refusal(REFUSALS.forbidden, `Only members of the role ${s.roleCode ?? '?'} may claim this assignment`);
    return s;
  }

  claim(req: { assignmentId: string; actor: ActingEmployee }): OpenStepView {
    const s = this.checkClaim(req);
    s.assigneeId = req.actor.employeeId;
    const at = this.nowIso();
    this.emit({ type: 'claim', assignmentId: s.assignmentId, stepId: s.stepId, employeeId: req.actor.employeeId, at });
    this.event('step.claimed', s.assignmentId, { nodeId: s.stepId, assignmentId: s.assignmentId, actorId: req.actor.employeeId, at });
    return stepView(s);
  }

  checkReassign(req: { assignmentId: string; actor: ActingEmployee }): OpenStep {
    const s = this.openStep(req.assignmentId);
    if (!req.actor.roles.some((r) => r === 'manager' || r === 'admin')) throw new Refusal(REFUSALS.forbidden, 'Only a manager or an admin may reassign work');
    return s;
  }

  reassign(req: { assignmentId: string; actor: ActingEmployee; to: { employeeId: string } | { role: string }; reason: string }): OpenStepView {
    const s = this.checkReassign(req);
    const to = 'employeeId' in req.to ? { assigneeId: req.to.employeeId, roleCode: s.roleCode } : { assigneeId: null, roleCode: req.to.role };
    Object.assign(s, to);
    this.emit({ type: 'reassign', key: `${this.workflowId}:step.reassigned:${s.assignmentId}:${this.env.newId()}`, assignmentId: s.assignmentId, stepId: s.stepId, ...to, actorId: req.actor.employeeId, reason: req.reason, at: this.nowIso() });
    return stepView(s);
  }

  checkRunning(): void {
    if (this.state.ended) throw new Refusal(REFUSALS.notRunning, 'This case is no longer running');
  }

  cancel(reason: string, actorId?: string): void {
    this.checkRunning();
    this.end({ status: 'cancelled', reason, ...(actorId ? { actorId } : {}) });
  }

  /**
   * The batch that ended the case was refused (a `call` whose operation would not run), so that
   * ending was never recorded: the case may end again, as failed.
   */
  reopenForFailure(): void {
    if (this.state.ended?.status === 'completed') delete this.state.ended;
  }

  fail(reason: string): void {
    if (!this.state.ended) this.end({ status: 'failed', reason });
  }

  timerFired(timerId: string): void {
    const timer = this.state.timers.find((t) => t.id === timerId);
    if (!timer || this.state.ended) return;
    this.dropTimers((t) => t.id === timerId);
    if (timer.kind === 'warning') {
      const s = this.state.open.find((o) => o.assignmentId === timer.assignmentId);
      if (!s?.dueAt) return;
      const timeZone = this.calendar?.timeZone;
      this.emit({ type: 'warn', key: `${this.workflowId}:step.at-risk:${s.assignmentId}`, assignmentId: s.assignmentId, stepId: s.stepId, dueAt: s.dueAt, at: this.nowIso(), ...(timeZone ? { timeZone } : {}) });
      return;
    }
    if (timer.kind === 'reminder' || timer.kind === 'escalation') {
      const s = this.state.open.find((o) => o.assignmentId === timer.assignmentId);
      if (!s || !timer.action) return;
      if (timer.kind === 'escalation') s.level++;
      const key = `${this.workflowId}:${timer.kind}:${s.assignmentId}:${s.level}:${timer.action.type}:${timer.id}`;
      this.emit({ type: 'escalate', key, assignmentId: s.assignmentId, stepId: s.stepId, kind: timer.kind, level: s.level, action: timer.action, context: this.assigneeContext(), at: this.nowIso() });
      if (timer.action.type === 'raise-priority') s.priority = timer.action.to;
      return;
    }
    const token = this.state.tokens.find((t) => t.id === timer.tokenId);
    const node = token && this.nodes.get(token.at);
    if (!token || node?.kind !== 'wait') return;
    token.wait = undefined;
    if (timer.kind === 'wait') {
      this.event('wait.finished', timer.id, { nodeId: node.id, data: { until: timer.at } });
      this.moveOn(token, node.next);
    } else {
      this.state.outcomes[node.id] = 'timeout';
      this.event('event.timeout', timer.id, { nodeId: node.id, data: { name: node.event ?? null } });
      this.moveOn(token, node.onTimeout ?? node.next);
    }
    this.run();
  }

  eventReceived(e: OutsideEvent): void {
    if (this.state.ended) return;
    if (e.key !== undefined) {
      const keys = (this.state.eventKeys ??= []);
      if (keys.includes(e.key)) return;
      keys.push(e.key);
      if (keys.length > 100) keys.splice(0, keys.length - 100);
    }
    this.state.events.push(e);
    const waiting = this.state.tokens.find((t) => t.wait?.kind === 'event' && t.wait.name === e.name);
    if (!waiting) return;
    const wait = waiting.wait as { kind: 'event'; timerId?: string };
    if (wait.timerId) this.dropTimers((t) => t.id === wait.timerId);
    waiting.wait = undefined;
    this.takeEvent(waiting, this.nodes.get(waiting.at) as NodeOf<'wait'>);
    this.run();
  }

  childFinished(childId: string, result: ProcessResult): void {
    const child = this.state.children.find((c) => c.childId === childId);
    if (!child || this.state.ended) return;
    this.state.children = this.state.children.filter((c) => c !== child);
    if (child.foreach !== undefined) return this.itemFinished(child, result);
    const token = this.state.tokens.find((t) => t.id === child.tokenId);
    const node = this.nodes.get(child.nodeId);
    if (!token || node?.kind !== 'subprocess') return;
    for (const [mine, theirs] of Object.entries(node.outputs)) this.state.variables[mine] = result.variables?.[theirs] ?? null;
    this.state.outcomes[node.id] = result.outcome ?? result.status;
    this.event('subprocess.finished', childId, { nodeId: node.id, data: { childProcessId: child.processId ?? null, outcome: result.outcome ?? result.status } });
    token.wait = undefined;
    this.moveOn(token, node.next);
    this.run();
  }

  result(): ProcessResult {
    const e = this.state.ended;
    if (!e) throw new Error('The case has not ended');
    return {
      status: e.status,
      steps: this.state.done,
      ...(e.outcome ? { outcome: e.outcome } : {}),
      ...(e.endNode ? { endNode: e.endNode } : {}),
      ...(e.reason ? { reason: e.reason } : {}),
      variables: this.state.variables,
    };
  }

  view(): LiveState {
    return {
      status: this.state.ended?.status ?? 'running',
      activeNodes: this.state.tokens.map((t) => ({ nodeId: t.at, kind: this.nodes.get(t.at)?.kind ?? 'unknown', since: t.since })),
      openSteps: this.state.open.map(stepView),
      timers: [...this.state.timers].sort((a, b) => a.at.localeCompare(b.at)).map(({ nodeId, label, at }) => ({ nodeId, label, at })),
      completedSteps: this.state.done,
      variables: this.state.variables,
      outcomes: this.state.outcomes,
      children: this.state.children.filter((c) => c.foreach === undefined).map((c) => ({ nodeId: c.nodeId, processId: c.processId ?? null })),
      foreach: (this.state.foreach ?? []).map((r) => {
        const running = this.runningOf(r.listId).length;
        return { nodeId: r.nodeId, total: r.total ?? null, started: r.cursor, running, finished: r.finished, succeeded: r.succeeded, failed: r.failed, cancelled: r.cancelled };
      }),
    };
  }

  openStep(assignmentId: string): OpenStep {
    const s = this.state.open.find((o) => o.assignmentId === assignmentId);
    if (s && !this.state.ended) return s;
    if (this.state.done.some((d) => d.assignmentId === assignmentId)) throw new Refusal(REFUSALS.conflict, 'This assignment has already been completed');
    if (this.state.ended) throw new Refusal(REFUSALS.notRunning, 'This case is no longer running');
    // A step a join or an end withdrew: its row may still read "open" for the moment the
    // withdrawal takes to be written, so the answer is the 409 the row will soon say, not a 404.
    if (this.state.withdrawn?.includes(assignmentId)) throw new Refusal(REFUSALS.conflict, 'This assignment was withdrawn: the case moved on without it');
    throw new Refusal(REFUSALS.notFound, `Assignment ${assignmentId} is not open in this case`);
  }

  // ---- walking the graph -------------------------------------------------------------------

  /** Moves every path that is not waiting until each waits, ends, or the case ends. */
  private run(): void {
    for (;;) {
      if (this.state.ended) return;
      const token = this.state.tokens.find((t) => !t.wait);
      if (!token) break;
      if (++this.state.visits > this.limits.maxVisits) {
        this.fail(`The case passed ${this.limits.maxVisits} nodes without waiting for a person, a timer or an event (last at "${token.at}"): the route loops without end`);
        return;
      }
      const node = this.nodes.get(token.at);
      if (!node) {
        this.fail(`The route has no node "${token.at}"`);
        return;
      }
      this.step(token, node);
    }
    // Every path has ended: the case is done once its follow-up tasks are.
    if (this.state.tokens.length === 0 && this.state.open.length === 0) this.end({ status: 'completed', outcome: 'success' });
  }

  private step(token: Token, node: GraphNode): void {
    switch (node.kind) {
      case 'task':
        token.wait = { kind: 'task', assignmentId: this.openTask(node, token.id) };
        this.state.visits = 0;
        return;
      case 'decision':
        return this.decide(token, node);
      case 'parallel':
        return this.split(token, node);
      case 'join':
        return this.join(token, node);
      case 'wait':
        return this.wait(token, node);
      case 'action':
        this.act(node);
        // An action that failed the case (an update-record with no record) goes nowhere.
        if (this.state.ended) return;
        return this.moveOn(token, node.next);
      case 'subprocess':
        return this.subprocess(token, node);
      case 'foreach':
        return this.foreach(token, node);
      case 'end':
        this.end({ status: 'completed', outcome: node.result, endNode: node.id, ...(node.reason ? { reason: node.reason } : {}) });
    }
  }

  private addToken(at: string, splits: string[]): Token {
    const token: Token = { id: this.env.newId(), at, since: this.nowIso(), splits };
    this.state.tokens.push(token);
    return token;
  }

  private moveOn(token: Token, next: string | undefined): void {
    if (next === undefined) this.removeTokens((t) => t === token);
    else Object.assign(token, { at: next, since: this.nowIso() });
  }

  private removeTokens(which: (t: Token) => boolean): void {
    this.state.tokens = this.state.tokens.filter((t) => !which(t));
  }

  private dropTimers(which: (t: PendingTimer) => boolean): void {
    this.state.timers = this.state.timers.filter((t) => !which(t));
  }

  /** What assignment rules read; list variables stay out, as this is copied into every opened step. */
  assigneeContext(): AssigneeContext {
    return { variables: scalars(this.state.variables), completedBy: { ...this.state.completedBy }, startedBy: this.input.startedBy };
  }

  private openTask(node: Pick<TaskNode, 'id' | 'name' | 'instructions' | 'assignee' | 'priority' | 'due' | 'outcomes' | 'form' | 'remindBefore' | 'warnBefore' | 'escalations'>, tokenId?: string): string {
    const assignmentId = this.env.newId();
    const openedAt = this.env.now();
    const dueAt = node.due ? after(this.calendar, openedAt, node.due) : undefined;
    const step: OpenStep = {
      assignmentId,
      stepId: node.id,
      stepName: node.name,
      assigneeId: undefined,
      roleCode: null,
      openedAt: openedAt.toISOString(),
      dueAt: dueAt?.toISOString() ?? null,
      priority: node.priority,
      level: 0,
      ...(tokenId ? { tokenId } : {}),
      ...(node.outcomes ? { outcomes: node.outcomes } : {}),
      ...(node.form ? { form: node.form } : {}),
    };
    this.state.open.push(step);
    this.emit({
      type: 'open',
      assignmentId,
      step: { id: node.id, name: node.name, ...(node.instructions ? { instructions: node.instructions } : {}), ...(node.outcomes ? { outcomes: node.outcomes } : {}), ...(node.form ? { form: node.form } : {}) },
      assignee: node.assignee,
      priority: node.priority,
      openedAt: step.openedAt,
      dueAt: step.dueAt,
      context: this.assigneeContext(),
    });
    if (dueAt) {
      for (const spec of node.remindBefore) this.addTimer({ nodeId: node.id, kind: 'reminder', label: 'reminder', at: before(this.calendar, dueAt, spec), assignmentId, action: { type: 'remind' } });
      // After the reminders and before the ladder, so routes without a warning add their timers
      // in the same order as before (recorded histories replay unchanged).
      if (node.warnBefore !== undefined) this.addTimer({ nodeId: node.id, kind: 'warning', label: 'warning', at: warningAt(this.calendar, dueAt, node.warnBefore), assignmentId });
      for (const e of node.escalations) this.addTimer({ nodeId: node.id, kind: 'escalation', label: `escalation: ${e.action.type}`, at: after(this.calendar, dueAt, e.after), assignmentId, action: e.action });
    }
    return assignmentId;
  }

  private addTimer(t: Omit<PendingTimer, 'id' | 'at'> & { at: Date }): string {
    const id = this.env.newId();
    this.state.timers.push({ ...t, id, at: t.at.toISOString() });
    return id;
  }

  /** A step leaves the case: completed, withdrawn with its branch. Its ladder goes with it. */
  private closeStep(s: OpenStep): void {
    this.state.open = this.state.open.filter((o) => o !== s);
    this.dropTimers((t) => t.assignmentId === s.assignmentId);
  }

  private decide(token: Token, node: NodeOf<'decision'>): void {
    const scope = { variables: this.state.variables, outcomes: this.state.outcomes, forms: this.state.forms };
    const index = node.branches.findIndex((b) => evaluateCondition(b.when, scope));
    const branch = node.branches[index];
    const next = branch ? branch.next : node.otherwise;
    this.event('decision.taken', this.env.newId(), { nodeId: node.id, data: { branch: branch ? (branch.label ?? index) : 'otherwise', next: next ?? null } });
    this.moveOn(token, next);
  }

  private split(token: Token, node: NodeOf<'parallel'>): void {
    const join = this.nodes.get(node.join);
    if (join?.kind !== 'join') return this.fail(`Parallel node ${node.id} has no join`);
    const needed = join.mode === 'all' ? node.branches.length : join.mode === 'first' ? 1 : Math.min(join.count ?? 1, node.branches.length);
    const id = this.env.newId();
    this.state.splits.push({ id, parallelId: node.id, joinId: join.id, needed, arrived: 0 });
    this.removeTokens((t) => t === token);
    for (const start of node.branches) this.addToken(start, [...token.splits, id]);
  }

  private join(token: Token, node: NodeOf<'join'>): void {
    const split = this.state.splits.find((s) => s.id === token.splits.at(-1));
    if (!split || split.joinId !== node.id) return this.moveOn(token, node.next);
    split.arrived++;
    if (split.arrived < split.needed) return this.removeTokens((t) => t === token);
    // Enough branches are here: the others stop, and their open steps are withdrawn.
    for (const other of this.state.tokens.filter((t) => t !== token && t.splits.includes(split.id))) this.cancelToken(other);
    this.state.splits = this.state.splits.filter((s) => s !== split && this.state.tokens.some((t) => t.splits.includes(s.id)));
    token.splits = token.splits.slice(0, -1);
    this.event('join.passed', this.env.newId(), { nodeId: node.id, data: { arrived: split.arrived, of: this.parallelBranches(split.parallelId) } });
    this.moveOn(token, node.next);
  }

  private parallelBranches(parallelId: string): number {
    const p = this.nodes.get(parallelId);
    return p?.kind === 'parallel' ? p.branches.length : 0;
  }

  private cancelToken(token: Token): void {
    const w = token.wait;
    if (w?.kind === 'task') {
      const s = this.state.open.find((o) => o.assignmentId === w.assignmentId);
      if (s) {
        this.closeStep(s);
        const withdrawn = (this.state.withdrawn ??= []);
        withdrawn.push(s.assignmentId);
        if (withdrawn.length > RECENT_STEPS) withdrawn.splice(0, withdrawn.length - RECENT_STEPS);
        const at = this.nowIso();
        this.emit({ type: 'withdraw', assignmentId: s.assignmentId, stepId: s.stepId, at });
        this.event('step.withdrawn', s.assignmentId, { nodeId: s.stepId, assignmentId: s.assignmentId, at });
      }
    }
    if (w?.kind === 'timer' || (w?.kind === 'event' && w.timerId)) this.dropTimers((t) => t.tokenId === token.id);
    if (w?.kind === 'child') this.state.children = this.state.children.filter((c) => c.childId !== w.childId);
    // A withdrawn foreach: its running children are cancelled (the workflow cancels what the state no longer has).
    if (w?.kind === 'items') this.dropRun(w.listId);
    this.removeTokens((t) => t === token);
  }

  private wait(token: Token, node: NodeOf<'wait'>): void {
    if (node.event) {
      if (this.state.events.some((e) => e.name === node.event)) return this.takeEvent(token, node);
      const timerId = node.timeout ? this.addTimer({ nodeId: node.id, kind: 'event-timeout', label: 'event timeout', at: after(this.calendar, this.env.now(), node.timeout), tokenId: token.id }) : undefined;
      token.wait = { kind: 'event', name: node.event, ...(timerId ? { timerId } : {}) };
      this.state.visits = 0;
      return;
    }
    let at: Date | undefined;
    if (node.for) at = after(this.calendar, this.env.now(), node.for);
    if (node.until) {
      const value = this.state.variables[node.until.variable];
      if (typeof value === 'string') at = fromDateVariable(this.calendar, value, node.until.offset, node.until.direction);
    }
    if (at && at.getTime() > this.env.now().getTime()) {
      token.wait = { kind: 'timer', timerId: this.addTimer({ nodeId: node.id, kind: 'wait', label: 'wait', at, tokenId: token.id }) };
      this.state.visits = 0;
      return;
    }
    this.event('wait.finished', this.env.newId(), { nodeId: node.id, data: { until: at?.toISOString() ?? null } });
    this.moveOn(token, node.next);
  }

  private takeEvent(token: Token, node: NodeOf<'wait'>): void {
    const i = this.state.events.findIndex((e) => e.name === node.event);
    const [event] = this.state.events.splice(i, 1);
    if (!event) return;
    this.state.outcomes[node.id] = 'event';
    this.state.forms[node.id] = { ...event.payload };
    this.event('event.received', this.env.newId(), { nodeId: node.id, ...(event.actorId ? { actorId: event.actorId } : {}), data: { name: event.name, payload: event.payload, receivedAt: event.receivedAt, ...(event.sender ? { sentBy: event.sender } : {}), ...(event.reason ? { reason: event.reason } : {}) } });
    this.moveOn(token, node.next);
  }

  private value(ref: ValueRef): VariableValue {
    if (ref === null || typeof ref !== 'object') return ref;
    const [root, a, b] = ref.from.split('.');
    if (root === 'variables' && a) return this.state.variables[a] ?? null;
    if (root === 'outcomes' && a) return this.state.outcomes[a] ?? null;
    if (root === 'forms' && a && b) return this.state.forms[a]?.[b] ?? null;
    return null;
  }

  private act(node: NodeOf<'action'>): void {
    const action = node.do;
    if (action.type === 'set') {
      const value = this.value(action.value);
      this.state.variables[action.variable] = value;
      this.event('variable.set', this.env.newId(), { nodeId: node.id, data: { variable: action.variable, value } });
      return;
    }
    if (action.type === 'update-record') {
      const record = this.input.record;
      const wanted = this.graph.subject;
      if (!record) return this.fail(`"${node.id}" changes the case's record, but this case is about no record`);
      if (wanted !== undefined && record.type !== wanted) return this.fail(`"${node.id}" changes a ${wanted}, but this case is about a ${record.type}`);
      const updates = (this.state.updates ??= {});
      const visit = (updates[node.id] ?? 0) + 1;
      updates[node.id] = visit;
      const values = Object.fromEntries(Object.entries(action.set).map(([field, ref]) => [field, scalar(this.value(ref))]));
      const actorId = this.state.done.at(-1)?.completedBy;
      this.emit({ type: 'update-record', key: `${this.workflowId}:record.updated:${node.id}:${visit}`, nodeId: node.id, record, values, at: this.nowIso(), ...(actorId ? { actorId } : {}) });
      return;
    }
    if (action.type === 'call') {
      const updates = (this.state.updates ??= {});
      const visit = (updates[node.id] ?? 0) + 1;
      updates[node.id] = visit;
      const args = Object.fromEntries(Object.entries(action.args).map(([name, ref]) => [name, this.value(ref)]));
      const actorId = this.state.done.at(-1)?.completedBy;
      this.emit({ type: 'call', key: `${this.workflowId}:call:${node.id}:${visit}`, nodeId: node.id, operation: action.operation, args, ...this.operationContext(), at: this.nowIso(), ...(actorId ? { actorId } : {}) });
      return;
    }
    if (action.type === 'create-task') {
      const { type: _type, ...task } = action;
      this.openTask({ ...task, id: node.id, priority: 'normal', remindBefore: [], escalations: [] });
      return;
    }
    this.emit({ type: 'notify', key: `${this.workflowId}:${node.id}:${this.env.newId()}`, nodeId: node.id, to: action.to, message: action.message, context: this.assigneeContext() });
  }

  private subprocess(token: Token, node: NodeOf<'subprocess'>): void {
    const depth = (this.input.depth ?? 0) + 1;
    if (depth > this.limits.maxDepth) {
      return this.fail(`Sub-processes nest deeper than ${this.limits.maxDepth} levels at "${node.id}" (route ${node.route}): routes call each other in a circle`);
    }
    const childId = this.env.newId();
    const variables = Object.fromEntries(Object.entries(node.inputs).map(([k, ref]) => [k, scalar(this.value(ref))]));
    this.emit({ type: 'prepare-child', childId, routeKey: node.route, subject: `${this.input.subject} / ${node.name ?? node.route}`, ...(this.input.record ? { record: this.input.record } : {}), variables, startedBy: this.input.startedBy, depth, limits: this.limits, nodeId: node.id });
    this.state.children.push({ childId, tokenId: token.id, nodeId: node.id });
    token.wait = { kind: 'child', childId };
    this.state.visits = 0;
  }

  // ---- foreach: a body route once per item ---------------------------------------------------

  private runOf(listId: string): ForeachRun | undefined {
    return this.state.foreach?.find((r) => r.listId === listId);
  }

  private runningOf(listId: string): ChildCase[] {
    return this.state.children.filter((c) => c.foreach === listId);
  }

  private dropRun(listId: string): void {
    this.state.children = this.state.children.filter((c) => c.foreach !== listId);
    if (this.state.foreach) this.state.foreach = this.state.foreach.filter((r) => r.listId !== listId);
  }

  /** Fields every operation and list source is told: what the case is about and its data. */
  private operationContext(): { record?: CaseRecord; parentProcessId?: string; variables: Record<string, VariableValue>; forms: Record<string, Record<string, FormValue>> } {
    return {
      ...(this.input.record ? { record: this.input.record } : {}),
      ...(this.input.parentProcessId ? { parentProcessId: this.input.parentProcessId } : {}),
      variables: { ...this.state.variables },
      forms: this.state.forms,
    };
  }

  /** The node is reached: its items are resolved (and stored) by the next batch; the path waits for them all. */
  private foreach(token: Token, node: NodeOf<'foreach'>): void {
    const listId = this.env.newId();
    const common = { key: `${this.workflowId}:list:${listId}`, listId, nodeId: node.id, ...this.operationContext(), at: this.nowIso() };
    if ('from' in node.items) {
      const value = this.value(node.items);
      const values = Array.isArray(value) ? value : typeof value === 'string' || typeof value === 'number' ? [value] : [];
      this.emit({ type: 'list', ...common, values });
    } else {
      const args = Object.fromEntries(Object.entries(node.items.args).map(([k, ref]) => [k, this.value(ref)]));
      this.emit({ type: 'list', ...common, source: { name: node.items.source, args } });
    }
    (this.state.foreach ??= []).push({ listId, tokenId: token.id, nodeId: node.id, cursor: 0, finished: 0, succeeded: 0, failed: 0, cancelled: 0 });
    token.wait = { kind: 'items', listId };
    this.state.visits = 0;
  }

  /** After a continue-as-new: windows held back while the running children drained start now. */
  resumeItems(): void {
    this.holdItems = false;
    for (const run of [...(this.state.foreach ?? [])]) this.fillItems(run);
    this.run();
  }

  /**
   * Starts the next window of children when enough room is free - a quarter of the limit, or
   * all that is left - so a long list costs one transition per window, not per item; ends the
   * node when every item has finished.
   */
  private fillItems(run: ForeachRun): void {
    const node = this.nodes.get(run.nodeId);
    if (node?.kind !== 'foreach' || run.total === undefined || this.state.ended) return;
    const running = this.runningOf(run.listId).length;
    const left = run.total - run.cursor;
    if (left === 0) {
      if (running === 0) this.finishRun(run, false);
      return;
    }
    if (this.holdItems) return;
    const limit = node.mode === 'sequential' ? 1 : node.limit;
    const batch = Math.min(limit - running, left);
    if (batch <= 0 || batch < Math.min(left, Math.ceil(limit / 4))) return;
    const childIds = Array.from({ length: batch }, () => this.env.newId());
    const inputs = Object.fromEntries(Object.entries(node.inputs).map(([k, ref]) => [k, scalar(this.value(ref))]));
    const depth = (this.input.depth ?? 0) + 1;
    if (depth > this.limits.maxDepth) return this.fail(`Sub-processes nest deeper than ${this.limits.maxDepth} levels at "${node.id}" (route ${node.route}): routes call each other in a circle`);
    this.emit({
      type: 'prepare-items',
      listId: run.listId,
      nodeId: node.id,
      from: run.cursor,
      childIds,
      routeKey: node.route,
      ...(run.versionId ? { versionId: run.versionId } : {}),
      subject: `${this.input.subject} / ${node.name ?? node.route}`,
      ...(this.input.record ? { record: this.input.record } : {}),
      inputs,
      as: node.as,
      startedBy: this.input.startedBy,
      depth,
      limits: this.limits,
    });
    for (const childId of childIds) this.state.children.push({ childId, tokenId: run.tokenId, nodeId: node.id, foreach: run.listId });
    run.cursor += batch;
  }

  /** Counters `items.*` a `completeWhen` reads. */
  private counters(run: ForeachRun): Record<'total' | 'started' | 'running' | 'finished' | 'succeeded' | 'failed' | 'cancelled', number> {
    const running = this.runningOf(run.listId).length;
    return { total: run.total ?? 0, started: run.cursor, running, finished: run.finished, succeeded: run.succeeded, failed: run.failed, cancelled: run.cancelled };
  }

  private itemFinished(child: ChildCase, result: ProcessResult): void {
    const run = child.foreach !== undefined ? this.runOf(child.foreach) : undefined;
    if (!run) return;
    run.finished++;
    // A failed item counts as failed; it never fails the case that runs the foreach.
    if (result.status === 'cancelled') run.cancelled++;
    else if (result.status === 'failed' || result.outcome === 'failure') run.failed++;
    else run.succeeded++;
    const node = this.nodes.get(run.nodeId);
    if (node?.kind === 'foreach' && node.completeWhen !== undefined) {
      const scope = { variables: this.state.variables, outcomes: this.state.outcomes, forms: this.state.forms, items: this.counters(run) };
      if (evaluateCondition(node.completeWhen, scope)) {
        this.finishRun(run, true);
        this.run();
        return;
      }
    }
    this.fillItems(run);
    this.run();
  }

  /** The node is done: children still running are cancelled, items not started never start. */
  private finishRun(run: ForeachRun, early: boolean): void {
    const counters = this.counters(run);
    const token = this.state.tokens.find((t) => t.id === run.tokenId);
    this.dropRun(run.listId);
    const node = this.nodes.get(run.nodeId);
    this.state.outcomes[run.nodeId] = early ? 'condition' : 'all';
    this.event('foreach.finished', run.listId, { nodeId: run.nodeId, data: { ...counters, withdrawn: counters.running, notStarted: counters.total - counters.started, early } });
    if (!token || node?.kind !== 'foreach') return;
    token.wait = undefined;
    this.moveOn(token, node.next);
  }

  /** Ends the case once: every path stops, open work is withdrawn with the case row's close. */
  private end(e: CaseEnding): void {
    if (this.state.ended) return;
    this.state.ended = e;
    Object.assign(this.state, { tokens: [], splits: [], open: [], timers: [], children: [] });
    if (this.state.foreach) this.state.foreach = [];
    const at = this.nowIso();
    const result: Record<string, unknown> = e.status === 'completed' ? { ...this.result() } : { reason: e.reason ?? null };
    this.emit({ type: 'close', status: e.status, at, result, ...(e.actorId ? { actorId: e.actorId } : {}) });
  }
}

const currentKey = (open: OpenStep[]): string => open.map((s) => s.stepId).join('\n');

/** A list is no single value: where one is wanted (assignment rules, record fields, child inputs) it reads as null. */
const scalar = (v: VariableValue | undefined): FormValue => (v === undefined || Array.isArray(v) ? null : v);
const scalars = (vars: Record<string, VariableValue>): Record<string, FormValue> =>
  Object.fromEntries(Object.entries(vars).filter(([, v]) => !Array.isArray(v))) as Record<string, FormValue>;
