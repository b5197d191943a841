// Delivering an outside event (payment received, customer replied) to a running case: the event
// must be one its route declares, with the payload it declares, from a sender the declaration
// allows (graph-schema.ts `senders`): by default the case's participants; members of the roles
// it lists; integration keys when it says so and the key's scopes name the event.
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, notFound } from '../errors.ts';
import { hasAnyRole, type Actor } from '../identity/roles.ts';
import { DEFAULT_EVENT_SENDERS, type RouteGraph } from '../routes/graph-schema.ts';
import type { RouteDefinition } from '../routes/route-schema.ts';
import { checkEvent, type FormValue } from '../routes/step-input.ts';
import type { CaseEngine } from './case-engine.ts';
import { participatesIn } from './case-access.ts';
import type { EventSender } from './case-state.ts';

export interface SendEventDeps {
  em: EntityManager;
  engine: Pick<CaseEngine, 'signal'>;
}

export interface SendEventOptions {
  processId: string;
  name: string;
  payload: Record<string, FormValue>;
  /** Why it was sent, when a person says so. */
  reason?: string | undefined;
}

/** Who sends: a signed-in person, or another system through an integration key and its scopes. */
export type EventSource = { kind: 'employee'; actor: Actor } | { kind: 'integration'; keyId: string; name: string; scopes: { events: readonly string[] } };

/** Whether an integration key's event scopes (`<route key>/<event>`, `<route key>/*`, `*`) name this event. */
export const scopeAllowsEvent = (scopes: readonly string[], routeKey: string, event: string): boolean =>
  scopes.some((s) => s === '*' || s === `${routeKey}/*` || s === `${routeKey}/${event}`);

export async function sendEvent(deps: SendEventDeps, source: EventSource, opts: SendEventOptions): Promise<void> {
  const { processId, name, payload, reason } = opts;
  const [p] = await deps.em.execute<{ status: string; workflow_id: string; definition: RouteDefinition | RouteGraph; key: string }[]>(
    `select p.status, p.workflow_id, v.definition, r.key
       from process p join route_version v on v.id = p.route_version_id join route r on r.id = v.route_id
      where p.id = ?`,
    [processId],
  );
  if (!p) throw notFound('Process', processId);
  const problems = checkEvent(p.definition, name, payload);
  if (problems.length) throw new DomainError('unprocessable', `The event "${name}" cannot be delivered to this case`, problems);
  const declared = p.definition.language === 'route/v1' ? p.definition.events[name] : undefined;
  const senders = declared?.senders ?? DEFAULT_EVENT_SENDERS;
  let sender: EventSender;
  if (source.kind === 'integration') {
    if (!senders.integrations) throw new DomainError('forbidden', `The route does not let other systems send "${name}"`);
    if (!scopeAllowsEvent(source.scopes.events, p.key, name)) throw new DomainError('forbidden', `This integration key may not send "${name}" to cases of ${p.key}`);
    sender = { kind: 'integration', id: source.keyId, label: source.name };
  } else {
    const byRole = hasAnyRole(source.actor, senders.roles);
    if (!byRole && !(senders.participants && (await participatesIn(deps.em, source.actor, processId)))) {
      const who = [senders.participants ? "the case's participants" : undefined, senders.roles.length ? `the roles ${senders.roles.join(', ')}` : undefined].filter(Boolean);
      throw new DomainError('forbidden', who.length ? `Only ${who.join(' and ')} may send "${name}" to this case` : `No person may send "${name}"; only other systems may`);
    }
    sender = { kind: 'employee', id: source.actor.employeeId, label: source.actor.email };
  }
  if (p.status !== 'running') throw new DomainError('conflict', `This case is already ${p.status}`);
  await deps.engine.signal(p.workflow_id, { name, payload, receivedAt: new Date().toISOString(), ...(source.kind === 'employee' ? { actorId: source.actor.employeeId } : {}), sender, ...(reason ? { reason } : {}) });
}
