// A campaign's case: starting it (the campaign's route, with the campaign's id, owner, message
// templates and follow-up days as variables) once, cancelling it, and telling a client's
// per-client case about a response a person recorded.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { DomainError, notFound } from '../../domain/errors.ts';
import type { Actor } from '../../domain/identity/roles.ts';
import { actingAs } from '../../domain/processes/case-engine.ts';
import { sendEvent } from '../../domain/processes/send-event.ts';
import type { ResponseKind } from '../../domain/marketing/entities.ts';
import type { AppDeps } from '../context.ts';
import { startProcess } from '../processes/process-store.ts';
import { temporalEngine } from '../processes/temporal-engine.ts';

type Deps = Pick<AppDeps, 'temporal' | 'taskQueue' | 'mailer' | 'caseLimits' | 'engineClock'>;

/**
 * Claims the planned campaign (planned -> running) and starts its case; a campaign already
 * running answers as it is, so a second press or a retry starts nothing twice. A start the engine
 * refuses puts the campaign back to planned.
 */
export async function startCampaign(em: EntityManager, deps: Deps, actor: Actor, campaignId: string, idempotencyKey?: string): Promise<void> {
  const db = em.getKysely();
  const { rows: [claimed] } = await sql<{ name: string; route_key: string; owner_email: string; main_template_id: string | null; reminder_template_id: string | null; follow_up_days: number; segment_id: string | null }>`
    update campaign c set status = 'running', started_at = now(), updated_at = now(), version = c.version + 1
    from employee e where e.id = c.owner_id and c.id = ${campaignId}::uuid and c.status = 'planned' and c.segment_id is not null
    returning c.name, c.route_key, e.email as owner_email, c.main_template_id, c.reminder_template_id, c.follow_up_days, c.segment_id`.execute(db);
  if (!claimed) {
    const { rows: [now] } = await sql<{ status: string; segment_id: string | null }>`select status, segment_id from campaign where id = ${campaignId}::uuid`.execute(db);
    if (!now) throw notFound('Campaign', campaignId);
    if (now.status === 'running' || now.status === 'finished') return;
    if (now.status === 'cancelled') throw new DomainError('conflict', 'The campaign is cancelled');
    throw new DomainError('unprocessable', 'Choose the segment before starting the campaign', [{ path: 'segmentId', message: 'required to start' }]);
  }
  try {
    const started = await startProcess(em.fork(), deps, actor, {
      routeKey: claimed.route_key, subject: `Кампания: ${claimed.name}`.slice(0, 255),
      variables: {
        // Route variable ids are lower-case (the route language's id rule).
        campaign_id: campaignId, owner: claimed.owner_email, main_template_id: claimed.main_template_id ?? '', follow_up_days: claimed.follow_up_days,
        ...(claimed.reminder_template_id ? { reminder_template_id: claimed.reminder_template_id } : {}),
      },
    }, idempotencyKey === undefined ? `campaign-start:${campaignId}` : `${idempotencyKey}:campaign-start`);
    await sql`update campaign set process_id = ${started.summary.id}::uuid where id = ${campaignId}::uuid`.execute(db);
  } catch (err) {
    await sql`update campaign set status = 'planned', started_at = null where id = ${campaignId}::uuid and process_id is null`.execute(db);
    throw err;
  }
}

export async function cancelCampaign(em: EntityManager, deps: Deps, actor: Actor, campaignId: string, reason: string): Promise<void> {
  const db = em.getKysely();
  const { rows: [c] } = await sql<{ status: string; workflow_id: string | null; process_status: string | null }>`
    select c.status, p.workflow_id, p.status as process_status from campaign c left join process p on p.id = c.process_id where c.id = ${campaignId}::uuid`.execute(db);
  if (!c) throw notFound('Campaign', campaignId);
  if (c.status === 'cancelled') return;
  if (c.status === 'finished') throw new DomainError('conflict', 'The campaign is finished');
  if (c.workflow_id && c.process_status === 'running') {
    await temporalEngine(deps.temporal, deps.taskQueue).cancel(c.workflow_id, { reason, actor: actingAs(actor) }, { updateId: `campaign-cancel:${campaignId}` });
  }
  await sql`update campaign set status = 'cancelled', finished_at = now(), updated_at = now(), version = version + 1 where id = ${campaignId}::uuid and status in ('planned', 'running')`.execute(db);
}

/**
 * Tells the client's per-client case (a case under the campaign's case about the client, still
 * running) about the response; answers whether one was told. The route then records the same
 * response id, which the API wrote already - so it stays one row.
 */
export async function tellClientCase(em: EntityManager, deps: Deps, actor: Actor, campaignId: string, clientId: string, kind: ResponseKind, responseId: string): Promise<boolean> {
  const { rows: [child] } = await sql<{ id: string }>`select p.id from campaign c join process p on p.parent_id = c.process_id
    where c.id = ${campaignId}::uuid and p.record_type = 'client' and p.record_id = ${clientId}::uuid and p.status = 'running' order by p.started_at desc limit 1`.execute(em.getKysely());
  if (!child) return false;
  try {
    await sendEvent({ em, engine: temporalEngine(deps.temporal, deps.taskQueue) }, { kind: 'employee', actor }, { processId: child.id, name: 'response', payload: { kind, response_id: responseId } });
    return true;
  } catch (err) {
    // The case does not wait for responses (any more), or this person may not tell it: the row stands.
    if (err instanceof DomainError && (err.code === 'conflict' || err.code === 'forbidden' || err.code === 'unprocessable')) return false;
    throw err;
  }
}
