// A message template of a mass e-mail: subject, HTML and text parts in the Liquid template language
// (liquidjs), personalised per recipient when the message is queued. A campaign's messages (the
// first letter, the reminder) are templates of that campaign; templates with no campaign are the
// company's library, copied into a campaign when it is created from a campaign template.
import { defineEntity, p } from '@mikro-orm/core';
import { Employee } from '../organisation/entities.ts';
import { BaseEntity } from '../shared/base-entity.ts';

export const MailTemplate = defineEntity({
  name: 'MailTemplate',
  extends: BaseEntity,
  indexes: [{ properties: ['campaignId'] }],
  properties: {
    name: p.string().length(200),
    /** Liquid: `{{ client.name }}`, `{{ contact.firstName }}`, `{{ owner.fullName }}`... */
    subject: p.string().length(300),
    html: p.text(),
    text: p.text(),
    /** The campaign this template is a message of (a plain id: marketing owns campaigns); null for the library. */
    campaignId: p.uuid().nullable(),
    createdBy: () => p.manyToOne(Employee).ref(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    version: p.integer().version(),
  },
});
