// The first answer to each state-changing request that carried an Idempotency-Key, per actor, so
// a client that retries (after a dropped connection, a timeout, a crash of the API) gets that
// answer again instead of a second case or a second completion. A row without completedAt is a
// request still running - or one whose process died half-way, which `owner` helps to tell.
import { defineEntity, p } from '@mikro-orm/core';
import { BaseEntity } from '../shared/base-entity.ts';
import { Employee } from '../organisation/entities.ts';

export const IdempotencyKey = defineEntity({
  name: 'IdempotencyKey',
  extends: BaseEntity,
  tableName: 'idempotency_key',
  uniques: [{ properties: ['actor', 'key'] }],
  indexes: [{ properties: ['createdAt'] }],
  properties: {
    actor: () => p.manyToOne(Employee).ref(),
    key: p.string().length(255),
    method: p.string().length(10),
    path: p.text(),
    /** SHA-256 of the request body: the same key with another body is refused. */
    requestHash: p.string().length(64),
    /** API process (host, pid, instance) running the request: a dead owner's key may be re-run. */
    owner: p.string(),
    statusCode: p.integer().nullable(),
    contentType: p.string().nullable(),
    responseBody: p.text().nullable(),
    createdAt: p.datetime(),
    completedAt: p.datetime().nullable(),
  },
});
