// An admin creates an integration key with a name and scopes; the secret is answered once.
import type { EntityManager } from '@mikro-orm/postgresql';
import { IntegrationKey } from '../entities/index.ts';
import { DomainError } from '../errors.ts';
import type { IntegrationScopes } from './integration-key.entity.ts';
import { KEY_PREFIX, newSecret, sha256Hex } from './integration-key-secrets.ts';
import type { Actor } from './roles.ts';

export async function createIntegrationKey(em: EntityManager, admin: Actor, opts: { name: string; scopes: IntegrationScopes }) {
  if (await em.count(IntegrationKey, { name: opts.name })) {
    throw new DomainError('conflict', `An integration key named "${opts.name}" exists already`, [{ path: 'name', message: 'is taken' }]);
  }
  const secret = newSecret();
  const key = em.create(IntegrationKey, {
    id: crypto.randomUUID(),
    name: opts.name,
    prefix: secret.slice(0, KEY_PREFIX.length + 6),
    secretHash: await sha256Hex(secret),
    scopes: opts.scopes,
    createdBy: admin.employeeId,
    createdAt: new Date(),
  });
  await em.flush();
  return { id: key.id, secret };
}

