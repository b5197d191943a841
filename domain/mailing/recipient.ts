// Who a client is as a mail template sees them: the client, the contact person a letter greets
// (the primary contact, else the first one entered; a private person is their own contact), the
// owner (the client's manager, who signs), the campaign's name, and the address the letter goes to
// (the client's e-mail, else the contact's).
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '../errors.ts';
import { ORIGIN_MARK, type MailVariables } from './render.ts';

export interface Recipient {
  clientId: string;
  clientName: string;
  email: string | null;
  marketingConsent: boolean;
  variables: Omit<MailVariables, 'unsubscribe_url'>;
}

/**
 * The first name in a full name: Russian names are written "Surname Name Patronymic", so with
 * three words it is the second; with two or one, the first ("Name Surname", or just a name).
 */
export function firstNameOf(fullName: string): string {
  const parts = fullName.trim().split(/\s+/).filter(Boolean);
  return (parts.length >= 3 ? parts[1] : parts[0]) ?? '';
}

/**
 * A campaign's name, read from marketing's table without depending on it: the table may not
 * exist (mailing shipped before campaigns) and the row may be gone; both give ''. `to_regclass`
 * asks first, so no failing statement aborts the caller's transaction.
 */
export async function campaignName(em: EntityManager, campaignId: string | null | undefined): Promise<string> {
  if (!campaignId) return '';
  const [t] = await em.execute<{ exists: boolean }[]>(`select to_regclass('campaign') is not null as exists`);
  if (!t?.exists) return '';
  const [row] = await em.execute<{ name: string | null }[]>('select name from campaign where id = ?', [campaignId]);
  return row?.name ?? '';
}

export async function loadRecipient(em: EntityManager, clientId: string, campaignId?: string | null): Promise<Recipient> {
  const [row] = await em.execute<
    { id: string; name: string; kind: string; region: string | null; email: string | null; marketing_consent: boolean; owner_name: string; owner_email: string; contact_name: string | null; contact_email: string | null }[]
  >(
    `select c.id, c.name, c.kind, c.region, c.email, c.marketing_consent, e.full_name as owner_name, e.email as owner_email,
            cc.full_name as contact_name, cc.email as contact_email
       from client c
       join employee e on e.id = c.owner_id
       left join lateral (
         select full_name, email from client_contact where client_id = c.id order by is_primary desc, created_at asc, id asc limit 1
       ) cc on true
      where c.id = ?`,
    [clientId],
  );
  if (!row) throw notFound('Client', clientId);
  const contactName = row.contact_name ?? (row.kind === 'person' ? row.name : '');
  return {
    clientId: row.id,
    clientName: row.name,
    email: row.email?.trim() || row.contact_email?.trim() || null,
    marketingConsent: row.marketing_consent,
    variables: {
      client: { name: row.name, region: row.region ?? '' },
      contact: { name: contactName, firstName: firstNameOf(contactName) },
      // Employees have no phone in the directory yet: the variable is there, empty.
      owner: { fullName: row.owner_name, email: row.owner_email, phone: '' },
      campaign: { name: await campaignName(em, campaignId) },
    },
  };
}

export const variablesFor = (r: Recipient, token: string): MailVariables => ({ ...r.variables, unsubscribe_url: `${ORIGIN_MARK}/m/u/${token}` });
