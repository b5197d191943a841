// Records one batch of a case's effects (case-machine.ts) in PostgreSQL, in the caller's
// transaction: the step just completed is closed and the steps it led to are opened together, so
// the inbox never shows a moment with both or neither. Every write is keyed or conditional, so
// applying the same batch again (a retried activity, a workflow replayed elsewhere) changes
// nothing. Opening a step and closing the case both lock the case row, so a step can never be
// opened after its case was closed.
import type { EntityManager } from '@mikro-orm/postgresql';
import { resolveAssignee, managerOf } from '../assignments/resolve-assignee.ts';
import { Assignment, Employee, Process, Route, RouteVersion, StepEvent } from '../entities/index.ts';
import { DomainError } from '../errors.ts';
import { recordForChild } from '../records/derive-record.ts';
import { applyRecordUpdate } from '../records/route-updates.ts';
import { newAssignmentMessage, recipientsOf, writeNotifications, type Message } from '../notifications/notices.ts';
import type { Effect, TransitionResult } from './case-state.ts';
import { LIST_SOURCES, type ListItem, type ListSource } from './list-sources.ts';
import { ROUTE_OPERATIONS, type OperationContext, type RouteOperation } from './route-operations.ts';
import { workflowIdFor, type ProcessInput } from './process-input.ts';
import { completeStepWithFact, recordCaseFact, withdrawStepsWithFacts } from '../reports/timing/step-facts.ts';

export interface TransitionContext {
  processId: string;
  subject: string;
  /** Set when the caller wrote the case row in this very transaction: nobody can have closed it. */
  caseIsNew?: boolean;
}

type Of<T extends Effect['type']> = Extract<Effect, { type: T }>;

/** Where `call` actions and `foreach` sources are found: the product's registries, or a test's own. */
export interface Registries {
  operations?: ReadonlyMap<string, RouteOperation>;
  sources?: ReadonlyMap<string, ListSource>;
}
type EventRow = { key: string; type: string; at: string; stepId?: string | undefined; assignmentId?: string | undefined; actorId?: string | undefined; data?: Record<string, unknown> | undefined };

/** Applies the effects in order; returns what they found out and the outbox keys to deliver. */
export async function applyTransition(em: EntityManager, ctx: TransitionContext, effects: Effect[], registries: Registries = {}): Promise<TransitionResult & { mailKeys: string[] }> {
  const result: TransitionResult & { mailKeys: string[] } = { opened: {}, escalated: {}, children: {}, mailKeys: [] };
  const events: EventRow[] = [];
  let running: boolean | undefined = ctx.caseIsNew ? true : undefined;
  // A batch that opens steps names the case's current steps too: that update is also what locks
  // the case row, so it is written once, before the first step opens, with the batch's last word.
  const current = effects.findLast((e): e is Of<'current'> => e.type === 'current');
  const currentWithLock = !ctx.caseIsNew && current !== undefined && effects.some((e) => e.type === 'open');
  for (const e of effects) {
    switch (e.type) {
      case 'event':
        events.push({ key: e.key, type: e.event, at: e.at, stepId: e.nodeId, assignmentId: e.assignmentId, actorId: e.actorId, data: e.data });
        break;
      case 'complete':
        // The timing fact (reports/timing) is written with the close, in this transaction.
        await completeStepWithFact(em, e);
        break;
      case 'claim':
        await em.nativeUpdate(Assignment, { id: e.assignmentId, status: 'open', assignee: null }, { assignee: e.employeeId, claimedAt: new Date(e.at) });
        break;
      case 'withdraw':
        await withdrawStepsWithFacts(em, { assignmentId: e.assignmentId }, e.at);
        break;
      case 'reassign':
        await reassign(em, ctx, e, events, result);
        break;
      case 'escalate':
        await escalate(em, ctx, e, events, result);
        break;
      case 'warn':
        await warnAtRisk(em, ctx, e, events, result);
        break;
      case 'notify': {
        const to = await resolveAssignee(em, e.to, e.context);
        const note = message('process.notice', e.message, `Case: ${ctx.subject}`, ctx.processId, ctx.subject);
        result.mailKeys.push(...(await writeNotifications(em, e.key, await recipientsOf(em, to), note)));
        break;
      }
      case 'prepare-child':
        result.children[e.childId] = await prepareChild(em, ctx, e);
        break;
      case 'update-record':
        await updateRecord(em, ctx, e, events, result);
        break;
      case 'call':
        await callOperation(em, ctx, e, registries.operations ?? ROUTE_OPERATIONS);
        break;
      case 'list':
        (result.lists ??= {})[e.listId] = { total: await resolveList(em, ctx, e, registries.sources ?? LIST_SOURCES) };
        break;
      case 'prepare-items':
        await prepareItems(em, ctx, e, result);
        break;
      case 'current':
        if (!currentWithLock) await setCurrentSteps(em, ctx, e);
        break;
      case 'close':
        await closeProcess(em, { processId: ctx.processId, at: e.at }, e.status, e.result, e.actorId, events);
        break;
      case 'open':
        // Nothing opens in a case that is no longer running: the case row is locked first, and
        // closing it takes the same lock.
        running ??= currentWithLock
          ? await setCurrentSteps(em, ctx, current)
          : (await em.execute<{ status: string }[]>('select status from process where id = ? for share', [ctx.processId]))[0]?.status === 'running';
        if (running) await openStep(em, ctx, e, events, result);
        break;
    }
  }
  await insertEvents(em, ctx.processId, events);
  return result;
}

/** Names the case's current steps while it runs (and so locks its row); false when it no longer runs. */
async function setCurrentSteps(em: EntityManager, ctx: TransitionContext, e: Of<'current'>): Promise<boolean> {
  const first = e.steps[0];
  const changed = await em.nativeUpdate(Process, { id: ctx.processId, status: 'running' }, { currentStepId: first?.id ?? null, currentStepName: first ? e.steps.map((s) => s.name).join(', ').slice(0, 255) : null });
  return changed > 0;
}

/**
 * A UUID whose leading bytes are the time and then the position in the batch (the layout of UUID
 * v7), so the timeline orders events written at the same instant as they happened.
 */
function orderedId(ms: number, n: number): string {
  const hex = ms.toString(16).padStart(12, '0').slice(-12);
  const rand = crypto.randomUUID().replaceAll('-', '');
  return `${hex.slice(0, 8)}-${hex.slice(8)}-7${(n & 0xfff).toString(16).padStart(3, '0')}-${rand.slice(16, 20)}-${rand.slice(20)}`;
}

async function insertEvents(em: EntityManager, processId: string, events: EventRow[]): Promise<void> {
  if (events.length === 0) return;
  const ms = Date.now();
  await em
    .createQueryBuilder(StepEvent)
    .insert(
      events.map((e, i) => ({
        id: orderedId(ms, i),
        key: e.key,
        process: processId,
        type: e.type,
        stepId: e.stepId ?? null,
        assignmentId: e.assignmentId ?? null,
        actor: e.actorId ?? null,
        at: new Date(e.at),
        data: e.data ?? null,
      })),
    )
    .onConflict('key')
    .ignore()
    .execute();
}

/**
 * Opens a step: finds who gets it (a retry reuses what the first try chose, so round-robin does
 * not move on twice), writes the row and tells the assignee or the queue.
 */
async function openStep(em: EntityManager, ctx: TransitionContext, o: Of<'open'>, events: EventRow[], result: TransitionResult & { mailKeys: string[] }): Promise<void> {
  // Round-robin and least-busy choose by what is open now, so a retry must reuse the first
  // choice; every other rule names the same holder again, and the keyed writes below ignore it.
  if (o.assignee.type === 'role' && o.assignee.pick !== 'queue') {
    const existing = await em.findOne(Assignment, o.assignmentId, { fields: ['id', 'assignee', 'role'] });
    if (existing) {
      result.opened[o.assignmentId] = { assigneeId: existing.assignee?.id ?? null, roleCode: existing.role?.code ?? null };
      return;
    }
  }
  // A named person is found once, with what the notification needs; other rules resolve first.
  const person = o.assignee.type === 'person' ? await em.findOne(Employee, { email: o.assignee.email.toLowerCase(), active: true }, { fields: ['id', 'email', 'fullName'] }) : undefined;
  const who = person ? { assigneeId: person.id, roleCode: null } : await resolveAssignee(em, o.assignee, o.context);
  result.opened[o.assignmentId] = who;
  await em
    .createQueryBuilder(Assignment)
    .insert({
      id: o.assignmentId,
      process: ctx.processId,
      stepId: o.step.id,
      stepName: o.step.name,
      instructions: o.step.instructions ?? null,
      assignee: who.assigneeId,
      role: who.roleCode,
      status: 'open',
      outcomes: o.step.outcomes ?? null,
      formFields: o.step.form ?? null,
      priority: o.priority,
      openedAt: new Date(o.openedAt),
      dueAt: o.dueAt ? new Date(o.dueAt) : null,
    })
    .onConflict('id')
    .ignore()
    .execute();
  events.push({ key: `${workflowIdFor(ctx.processId)}:step.opened:${o.assignmentId}`, type: 'step.opened', at: o.openedAt, stepId: o.step.id, assignmentId: o.assignmentId, data: { ...who, dueAt: o.dueAt } });
  const notice = { processId: ctx.processId, assignmentId: o.assignmentId, stepName: o.step.name, ...who, dueAt: o.dueAt };
  const recipients = person ? [{ id: person.id, email: person.email, fullName: person.fullName }] : await recipientsOf(em, who);
  result.mailKeys.push(...(await writeNotifications(em, `${o.assignmentId}:new`, recipients, newAssignmentMessage(notice, ctx.subject))));
}

function message(kind: string, title: string, body: string, processId: string, subject: string, assignmentId?: string): Message {
  return { kind, title, body, link: assignmentId ? `/api/assignments/${assignmentId}` : `/api/processes/${processId}`, processId, mailSubject: `${title} (${subject})` };
}

async function reassign(em: EntityManager, ctx: TransitionContext, e: Of<'reassign'>, events: EventRow[], result: { mailKeys: string[] }): Promise<void> {
  const a = await em.findOneOrFail(Assignment, e.assignmentId, { fields: ['id', 'stepName'] });
  await em.nativeUpdate(Assignment, { id: e.assignmentId, status: 'open' }, { assignee: e.assigneeId, role: e.roleCode, claimedAt: null });
  events.push({ key: e.key, type: 'step.reassigned', at: e.at, stepId: e.stepId, assignmentId: e.assignmentId, actorId: e.actorId, data: { to: e.assigneeId ?? e.roleCode, reason: e.reason } });
  const note = message('assignment.reassigned', `Reassigned to you: ${a.stepName}`, e.reason, ctx.processId, ctx.subject, a.id);
  result.mailKeys.push(...(await writeNotifications(em, e.key, await recipientsOf(em, e), note)));
}

/** One rung of a step's ladder: remind, tell the manager, raise the priority or reassign. */
async function escalate(em: EntityManager, ctx: TransitionContext, e: Of<'escalate'>, events: EventRow[], result: TransitionResult & { mailKeys: string[] }): Promise<void> {
  const a = await em.findOne(Assignment, { id: e.assignmentId, status: 'open' });
  if (!a) return;
  const holder = { assigneeId: a.assignee?.id ?? null, roleCode: a.role?.code ?? null };
  const due = `Due ${a.dueAt?.toISOString() ?? '-'}`;
  const action = e.action;
  let recipients: Awaited<ReturnType<typeof recipientsOf>> = [];
  let note: Message | undefined;
  if (action.type === 'remind') {
    recipients = await recipientsOf(em, holder);
    note = message(`assignment.${e.kind}`, e.kind === 'reminder' ? `Reminder: ${a.stepName}` : `Overdue: ${a.stepName}`, due, ctx.processId, ctx.subject, a.id);
  } else if (action.type === 'notify-manager') {
    recipients = await recipientsOf(em, { assigneeId: await managerOf(em, a.id), roleCode: null });
    note = message('assignment.escalated', `Overdue in your team: ${a.stepName}`, `${due}; the assignee has not completed it.`, ctx.processId, ctx.subject, a.id);
  } else if (action.type === 'raise-priority') {
    a.priority = action.to;
  } else {
    const to = await resolveAssignee(em, action.to, e.context);
    Object.assign(a, { assignee: to.assigneeId, role: to.roleCode, claimedAt: null });
    recipients = await recipientsOf(em, to);
    note = message('assignment.reassigned', `Reassigned to you (overdue): ${a.stepName}`, due, ctx.processId, ctx.subject, a.id);
  }
  await em.flush();
  result.escalated[a.id] = { assigneeId: a.assignee?.id ?? null, roleCode: a.role?.code ?? null, priority: a.priority };
  events.push({ key: e.key, type: e.kind === 'reminder' ? 'step.reminded' : 'step.escalated', at: e.at, stepId: e.stepId, assignmentId: e.assignmentId, data: { level: e.level, action } });
  if (note) result.mailKeys.push(...(await writeNotifications(em, e.key, recipients, note)));
}

/**
 * A step will pass its due time soon (`warnBefore`): the timeline says `step.at-risk` and the
 * people who answer for the holder hear of it - the holder's manager, or for a step still in a
 * role queue the heads of the role's people (the managers of its members who lead no member of
 * it themselves: for the service queue the head of service, not the director above him). A step
 * closed meanwhile gets nothing: the batch that closed it also dropped the timer, and a retried
 * batch finds the row no longer open.
 */
async function warnAtRisk(em: EntityManager, ctx: TransitionContext, e: Of<'warn'>, events: EventRow[], result: { mailKeys: string[] }): Promise<void> {
  const [a] = await em.execute<{ step_name: string; assignee_id: string | null; role_code: string | null; holder: string | null; manager_id: string | null }[]>(
    `select a.step_name, a.assignee_id, a.role_code, h.full_name as holder, h.manager_id
       from assignment a left join employee h on h.id = a.assignee_id
      where a.id = ? and a.status = 'open'`,
    [e.assignmentId],
  );
  if (!a) return;
  const recipients = a.assignee_id ? (a.manager_id ? await recipientsOf(em, { assigneeId: a.manager_id, roleCode: null }) : []) : a.role_code ? await queueHeads(em, a.role_code) : [];
  const holder = a.holder ?? (a.role_code ? `the ${a.role_code} queue` : 'nobody');
  const due = formatInstant(e.dueAt, e.timeZone);
  events.push({ key: e.key, type: 'step.at-risk', at: e.at, stepId: e.stepId, assignmentId: e.assignmentId, data: { dueAt: e.dueAt, assigneeId: a.assignee_id, roleCode: a.role_code, notified: recipients.map((r) => r.id) } });
  const note = message('assignment.at-risk', `At risk: ${a.step_name}`, `Step «${a.step_name}» of case «${ctx.subject}» will be overdue at ${due} (held by ${holder}).`, ctx.processId, ctx.subject, e.assignmentId);
  result.mailKeys.push(...(await writeNotifications(em, e.key, recipients, note)));
}

/** The managers of a role's active members who themselves lead no active member of the role. */
async function queueHeads(em: EntityManager, roleCode: string): Promise<{ id: string; email: string; fullName: string }[]> {
  const rows = await em.execute<{ id: string; email: string; full_name: string }[]>(
    `select distinct m.id, m.email, m.full_name
       from employee e
       join employee_roles er on er.employee_id = e.id and er.role_code = ?
       join employee m on m.id = e.manager_id and m.active
      where e.active
        and not exists (select 1 from employee sub join employee_roles sr on sr.employee_id = sub.id and sr.role_code = ? where sub.manager_id = e.id and sub.active)
      order by m.email`,
    [roleCode, roleCode],
  );
  return rows.map((r) => ({ id: r.id, email: r.email, fullName: r.full_name }));
}

/** "24.11.2026 18:00 (Europe/Moscow)": the due time as the company reads it. */
function formatInstant(iso: string, timeZone = 'UTC'): string {
  const parts = new Intl.DateTimeFormat('ru-RU', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
  const p = (t: Intl.DateTimeFormatPartTypes) => parts.find((x) => x.type === t)?.value ?? '';
  return `${p('day')}.${p('month')}.${p('year')} ${p('hour')}:${p('minute')} (${timeZone})`;
}

/**
 * Changes the case's record, once per (case, node, visit): the timeline row with that key is
 * written first, in this transaction, and only the call that wrote it applies the change - a
 * retried activity or a replayed batch finds the row and changes nothing.
 */
async function updateRecord(em: EntityManager, ctx: TransitionContext, e: Of<'update-record'>, events: EventRow[], result: { mailKeys: string[] }): Promise<void> {
  const inserted = await em
    .createQueryBuilder(StepEvent)
    .insert({ id: orderedId(Date.parse(e.at), 0), key: e.key, process: ctx.processId, type: 'record.updated', stepId: e.nodeId, assignmentId: null, actor: null, at: new Date(e.at), data: { record: e.record, values: e.values } })
    .onConflict('key')
    .ignore()
    .execute<{ affectedRows: number }>('run');
  if (inserted.affectedRows === 0) return;
  try {
    // A savepoint: a refused change leaves the record as it was and the rest of the batch stands.
    await em.transactional((inner) => applyRecordUpdate(inner, e.record, e.values, ctx.processId));
  } catch (err) {
    if (!(err instanceof DomainError) || (err.code !== 'unprocessable' && err.code !== 'not_found' && err.code !== 'conflict')) throw err;
    // The record refused what the route set (two serial numbers for three units, a move its status
    // does not allow): a typing slip must not end the case, and nothing typed is lost - it is in
    // the step's form. The timeline says what was refused and why, and whoever completed the step
    // that led here is told to put it right on the record's own page.
    const problems = err.problems.map((p) => `${p.path}: ${p.message}`).join('; ');
    events.push({ key: `${e.key}:refused`, type: 'record.refused', at: e.at, stepId: e.nodeId, data: { record: e.record, values: e.values, reason: err.message, problems: err.problems } });
    if (e.actorId) {
      const note = message('record.refused', `Not written into the ${e.record.type}: ${err.message}`, `The case went on; please correct the ${e.record.type} on its page.${problems ? ` ${problems}` : ''}`, ctx.processId, ctx.subject);
      result.mailKeys.push(...(await writeNotifications(em, `${e.key}:refused`, await recipientsOf(em, { assigneeId: e.actorId, roleCode: null }), note)));
    }
  }
}

/** Creates the child case's row (once) and assembles the child workflow's input. */
async function prepareChild(em: EntityManager, ctx: TransitionContext, e: Of<'prepare-child'>): Promise<{ processId: string; workflowId: string; input: ProcessInput }> {
  const route = await em.findOne(Route, { key: e.routeKey });
  const version = route && route.latestVersion > 0 ? await em.findOne(RouteVersion, { route: route.id, version: route.latestVersion }) : null;
  if (!route || !version) throw new DomainError('unprocessable', `The route ${e.routeKey} has no published version`);
  const processId = e.childId;
  const workflowId = workflowIdFor(processId);
  // A child about another kind of record than this case's (the hand-off's installation order,
  // made from the deal) gets that record, made once: a retried batch finds the row it wrote.
  const written = await em.findOne(Process, processId, { fields: ['recordType', 'recordId'] });
  const childSubject = (version.definition as { subject?: unknown }).subject;
  const record = written
    ? (written.recordType && written.recordId ? { type: written.recordType, id: written.recordId } : undefined)
    : await recordForChild(em, typeof childSubject === 'string' ? childSubject : undefined, e.record, e.variables, processId);
  await em
    .createQueryBuilder(Process)
    .insert({ id: processId, workflowId, routeVersion: version.id, subject: e.subject.slice(0, 255), recordType: record?.type ?? null, recordId: record?.id ?? null, variables: e.variables, status: 'running', startedBy: e.startedBy, startedAt: new Date(), parent: ctx.processId })
    .onConflict('id')
    .ignore()
    .execute();
  return {
    processId,
    workflowId,
    input: {
      processId,
      route: { id: route.id, key: route.key, versionId: version.id, version: version.version },
      definition: version.definition,
      subject: e.subject,
      ...(record ? { record } : {}),
      variables: e.variables,
      startedBy: e.startedBy,
      parentProcessId: ctx.processId,
      depth: e.depth,
      limits: e.limits,
    },
  };
}

/**
 * Ends a case once: work still open is withdrawn (an end node reached while other branches had
 * some, a cancel, a failure), the case row is closed with its result, and the timeline says so.
 * Only a running case changes, so a late retry cannot move an ended case to another ending.
 */
export async function closeProcess(
  em: EntityManager,
  input: { processId: string; at: string },
  status: 'completed' | 'failed' | 'cancelled',
  result: Record<string, unknown>,
  actorId?: string,
  /** Where to add the timeline event, when the caller writes a batch of them. */
  events?: EventRow[],
): Promise<boolean> {
  const at = new Date(input.at);
  const closed = await em.nativeUpdate(Process, { id: input.processId, status: 'running' }, { status, endedAt: at, result, currentStepId: null, currentStepName: null });
  // Already ended (by this very batch on an earlier try, or otherwise): nothing more to say.
  if (closed === 0) return false;
  await withdrawStepsWithFacts(em, { processId: input.processId }, input.at);
  await recordCaseFact(em, input.processId);
  const data = status === 'completed' ? undefined : { reason: result.reason };
  const event = { key: `${workflowIdFor(input.processId)}:process.${status}:`, type: `process.${status}`, at: input.at, actorId, data };
  if (events) events.push(event);
  else await insertEvents(em, input.processId, [event]);
  return true;
}

/** What an operation or a list source is told about the case (route-operations.ts). */
function operationContext(em: EntityManager, ctx: TransitionContext, e: Of<'call'> | Of<'list'>): OperationContext {
  return {
    em,
    processId: ctx.processId,
    parentProcessId: e.parentProcessId ?? null,
    record: e.record ?? null,
    variables: e.variables,
    forms: e.forms,
    key: e.key,
    at: new Date(e.at),
    actorId: e.type === 'call' ? (e.actorId ?? null) : null,
  };
}

/** Arguments an operation or a source cannot take: the case fails with the reason naming the argument. */
function parseArgs<A>(schema: { safeParse(v: unknown): { success: true; data: A } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, args: unknown, what: string): A {
  const parsed = schema.safeParse(args);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => ({ path: ['args', ...i.path].map(String).join('.'), message: i.message }));
  const [first] = problems;
  throw new DomainError('unprocessable', `${what} cannot run: ${first ? `${first.path}: ${first.message}` : 'bad arguments'}`, problems);
}

/**
 * A `call` action: the operation runs once per key. The timeline row `call.done` with that key is
 * written first, in this transaction, and only the call that wrote it runs the operation - a
 * retried batch finds the row and does nothing. An operation that refuses (bad arguments, a
 * DomainError) rolls the whole batch back and the case fails with its reason.
 */
async function callOperation(em: EntityManager, ctx: TransitionContext, e: Of<'call'>, operations: ReadonlyMap<string, RouteOperation>): Promise<void> {
  const op = operations.get(e.operation);
  if (!op) throw new DomainError('unprocessable', `"${e.nodeId}" calls the operation "${e.operation}", which this product does not have`);
  const args = parseArgs(op.args, e.args, `The operation ${e.operation} at "${e.nodeId}"`);
  const inserted = await em
    .createQueryBuilder(StepEvent)
    .insert({ id: orderedId(Date.parse(e.at), 0), key: e.key, process: ctx.processId, type: 'call.done', stepId: e.nodeId, assignmentId: null, actor: e.actorId ?? null, at: new Date(e.at), data: { operation: e.operation, args: e.args } })
    .onConflict('key')
    .ignore()
    .execute<{ affectedRows: number }>('run');
  if (inserted.affectedRows === 0) return;
  try {
    await op.run(operationContext(em, ctx, e), args);
  } catch (err) {
    if (err instanceof DomainError) throw new DomainError(err.code, `The operation ${e.operation} at "${e.nodeId}" refused: ${err.message}`, err.problems);
    throw err;
  }
}

/**
 * Stores a foreach's items once under its list id and says how many there are. A retried batch
 * finds them stored; a source is asked only when nothing is stored yet (and sources are
 * idempotent on the key themselves).
 */
async function resolveList(em: EntityManager, ctx: TransitionContext, e: Of<'list'>, sources: ReadonlyMap<string, ListSource>): Promise<number> {
  const [stored] = await em.execute<{ n: string }[]>('select count(*) as n from process_item_list where list_id = ?', [e.listId]);
  if (stored && Number(stored.n) > 0) return Number(stored.n);
  let items: Record<string, unknown>[];
  if (e.source) {
    const source = sources.get(e.source.name);
    if (!source) throw new DomainError('unprocessable', `"${e.nodeId}" takes its items from the list source "${e.source.name}", which this product does not have`);
    const args = parseArgs(source.args, e.source.args, `The list source ${e.source.name} at "${e.nodeId}"`);
    const listed: ListItem[] = await source.resolve(operationContext(em, ctx, e), args);
    items = listed.map((i) => ({ ...(i.record ? { record: i.record } : {}), ...(i.variables ? { variables: i.variables } : {}) }));
  } else {
    items = (e.values ?? []).map((value) => ({ value }));
  }
  // In chunks: one statement's parameters are limited (65,535), a list may hold tens of thousands.
  for (let from = 0; from < items.length; from += 5_000) {
    const chunk = items.slice(from, from + 5_000);
    await em.execute(
      `insert into process_item_list (list_id, position, process_id, item)
       select ?::uuid, t.ord - 1 + ?, ?::uuid, t.item from jsonb_array_elements(?::jsonb) with ordinality as t(item, ord)
       on conflict do nothing`,
      [e.listId, from, ctx.processId, JSON.stringify(chunk)],
    );
  }
  return items.length;
}

/**
 * One window of a foreach: a child case row per item from `from` (written once: a retried batch
 * finds them), and each child's input. The body route goes back once per window, not per child,
 * so a window of hundreds stays small in the workflow's history.
 */
async function prepareItems(em: EntityManager, ctx: TransitionContext, e: Of<'prepare-items'>, result: TransitionResult): Promise<void> {
  const route = await em.findOne(Route, { key: e.routeKey });
  const version = !route ? null : e.versionId ? await em.findOne(RouteVersion, e.versionId) : route.latestVersion > 0 ? await em.findOne(RouteVersion, { route: route.id, version: route.latestVersion }) : null;
  if (!route || !version) throw new DomainError('unprocessable', `The route ${e.routeKey} has no published version`);
  const rows = await em.execute<{ position: number; item: { value?: string | number; record?: { type: string; id: string }; variables?: Record<string, string | number | boolean | null> } }[]>(
    'select position, item from process_item_list where list_id = ? and position >= ? and position < ? order by position',
    [e.listId, e.from, e.from + e.childIds.length],
  );
  const childSubject = (version.definition as { subject?: unknown }).subject;
  // The children load the definition themselves (routeProcess): it is not repeated per child.
  const body = { id: route.id, key: route.key, versionId: version.id, version: version.version };
  (result.bodies ??= {})[e.listId] = { route: body };
  const now = new Date();
  const processes = rows.flatMap(({ position, item }, i) => {
    const processId = e.childIds[i];
    if (processId === undefined) return [];
    // The item's record (a campaign's client); else the parent's, when the body is about that kind.
    const record = item.record ?? (e.record && (childSubject === undefined || childSubject === e.record.type) ? e.record : undefined);
    const variables = { ...e.inputs, ...(item.variables ?? {}), ...(item.value !== undefined ? { [e.as]: item.value } : {}) };
    const subject = `${e.subject} #${position + 1}`.slice(0, 255);
    const workflowId = workflowIdFor(processId);
    // The input without the body route: applyResult adds it from `bodies`.
    result.children[processId] = {
      processId,
      workflowId,
      input: { processId, subject, ...(record ? { record } : {}), variables, startedBy: e.startedBy, parentProcessId: ctx.processId, depth: e.depth, limits: e.limits },
    };
    return [{ id: processId, workflowId, routeVersion: version.id, subject, recordType: record?.type ?? null, recordId: record?.id ?? null, variables, status: 'running' as const, startedBy: e.startedBy, startedAt: now, parent: ctx.processId }];
  });
  if (processes.length > 0) await em.createQueryBuilder(Process).insert(processes).onConflict('id').ignore().execute();
}
