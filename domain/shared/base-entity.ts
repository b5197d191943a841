// The schema every entity with a surrogate key shares: a UUID primary key chosen by the code that
// creates the row (a workflow, or an id derived from an Idempotency-Key), never by the database,
// so a retried write finds the row it already wrote. Abstract: it has no table of its own.
// Entities keyed by something natural (a role's code, a token hash, the company id) do not use it.
import { defineEntity, p } from '@mikro-orm/core';

export const BaseEntity = defineEntity({
  name: 'BaseEntity',
  abstract: true,
  properties: {
    id: p.uuid().primary(),
  },
});
