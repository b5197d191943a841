// Process use cases: start a case of a published route, list cases, build the case view from
// PostgreSQL (timeline, assignments) merged with the workflow's live state, and cancel.
import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { Process, StepEvent } from '../../domain/entities/index.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import { isSupervisor, type Actor } from '../../domain/identity/roles.ts';
import { startProcess as startCase, type StartProcessOptions } from '../../domain/processes/start-process.ts';
import { checkEvent, type FormValue } from '../../domain/routes/step-input.ts';
import { cancelProcessUpdate, liveStateQuery, outsideEventSignal, type LiveState, type ProcessResult } from '../../workflows/contract.ts';
import { findAssignmentViews } from '../assignments/assignment-view.ts';
import { viaTemporal } from '../temporal-errors.ts';
import { deliverQueued } from '../../infra/mail/mailer.ts';
import type { AppDeps } from '../context.ts';
import { temporalEngine } from './temporal-engine.ts';

type ProcessRow = InstanceType<typeof Process.class>;

export type { StartProcessOptions as StartOptions };

/** Starts a case; answers with the case and the steps it opened first. */
export async function startProcess(em: EntityManager, deps: Pick<AppDeps, 'temporal' | 'taskQueue' | 'mailer' | 'caseLimits'>, actor: Actor, opts: StartProcessOptions) {
  const started = await startCase({ em, engine: temporalEngine(deps.temporal, deps.taskQueue), limits: deps.caseLimits, ids: { processId: crypto.randomUUID(), newId: () => crypto.randomUUID() } }, actor, opts);
  // Best effort: mail that cannot go now stays queued, and the outbox retries it.
  if (deps.mailer?.transport && started.mailKeys.length > 0) await deliverQueued(em.fork(), deps.mailer, { keys: started.mailKeys, budgetMs: 5_000 }).catch(() => undefined);
  return started;
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

export function summary(p: ProcessRow) {
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

export async function cancelProcess(em: EntityManager, temporal: Client, actor: Actor, id: string, reason: string): Promise<ProcessResult> {
  const p = await loadProcess(em, id);
  if (!isSupervisor(actor) && p.startedBy.id !== actor.employeeId) {
    throw new DomainError('forbidden', 'Only the person who started this case, a manager or an admin may cancel it');
  }
  if (p.status !== 'running') throw new DomainError('conflict', `This case is already ${p.status}`);
  return viaTemporal(() =>
    temporal.workflow.getHandle(p.workflowId).executeUpdate(cancelProcessUpdate, { args: [{ reason, actor: { employeeId: actor.employeeId, roles: actor.roles } }] }),
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
