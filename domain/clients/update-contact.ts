// A change to a contact person, made on the version the person saw (a stale one changes nothing).
import type { EntityManager } from '@mikro-orm/postgresql';
import { ClientContact } from '../entities/index.ts';
import { DomainError, notFound } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import { checkClientWrite } from './client-access.ts';
import { birthdayProblems, type ContactFields } from './client-fields.ts';
import { emailKey, phoneKeys } from './contact-keys.ts';
import { StaleVersion, flushVersioned } from './stale-version.ts';

export interface UpdateContactOptions {
  version: number;
  fields: Partial<ContactFields>;
}

export async function updateContact(em: EntityManager, actor: Actor, clientId: string, contactId: string, opts: UpdateContactOptions): Promise<void> {
  await checkClientWrite(em, actor, clientId);
  const f = opts.fields;
  const problems = f.birthday === undefined ? [] : birthdayProblems(f.birthday, 'birthday');
  if (problems.length) throw new DomainError('invalid_input', 'The contact person\'s data is not valid', problems);
  await em.transactional(async (tx) => {
    const contact = await tx.findOne(ClientContact, { id: contactId, client: clientId });
    if (!contact) throw notFound('Contact person', contactId);
    if (contact.version !== opts.version) throw new StaleVersion('Contact person', contactId, opts.version, contact.version);
    if (f.isPrimary === true && !contact.isPrimary) await tx.nativeUpdate(ClientContact, { client: clientId, isPrimary: true }, { isPrimary: false });
    const { birthday, ...rest } = f;
    tx.assign(contact, {
      ...rest,
      ...(f.phones !== undefined ? { phoneKeys: phoneKeys(f.phones) } : {}),
      ...(f.email !== undefined ? { emailKey: f.email === null ? null : emailKey(f.email) } : {}),
      ...(birthday !== undefined ? { birthDay: birthday?.day ?? null, birthMonth: birthday?.month ?? null, birthYear: birthday?.year ?? null } : {}),
      updatedAt: new Date(),
    });
    await flushVersioned(() => tx.flush(), 'Contact person', contactId, opts.version);
  });
}
