// A campaign is created from a template: the route it will run, the channel, budget and follow-up
// days, and the main and reminder messages - copied into mail templates of this campaign
// (mailing's MailTemplate), so editing them never changes the template or another campaign.
import type { EntityManager } from '@mikro-orm/postgresql';
import { Campaign, CampaignTemplate, MailTemplate, Segment } from '../entities/index.ts';
import { DomainError } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import type { CampaignChannel, MessageContent } from './entities.ts';
import { checkMarketingEditor } from './marketing-access.ts';

export interface CreateCampaignOptions {
  id?: string | undefined;
  templateId: string;
  name: string;
  description?: string | null | undefined;
  segmentId?: string | null | undefined;
  ownerId?: string | undefined;
  channel?: CampaignChannel | undefined;
  budget?: number | undefined;
  plannedStart?: string | null | undefined;
  plannedEnd?: string | null | undefined;
  attributionDays?: number | undefined;
  followUpDays?: number | undefined;
  mainMessage?: MessageContent | undefined;
  reminderMessage?: MessageContent | null | undefined;
}

export async function createCampaign(em: EntityManager, actor: Actor, o: CreateCampaignOptions): Promise<string> {
  checkMarketingEditor(actor);
  const id = o.id ?? crypto.randomUUID();
  // A retried create (same Idempotency-Key, same id) answers the campaign it made.
  if (await em.findOne(Campaign, id, { fields: ['id'] })) return id;
  const template = await em.findOne(CampaignTemplate, o.templateId);
  if (!template) throw new DomainError('unprocessable', `Campaign template ${o.templateId} does not exist`, [{ path: 'templateId', message: 'no such template' }]);
  if (o.segmentId && !(await em.findOne(Segment, o.segmentId, { fields: ['id'] }))) {
    throw new DomainError('unprocessable', `Segment ${o.segmentId} does not exist`, [{ path: 'segmentId', message: 'no such segment' }]);
  }
  const ownerId = o.ownerId ?? actor.employeeId;
  const [owner] = await em.getConnection().execute<{ id: string }[]>('select id from employee where id = ? and active', [ownerId]);
  if (!owner) throw new DomainError('unprocessable', 'The owner must be an active employee', [{ path: 'ownerId', message: 'no such active employee' }]);
  const now = new Date();
  // One flush: the campaign and its messages are written in one transaction.
  {
    const tx = em;
    const message = (kind: 'main' | 'reminder', content: MessageContent) => {
      const t = tx.create(MailTemplate, {
        id: crypto.randomUUID(), name: `${o.name.slice(0, 170)}: ${kind === 'main' ? 'письмо' : 'напоминание'}`, subject: content.subject, html: content.html, text: content.text,
        campaignId: id, createdBy: actor.employeeId, createdAt: now, updatedAt: now,
      });
      return t.id;
    };
    const main = o.mainMessage ?? template.mainMessage;
    const reminder = o.reminderMessage === undefined ? (template.reminderMessage ?? null) : o.reminderMessage;
    tx.create(Campaign, {
      id, name: o.name, description: o.description ?? null, template: template.id, routeKey: template.routeKey, segment: o.segmentId ?? null,
      channel: o.channel ?? template.channel, budget: o.budget ?? template.budget, actualCost: null, owner: ownerId, status: 'planned',
      plannedStart: o.plannedStart ?? null, plannedEnd: o.plannedEnd ?? null, attributionDays: o.attributionDays ?? 30, followUpDays: o.followUpDays ?? template.followUpDays,
      mainTemplateId: message('main', main), reminderTemplateId: reminder ? message('reminder', reminder) : null,
      processId: null, startedAt: null, sentAt: null, finishedAt: null, createdBy: actor.employeeId, createdAt: now, updatedAt: now,
    });
  }
  await em.flush();
  return id;
}
