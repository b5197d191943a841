// Process use cases: start a case of a published route, list cases, build the case view from
// PostgreSQL (timeline, assignments) merged with the workflow's live state, and cancel.
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { Process, Route, StepEvent } from '../../domain/entities/index.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import { isSupervisor, type Actor } from '../../domain/identity/roles.ts';
import { checkEvent, checkVariables, type FormValue } from '../../domain/routes/step-input.ts';
import { ROUTE_WORKFLOW_TYPE } from '../../temporal.config.ts';
import { cancelProcessUpdate, liveStateQuery, outsideEventSignal, type LiveState, type ProcessInput, type ProcessResult } from '../../workflows/contract.ts';
import { findAssignmentViews } from '../assignments/assignment-view.ts';
import { viaTemporal } from '../temporal-errors.ts';
import { getVersion } from '../routes/route-store.ts';
import { faultPoint } from '../fault-point.ts';
import { alreadyStarted, insertProcessOnce } from './start-once.ts';
import { deriveId, updateIdFor } from '../../domain/idempotency.ts';

type ProcessRow = InstanceType<typeof Process.class>;

export interface StartOptions {
  routeId?: string | undefined;
  routeKey?: string | undefined;
  version?: number | undefined;
  subject: string;
  variables: Record<string, FormValue>;
  /** The request's Idempotency-Key: the case id is derived from it. */
  idempotencyKey?: string | undefined;
}

export const workflowIdFor = (processId: string): string => `process-${processId}`;

export async function startProcess(em: EntityManager, temporal: Client, taskQueue: string, actor: Actor, opts: StartOptions): Promise<ProcessRow> {
  const routeId = opts.routeId ?? (await em.findOne(Route, { key: opts.routeKey ?? '' }, { fields: ['id'] }))?.id;
  if (!routeId) throw notFound('Route', opts.routeKey ?? '');
  const { route, row: version } = await getVersion(em, routeId, opts.version).catch((err: unknown) => {
    // A route that exists but was never published cannot be started: the request breaks a rule.
    if (err instanceof DomainError && err.code === 'not_found' && opts.version === undefined) throw new DomainError('unprocessable', err.message, [{ path: 'routeId', message: 'has no published version' }]);
    throw err;
  });
  const problems = checkVariables(version.definition, opts.variables);
  if (problems.length) throw new DomainError('unprocessable', 'The case cannot be started with these variables', problems);

  // Idempotency: a key always names the same case, so a start re-run after a crash finds its row and workflow.
  const id = opts.idempotencyKey === undefined ? crypto.randomUUID() : await deriveId(actor.employeeId, opts.idempotencyKey, 'process.start');
  const process = await insertProcessOnce(em, actor, {
    id,
    workflowId: workflowIdFor(id),
    routeVersion: version.id,
    subject: opts.subject,
    variables: opts.variables,
    status: 'running',
    startedBy: actor.employeeId,
    startedAt: new Date(),
  });
  faultPoint('process.inserted');
  const input: ProcessInput = {
    processId: id,
    route: { id: route.id, key: route.key, versionId: version.id, version: version.version },
    definition: version.definition,
    subject: opts.subject,
    variables: opts.variables,
    startedBy: actor.employeeId,
  };
  try {
    await temporal.workflow.start(ROUTE_WORKFLOW_TYPE, { taskQueue, workflowId: process.workflowId, args: [input], workflowIdReusePolicy: 'REJECT_DUPLICATE' });
  } catch (err) {
    if (alreadyStarted(err, opts.idempotencyKey)) return process; // idempotency: started by an earlier attempt
    // Nothing runs for this row: remove it rather than leave a case that never moves.
    await em.nativeDelete(Process, { id });
    throw err;
  }
  faultPoint('workflow.started');
  return process;
}

export async function processSummaries(em: EntityManager, where: FilterQuery<ProcessRow>, page: { limit: number; offset: number }) {
  const [rows, total] = await em.findAndCount(Process, where, {
    populate: ['routeVersion', 'routeVersion.route'],
    orderBy: { startedAt: 'desc', id: 'asc' },
    limit: page.limit,
    offset: page.offset,
  });
  return { items: rows.map(summary), total };
}

function summary(p: ProcessRow) {
  const version = p.routeVersion.getEntity();
  const route = version.route.getEntity();
  return {
    id: p.id,
    subject: p.subject,
    status: p.status,
    route: { id: route.id, key: route.key, name: route.name, version: version.version, versionId: version.id },
    currentStep: p.currentStepId ? { id: p.currentStepId, name: p.currentStepName ?? p.currentStepId } : null,
    startedBy: p.startedBy.id,
    startedAt: p.startedAt.toISOString(),
    endedAt: p.endedAt?.toISOString() ?? null,
  };
}

async function loadProcess(em: EntityManager, id: string): Promise<ProcessRow> {
  const p = await em.findOne(Process, id, { populate: ['routeVersion', 'routeVersion.route'] });
  if (!p) throw notFound('Process', id);
  return p;
}

export async function processDetail(em: EntityManager, temporal: Client, id: string) {
  const p = await loadProcess(em, id);
  const [events, assignments, live] = await Promise.all([
    em.find(StepEvent, { process: id }, { orderBy: { at: 'asc', id: 'asc' } }),
    findAssignmentViews(em, { process: id }, { orderBy: 'openedAt' }),
    p.status === 'running' ? queryLive(temporal, p.workflowId) : Promise.resolve(null),
  ]);
  return {
    ...summary(p),
    variables: p.variables,
    result: p.result ?? null,
    timeline: events.map((e) => ({
      type: e.type,
      at: e.at.toISOString(),
      stepId: e.stepId ?? null,
      assignmentId: e.assignmentId ?? null,
      actorId: e.actor?.id ?? null,
      data: e.data ?? null,
    })),
    assignments,
    live,
  };
}

async function queryLive(temporal: Client, workflowId: string): Promise<LiveState | null> {
  try {
    return await temporal.workflow.getHandle(workflowId).query(liveStateQuery);
  } catch {
    // The case view still shows everything PostgreSQL knows if the engine cannot answer now.
    return null;
  }
}

export async function cancelProcess(em: EntityManager, temporal: Client, actor: Actor, id: string, reason: string, idempotencyKey?: string): Promise<ProcessResult> {
  const p = await loadProcess(em, id);
  if (!isSupervisor(actor) && p.startedBy.id !== actor.employeeId) {
    throw new DomainError('forbidden', 'Only the person who started this case, a manager or an admin may cancel it');
  }
  if (p.status !== 'running') throw new DomainError('conflict', `This case is already ${p.status}`);
  const updateId = await updateIdFor(actor.employeeId, idempotencyKey, `process.cancel:${id}`); // idempotency
  return viaTemporal(() =>
    temporal.workflow.getHandle(p.workflowId).executeUpdate(cancelProcessUpdate, { updateId, args: [{ reason, actor: { employeeId: actor.employeeId, roles: actor.roles } }] }),
  );
}

/** Delivers an outside event (payment received, customer replied) to a running case. */
export async function sendEvent(em: EntityManager, temporal: Client, actor: Actor, id: string, name: string, payload: Record<string, FormValue>): Promise<void> {
  const p = await loadProcess(em, id);
  const problems = checkEvent(p.routeVersion.getEntity().definition, name, payload);
  if (problems.length) throw new DomainError('unprocessable', `The event "${name}" cannot be delivered to this case`, problems);
  if (p.status !== 'running') throw new DomainError('conflict', `This case is already ${p.status}`);
  await viaTemporal(() =>
    temporal.workflow.getHandle(p.workflowId).signal(outsideEventSignal, { name, payload, receivedAt: new Date().toISOString(), actorId: actor.employeeId }),
  );
}
