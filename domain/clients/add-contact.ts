// A contact person joins a client (by whoever may change the client). Made primary, they take
// the place of the previous primary contact.
import type { EntityManager } from '@mikro-orm/postgresql';
import { ClientContact } from '../entities/index.ts';
import { DomainError } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import { checkClientWrite } from './client-access.ts';
import { birthdayProblems, type ContactFields } from './client-fields.ts';
import { contactRow } from './create-client.ts';

export async function addContact(em: EntityManager, actor: Actor, clientId: string, fields: ContactFields): Promise<string> {
  await checkClientWrite(em, actor, clientId);
  const problems = birthdayProblems(fields.birthday, 'birthday');
  if (problems.length) throw new DomainError('invalid_input', 'The contact person\'s data is not valid', problems);
  return em.transactional(async (tx) => {
    if (fields.isPrimary) await tx.nativeUpdate(ClientContact, { client: clientId, isPrimary: true }, { isPrimary: false });
    const contact = tx.create(ClientContact, contactRow(clientId, fields, new Date()));
    await tx.flush();
    return contact.id;
  });
}
