// Who sees a campaign: marketing readers (marketing-access.ts) see every one; anyone else only a
// campaign whose case, or one of its per-client cases, gave or gives them a step (a seller calling
// a responder) - and is refused otherwise. Changing one is for marketing editors.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { DomainError, notFound } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import { canEditMarketing, canReadMarketing } from './marketing-access.ts';

export async function hasStepsIn(em: EntityManager, actor: Actor, campaignId: string): Promise<boolean> {
  const { rows } = await sql<{ yes: boolean }>`select exists (
      select 1 from campaign c join process p on p.id = c.process_id or p.parent_id = c.process_id
        join assignment a on a.process_id = p.id
      where c.id = ${campaignId}::uuid and (a.assignee_id = ${actor.employeeId}::uuid or a.completed_by_id = ${actor.employeeId}::uuid)) as yes`.execute(em.getKysely());
  return rows[0]?.yes === true;
}

async function exists(em: EntityManager, campaignId: string): Promise<void> {
  const { rows } = await sql<{ id: string }>`select id from campaign where id = ${campaignId}::uuid`.execute(em.getKysely());
  if (!rows[0]) throw notFound('Campaign', campaignId);
}

export async function checkCampaignVisible(em: EntityManager, actor: Actor, campaignId: string): Promise<void> {
  await exists(em, campaignId);
  if (canReadMarketing(actor) || (await hasStepsIn(em, actor, campaignId))) return;
  throw new DomainError('forbidden', 'You have no steps in this campaign');
}

/** Responses are recorded by marketing editors and by whoever works the campaign's steps. */
export async function checkMayRecordResponse(em: EntityManager, actor: Actor, campaignId: string): Promise<void> {
  await exists(em, campaignId);
  if (canEditMarketing(actor) || (await hasStepsIn(em, actor, campaignId))) return;
  throw new DomainError('forbidden', 'Responses are recorded by marketing and by the people working the campaign');
}

export async function checkCampaignEditable(em: EntityManager, actor: Actor, campaignId: string): Promise<void> {
  await exists(em, campaignId);
  if (!canEditMarketing(actor)) throw new DomainError('forbidden', 'Campaigns are managed by marketing, management and admins');
}
