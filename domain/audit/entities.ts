// The audit log: an append-only record of who did what, when and from where - sign-ins (and
// failures), route drafts and publishes, case starts, events, cancels, reassignments and
// hand-overs, settings changes, exports, integration keys. The API writes one entry after each
// state-changing call it answered with success (api/audit/); a database trigger refuses UPDATE,
// DELETE and TRUNCATE of the table, so nothing in the product can change what was recorded.
import { defineEntity, p } from '@mikro-orm/core';
import { BaseEntity } from '../shared/base-entity.ts';

// 'case': a route's case changed a record through its `update-record` action (actor: the case's id).
export const AUDIT_ACTOR_KINDS = ['employee', 'api-key', 'anonymous', 'case'] as const;
export type AuditActorKind = (typeof AUDIT_ACTOR_KINDS)[number];

export const AUDIT_ACTIONS = [
  'auth.login', 'auth.login-failed', 'auth.logout', 'auth.logout-all',
  'route.create', 'route.draft', 'route.publish',
  'process.start', 'process.event', 'process.cancel',
  'assignment.reassign', 'assignment.claim', 'assignment.hand-over',
  'settings.calendar', 'settings.reports', 'sales-plan.save',
  'api-key.create', 'api-key.revoke', 'api-key.use',
  'client.create', 'client.update', 'client.vip-tag', 'client.contact-add', 'client.contact-update', 'client.contact-remove',
  'client-tag.create', 'client-tag.update', 'client-tag.delete',
  'interaction.create', 'interaction.update',
  'deal.create', 'deal.update', 'deal.close', 'deal.route-update',
  'deal-stage.create', 'deal-stage.update', 'deal-stage.delete',
  'invoice.create', 'invoice.update', 'invoice.cancel', 'invoice.schedule', 'invoice.payment', 'invoice.route-update',
  'installation.create', 'installation.update', 'installation.accept', 'installation.return', 'installation.schedule', 'installation.complete', 'installation.cancel', 'installation.resubmit',
  'equipment.create', 'equipment.update', 'service-visit.create', 'service-visit.update', 'consultation.create', 'consultation.update',
  'complaint.create', 'complaint.update', 'complaint.status', 'complaint.message', 'complaint.note', 'complaint.decide', 'complaint.route-update',
  'kb-article.create', 'kb-article.update',
  'mail-template.create', 'mail-template.update', 'mail-send.retry', 'mail.unsubscribe', 'mail.resubscribe',
  'portal.submit', 'portal.confirm', 'portal.message',
  'survey.create', 'survey.update', 'survey.publish', 'survey.round', 'survey.answer',
  'export',
  'import.upload', 'import.mapping', 'import.commit',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AuditEntry = defineEntity({
  name: 'AuditEntry',
  extends: BaseEntity,
  // The admin list reads newest first, optionally narrowed to one actor, one action or one target.
  indexes: [
    { properties: ['at', 'id'] },
    { properties: ['actor', 'at'] },
    { properties: ['action', 'at'] },
    { properties: ['targetType', 'targetId', 'at'] },
  ],
  properties: {
    at: p.datetime(),
    /**
     * The employee who acted, when one did. A plain id, not a foreign key: a key would forbid
     * removing the employee or would have to rewrite this row, and the log must outlive both.
     */
    actor: p.uuid().nullable(),
    actorKind: p.string().length(16),
    /** The e-mail or key name as it was at the time (a failed sign-in: the e-mail that was tried). */
    actorLabel: p.string().length(320).nullable(),
    action: p.string().length(64),
    targetType: p.string().length(64).nullable(),
    targetId: p.string().length(255).nullable(),
    /** What changed, small: the event name, the reassignment's target, the draft's revision. */
    details: p.json<Record<string, unknown>>().nullable(),
    ip: p.string().length(64).nullable(),
    userAgent: p.string().length(512).nullable(),
    /** The HTTP status the request was answered with. */
    status: p.smallint(),
  },
});
