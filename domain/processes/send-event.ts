// Delivering an outside event (payment received, customer replied) to a running case: the event
// must be one its route declares, with the payload it declares.
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import { checkEvent, type FormValue } from '../routes/step-input.ts';
import type { CaseEngine } from './case-engine.ts';
import { findProcessWithDefinition } from './find-process.ts';

export interface SendEventDeps {
  em: EntityManager;
  engine: Pick<CaseEngine, 'signal'>;
}

export interface SendEventOptions {
  processId: string;
  name: string;
  payload: Record<string, FormValue>;
}

export async function sendEvent(deps: SendEventDeps, actor: Actor, opts: SendEventOptions): Promise<void> {
  const { processId, name, payload } = opts;
  const p = await findProcessWithDefinition(deps.em, processId);
  const problems = checkEvent(p.routeVersion.getEntity().definition, name, payload);
  if (problems.length) throw new DomainError('unprocessable', `The event "${name}" cannot be delivered to this case`, problems);
  if (p.status !== 'running') throw new DomainError('conflict', `This case is already ${p.status}`);
  await deps.engine.signal(p.workflowId, { name, payload, receivedAt: new Date().toISOString(), actorId: actor.employeeId });
}
