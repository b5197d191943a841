// The live integration key behind a secret, when a call comes in with one.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { IntegrationScopes } from './integration-key.entity.ts';
import { sha256Hex } from './integration-key-secrets.ts';

export interface KeyCaller {
  keyId: string;
  name: string;
  scopes: IntegrationScopes;
}

/**
 * The live key behind a secret, in one statement that also records its use (at most once a
 * minute, so a busy integration does not rewrite the row on every call).
 */
export async function findIntegrationKey(em: EntityManager, secret: string): Promise<KeyCaller | undefined> {
  const [row] = await em.execute<{ id: string; name: string; scopes: IntegrationScopes }[]>(
    `with k as (select id, name, scopes, last_used_at from integration_key where secret_hash = ? and revoked_at is null),
          touched as (update integration_key i set last_used_at = now() from k
                       where i.id = k.id and (k.last_used_at is null or k.last_used_at < now() - interval '1 minute') returning i.id)
     select k.id, k.name, k.scopes from k left join touched t on t.id = k.id`,
    [await sha256Hex(secret)],
  );
  return row ? { keyId: row.id, name: row.name, scopes: row.scopes } : undefined;
}
