// Changing a campaign on the version read. Its segment can change only while it is planned (at
// the send it is frozen into recipients); the actual cost is typically entered once it is done.
import type { EntityManager } from '@mikro-orm/postgresql';
import { Campaign, Segment } from '../entities/index.ts';
import { DomainError, notFound } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import type { CampaignChannel } from './entities.ts';
import { checkMarketingEditor } from './marketing-access.ts';

export interface CampaignPatch {
  version: number;
  name?: string | undefined;
  description?: string | null | undefined;
  segmentId?: string | null | undefined;
  ownerId?: string | undefined;
  channel?: CampaignChannel | undefined;
  budget?: number | undefined;
  actualCost?: number | null | undefined;
  plannedStart?: string | null | undefined;
  plannedEnd?: string | null | undefined;
  attributionDays?: number | undefined;
  followUpDays?: number | undefined;
}

export async function updateCampaign(em: EntityManager, actor: Actor, id: string, patch: CampaignPatch): Promise<void> {
  checkMarketingEditor(actor);
  const c = await em.findOne(Campaign, id);
  if (!c) throw notFound('Campaign', id);
  if (c.version !== patch.version) throw new DomainError('conflict', `The campaign was changed meanwhile (version ${c.version}, not ${patch.version})`, [{ path: 'version', message: `now ${c.version}` }]);
  if (c.status === 'cancelled') throw new DomainError('conflict', 'The campaign is cancelled');
  if (patch.segmentId !== undefined && patch.segmentId !== (c.segment?.id ?? null)) {
    if (c.status !== 'planned') throw new DomainError('conflict', 'The segment is frozen into recipients once the campaign runs', [{ path: 'segmentId', message: 'campaign is not planned any more' }]);
    if (patch.segmentId && !(await em.findOne(Segment, patch.segmentId, { fields: ['id'] }))) throw new DomainError('unprocessable', `Segment ${patch.segmentId} does not exist`, [{ path: 'segmentId', message: 'no such segment' }]);
    Object.assign(c, { segment: patch.segmentId });
  }
  if (patch.ownerId !== undefined) {
    const [owner] = await em.getConnection().execute<{ id: string }[]>('select id from employee where id = ? and active', [patch.ownerId]);
    if (!owner) throw new DomainError('unprocessable', 'The owner must be an active employee', [{ path: 'ownerId', message: 'no such active employee' }]);
  }
  const { version: _v, segmentId: _s, ownerId, ...rest } = patch;
  for (const [k, v] of Object.entries(rest)) if (v !== undefined) Object.assign(c, { [k]: v });
  if (ownerId !== undefined) Object.assign(c, { owner: ownerId });
  c.updatedAt = new Date();
  await em.flush();
}
