// Process use cases: start a case of a published route, list cases, build the case view from
// PostgreSQL (timeline, assignments) merged with the workflow's live state, and cancel.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { Process, Route } from '../../domain/entities/index.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import { isSupervisor, type Actor } from '../../domain/identity/roles.ts';
import { checkEvent, checkVariables, type FormValue } from '../../domain/routes/step-input.ts';
import { ROUTE_WORKFLOW_TYPE } from '../../temporal.config.ts';
import { cancelProcessUpdate, outsideEventSignal, type ProcessInput, type ProcessResult } from '../../workflows/contract.ts';
import { viaTemporal } from '../temporal-errors.ts';
import { getVersion } from '../routes/route-store.ts';

type ProcessRow = InstanceType<typeof Process.class>;

// The case list and the case view live in process-view.ts (the read side).
export { processDetail, processSummaries } from './process-view.ts';

export interface StartOptions {
  routeId?: string | undefined;
  routeKey?: string | undefined;
  version?: number | undefined;
  subject: string;
  variables: Record<string, FormValue>;
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

  const id = crypto.randomUUID();
  const process = em.create(Process, {
    id,
    workflowId: workflowIdFor(id),
    routeVersion: version.id,
    subject: opts.subject,
    variables: opts.variables,
    status: 'running',
    startedBy: actor.employeeId,
    startedAt: new Date(),
  });
  await em.flush();
  const input: ProcessInput = {
    processId: id,
    route: { id: route.id, key: route.key, versionId: version.id, version: version.version },
    definition: version.definition,
    subject: opts.subject,
    variables: opts.variables,
    startedBy: actor.employeeId,
  };
  try {
    await temporal.workflow.start(ROUTE_WORKFLOW_TYPE, { taskQueue, workflowId: process.workflowId, args: [input] });
  } catch (err) {
    // Nothing runs for this row: remove it rather than leave a case that never moves.
    await em.nativeDelete(Process, { id });
    throw err;
  }
  return process;
}

async function loadProcess(em: EntityManager, id: string): Promise<ProcessRow> {
  const p = await em.findOne(Process, id, { populate: ['routeVersion', 'routeVersion.route'] });
  if (!p) throw notFound('Process', id);
  return p;
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
