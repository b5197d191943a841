// A signed-in session: the bearer token's hash, whose it is and until when it holds. The API
// looks it up on every request (api/auth/).
import { defineEntity, p } from '@mikro-orm/core';
import { Employee } from '../organisation/entities.ts';

export const Session = defineEntity({
  name: 'Session',
  properties: {
    /** SHA-256 of the bearer token: a stolen database does not yield working tokens. */
    tokenHash: p.string().primary(),
    employee: () => p.manyToOne(Employee).ref().index(),
    createdAt: p.datetime(),
    expiresAt: p.datetime().index(),
  },
});
