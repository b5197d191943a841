// An integration key: how another system (the accounting program reporting a payment) calls the
// API without a person's password. Admins create it with a name and scopes; its secret is shown
// once and only its SHA-256 is kept; it can be revoked; its last use is recorded.
import { defineEntity, p } from '@mikro-orm/core';
import { Employee } from '../organisation/entities.ts';
import { BaseEntity } from '../shared/base-entity.ts';

/**
 * What a key may do. `events`: outside events it may send, as `<route key>/<event>`,
 * `<route key>/*` or `*` (the route must also let integrations send the event). `cases`: the
 * route keys whose cases it may read, or `*`.
 */
export interface IntegrationScopes {
  events: string[];
  cases: string[];
}

export const IntegrationKey = defineEntity({
  name: 'IntegrationKey',
  extends: BaseEntity,
  properties: {
    name: p.string().unique(),
    /** The secret's first characters, so a person can tell keys apart without the secret. */
    prefix: p.string(),
    secretHash: p.string().unique().hidden(),
    scopes: p.json<IntegrationScopes>(),
    createdBy: () => p.manyToOne(Employee).ref(),
    createdAt: p.datetime(),
    revokedAt: p.datetime().nullable(),
    revokedBy: () => p.manyToOne(Employee).ref().nullable(),
    lastUsedAt: p.datetime().nullable(),
  },
});
