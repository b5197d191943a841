// Process use cases: start a case of a published route, cancel it, deliver an outside event.
// The read side (case list, case view) is process-view.ts.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { Process } from '../../domain/entities/index.ts';
import { DomainError, notFound } from '../../domain/errors.ts';
import { isSupervisor, type Actor } from '../../domain/identity/roles.ts';
import { startProcess as startCase, type StartProcessOptions } from '../../domain/processes/start-process.ts';
import { checkEvent, type FormValue } from '../../domain/routes/step-input.ts';
import { deliverQueued } from '../../infra/mail/mailer.ts';
import { cancelProcessUpdate, outsideEventSignal, type ProcessResult } from '../../workflows/contract.ts';
import type { AppDeps } from '../context.ts';
import { viaTemporal } from '../temporal-errors.ts';
import { temporalEngine } from './temporal-engine.ts';
import { caseIds, updateIdFor } from '../../domain/idempotency/derive-ids.ts';
import { faultPoint } from '../fault-point.ts';

type ProcessRow = InstanceType<typeof Process.class>;

export { processDetail, processSummaries } from './process-view.ts';

/** Starts a case; answers with the case and the steps it opened first. */
export async function startProcess(em: EntityManager, deps: Pick<AppDeps, 'temporal' | 'taskQueue' | 'mailer' | 'caseLimits' | 'engineClock'>, actor: Actor, opts: StartProcessOptions, idempotencyKey?: string) {
  const engine = temporalEngine(deps.temporal, deps.taskQueue);
  // Idempotency: with a key the case's ids are derived from it; fault points serve the crash tests.
  const withFaults: typeof engine = {
    async start(input) {
      faultPoint('process.inserted');
      await engine.start(input);
      faultPoint('workflow.started');
    },
  };
  const started = await startCase({ em, engine: withFaults, limits: deps.caseLimits, now: deps.engineClock, ids: caseIds(actor.employeeId, idempotencyKey) }, actor, opts);
  // Best effort: mail that cannot go now stays queued, and the outbox retries it.
  if (deps.mailer?.transport && started.mailKeys.length > 0) await deliverQueued(em.fork(), deps.mailer, { keys: started.mailKeys, budgetMs: 5_000 }).catch(() => undefined);
  return started;
}

async function loadProcess(em: EntityManager, id: string): Promise<ProcessRow> {
  const p = await em.findOne(Process, id, { populate: ['routeVersion', 'routeVersion.route'] });
  if (!p) throw notFound('Process', id);
  return p;
}

export async function cancelProcess(em: EntityManager, temporal: Client, actor: Actor, id: string, reason: string, idempotencyKey?: string): Promise<ProcessResult> {
  const p = await loadProcess(em, id);
  if (!isSupervisor(actor) && p.startedBy.id !== actor.employeeId) {
    throw new DomainError('forbidden', 'Only the person who started this case, a manager or an admin may cancel it');
  }
  if (p.status !== 'running') throw new DomainError('conflict', `This case is already ${p.status}`);
  return viaTemporal(() =>
    temporal.workflow.getHandle(p.workflowId).executeUpdate(cancelProcessUpdate, { updateId: updateIdFor(actor.employeeId, idempotencyKey, `process.cancel:${id}`), args: [{ reason, actor: { employeeId: actor.employeeId, roles: actor.roles } }] }),
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
