// A contact person leaves a client card; interactions with them keep their report, without the name.
import type { EntityManager } from '@mikro-orm/postgresql';
import { ClientContact } from '../entities/index.ts';
import { notFound } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import { checkClientWrite } from './client-access.ts';

export async function removeContact(em: EntityManager, actor: Actor, clientId: string, contactId: string): Promise<void> {
  await checkClientWrite(em, actor, clientId);
  const removed = await em.nativeDelete(ClientContact, { id: contactId, client: clientId });
  if (!removed) throw notFound('Contact person', contactId);
}
