// A person opens a client card: requisites checked, the owner (themselves, or someone they may
// assign work to), tags, contact persons, and - unless they confirm it - no other client with the
// same INN, phone or e-mail (409 naming those clients and their owners).
import type { EntityManager } from '@mikro-orm/postgresql';
import { Client, ClientContact } from '../entities/index.ts';
import { DomainError, type FieldProblem } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import { checkActiveEmployee, mayAssignTo } from './client-access.ts';
import { birthdayProblems, type ClientFields, type ContactFields } from './client-fields.ts';
import { emailKey, phoneKeys } from './contact-keys.ts';
import { findDuplicates } from './find-duplicates.ts';
import { requisiteProblems } from './requisites.ts';
import { checkTags } from './check-tags.ts';

export interface CreateClientOptions {
  /** The new client's id (derived from an Idempotency-Key); a fresh one when absent. */
  id?: string | undefined;
  fields: ClientFields;
  ownerId?: string | undefined;
  tagIds?: string[] | undefined;
  contacts?: ContactFields[] | undefined;
  /** The person has seen the possible duplicates and wants this client anyway. */
  confirmDuplicate?: boolean | undefined;
}

/** Problems of contact persons' fields zod cannot see: real birthdays, one primary at most. */
export function contactListProblems(contacts: readonly ContactFields[], path: string): FieldProblem[] {
  const problems = contacts.flatMap((c, i) => birthdayProblems(c.birthday, `${path}[${i}].birthday`));
  if (contacts.filter((c) => c.isPrimary).length > 1) problems.push({ path, message: 'at most one contact person is the primary one' });
  return problems;
}

export async function createClient(em: EntityManager, actor: Actor, opts: CreateClientOptions): Promise<string> {
  const { fields } = opts;
  const contacts = opts.contacts ?? [];
  const problems = [...requisiteProblems(fields.kind, fields.inn, fields.kpp), ...contactListProblems(contacts, 'contacts')];
  if (problems.length) throw new DomainError('invalid_input', 'The client\'s data is not valid', problems);

  if (opts.id && (await em.count(Client, { id: opts.id }))) return opts.id; // a retried request that already created it
  const ownerId = opts.ownerId ?? actor.employeeId;
  if (ownerId !== actor.employeeId) {
    await checkActiveEmployee(em, ownerId, 'ownerId');
    if (!(await mayAssignTo(em, actor, ownerId))) throw new DomainError('forbidden', 'You may make only yourself or your own reports the owner of a client', [{ path: 'ownerId', message: 'not one of your reports' }]);
  }
  const tags = await checkTags(em, opts.tagIds ?? []);

  if (!opts.confirmDuplicate) {
    const duplicates = await findDuplicates(em, {
      inn: fields.inn,
      phones: [...fields.phones, ...contacts.flatMap((c) => c.phones)],
      emails: [fields.email, ...contacts.map((c) => c.email)],
    });
    if (duplicates.length) {
      throw new DomainError('conflict', `This may be a client we have already: ${duplicates.map((d) => `${d.name} (${d.owner.name})`).join(', ')}. Send confirmDuplicate: true to create it anyway.`, [], { extensions: { duplicates } });
    }
  }

  const now = new Date();
  const client = em.create(Client, {
    id: opts.id ?? crypto.randomUUID(),
    ...fields,
    phoneKeys: phoneKeys(fields.phones),
    emailKey: fields.email === null ? null : emailKey(fields.email),
    owner: ownerId,
    createdBy: actor.employeeId,
    createdAt: now,
    updatedBy: actor.employeeId,
    updatedAt: now,
  });
  client.tags.set(tags);
  for (const c of contacts) em.create(ClientContact, contactRow(client.id, c, now));
  await em.flush();
  return client.id;
}

/** The row of a contact person, keys included. */
export function contactRow(clientId: string, c: ContactFields, now: Date) {
  return {
    id: crypto.randomUUID(),
    client: clientId,
    fullName: c.fullName,
    position: c.position,
    phones: c.phones,
    phoneKeys: phoneKeys(c.phones),
    email: c.email,
    emailKey: c.email === null ? null : emailKey(c.email),
    birthDay: c.birthday?.day ?? null,
    birthMonth: c.birthday?.month ?? null,
    birthYear: c.birthday?.year ?? null,
    notes: c.notes,
    isPrimary: c.isPrimary,
    createdAt: now,
    updatedAt: now,
  };
}
