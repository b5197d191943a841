// Starting a case as the API does it: the domain's use case with the Temporal engine, fault
// points for the crash tests around the engine call, and a first try at the mail it queued.
// The read side (case list, case view) is process-view.ts.
import type { EntityManager } from '@mikro-orm/postgresql';
import { caseIds } from '../../domain/idempotency/derive-ids.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import type { CaseEngine } from '../../domain/processes/case-engine.ts';
import { startProcess as startCase, type StartProcessOptions } from '../../domain/processes/start-process.ts';
import { deliverNow } from '../../infra/mail/mailer.ts';
import type { AppDeps } from '../context.ts';
import { faultPoint } from '../fault-point.ts';
import { temporalEngine } from './temporal-engine.ts';

export { processDetail, processSummaries } from './process-view.ts';

/** Starts a case; answers with the case and the steps it opened first. */
export async function startProcess(em: EntityManager, deps: Pick<AppDeps, 'temporal' | 'taskQueue' | 'mailer' | 'caseLimits' | 'engineClock'>, actor: Actor, opts: StartProcessOptions, idempotencyKey?: string) {
  const engine = temporalEngine(deps.temporal, deps.taskQueue);
  // Idempotency: with a key the case's ids are derived from it; fault points serve the crash tests.
  const withFaults: Pick<CaseEngine, 'start'> = {
    async start(input) {
      faultPoint('process.inserted');
      await engine.start(input);
      faultPoint('workflow.started');
    },
  };
  const started = await startCase({ em, engine: withFaults, limits: deps.caseLimits, now: deps.engineClock, ids: caseIds(actor.employeeId, idempotencyKey) }, actor, opts);
  if (deps.mailer) await deliverNow(em, deps.mailer, started.mailKeys, 5_000);
  return started;
}
