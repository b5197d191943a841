// A change to a client card, made on the version the person saw: a stale version changes nothing
// (StaleVersion, answered with the current record). Changing the owner is for the old owner's
// managers, management and admins; a new INN, phone or e-mail is checked for duplicates as on
// create; tags, when given, replace the client's tags.
import type { EntityManager } from '@mikro-orm/postgresql';
import { Client } from '../entities/index.ts';
import { DomainError } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import { checkActiveEmployee, checkClientWrite, mayAssignTo } from './client-access.ts';
import type { ClientFields } from './client-fields.ts';
import { checkTags } from './check-tags.ts';
import { emailKey, phoneKeys } from './contact-keys.ts';
import { findDuplicates } from './find-duplicates.ts';
import { requisiteProblems } from './requisites.ts';
import { StaleVersion, flushVersioned } from './stale-version.ts';

export interface UpdateClientOptions {
  /** The version the change was made on. */
  version: number;
  fields: Partial<ClientFields>;
  ownerId?: string | undefined;
  tagIds?: string[] | undefined;
  confirmDuplicate?: boolean | undefined;
}

export async function updateClient(em: EntityManager, actor: Actor, clientId: string, opts: UpdateClientOptions): Promise<void> {
  const rights = await checkClientWrite(em, actor, clientId);
  const client = await em.findOneOrFail(Client, clientId, { populate: ['tags'] });
  if (client.version !== opts.version) throw new StaleVersion('Client', clientId, opts.version, client.version);

  if (opts.ownerId !== undefined && opts.ownerId !== rights.ownerId) {
    if (!rights.reassign) throw new DomainError('forbidden', 'Only the managers of the client\'s owner, management and admins may give the client to another owner', [{ path: 'ownerId', message: 'you may not change the owner' }]);
    await checkActiveEmployee(em, opts.ownerId, 'ownerId');
    if (!(await mayAssignTo(em, actor, opts.ownerId))) throw new DomainError('forbidden', 'You may give a client only to yourself or to your own reports', [{ path: 'ownerId', message: 'not one of your reports' }]);
  }
  const f = opts.fields;
  const kind = f.kind ?? client.kind;
  const inn = f.inn !== undefined ? f.inn : (client.inn ?? null);
  const kpp = f.kpp !== undefined ? f.kpp : (client.kpp ?? null);
  const problems = requisiteProblems(kind, inn, kpp);
  if (problems.length) throw new DomainError('invalid_input', 'The client\'s data is not valid', problems);
  const tags = opts.tagIds === undefined ? undefined : await checkTags(em, opts.tagIds);

  if (!opts.confirmDuplicate) {
    // Only what this change brings in: an INN, phone or e-mail the card did not have.
    const oldPhones = new Set(client.phoneKeys);
    const newPhones = f.phones === undefined ? [] : phoneKeys(f.phones).filter((k) => !oldPhones.has(k));
    const newEmail = f.email !== undefined && f.email !== null && emailKey(f.email) !== client.emailKey ? f.email : null;
    const newInn = f.inn !== undefined && f.inn !== client.inn ? f.inn : null;
    const duplicates = await findDuplicates(em, { inn: newInn, phones: newPhones, emails: [newEmail], exceptClientId: clientId });
    if (duplicates.length) {
      throw new DomainError('conflict', `This INN, phone or e-mail belongs to another client: ${duplicates.map((d) => `${d.name} (${d.owner.name})`).join(', ')}. Send confirmDuplicate: true to save it anyway.`, [], { extensions: { duplicates } });
    }
  }

  em.assign(client, {
    ...f,
    ...(f.phones !== undefined ? { phoneKeys: phoneKeys(f.phones) } : {}),
    ...(f.email !== undefined ? { emailKey: f.email === null ? null : emailKey(f.email) } : {}),
    ...(opts.ownerId !== undefined ? { owner: opts.ownerId } : {}),
    updatedBy: actor.employeeId,
    updatedAt: new Date(),
  });
  if (tags) client.tags.set(tags);
  await flushVersioned(() => em.flush(), 'Client', clientId, opts.version);
}
