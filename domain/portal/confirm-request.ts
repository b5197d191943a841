// Confirming a portal request: the complaint is registered (source `portal`, the person as its
// contact, matched to a client only when the INN or the e-mail matches exactly one), the follow
// link is e-mailed, and the caller starts the complaint route. Confirming again answers the same
// link and registers nothing twice (the complaint's id is the request's). An unknown, expired or
// revoked token is the same `not_found`.
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { registerComplaint } from '../complaints/register-complaint.ts';
import { Complaint, MailMessage, PortalRequest } from '../entities/index.ts';
import { DomainError } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import { accessTokenFor, tokenHash } from './tokens.ts';

export const PORTAL_NOT_FOUND = 'This link is not valid (it may have expired)';
export const portalNotFound = (): DomainError => new DomainError('not_found', PORTAL_NOT_FOUND);

export interface Confirmed {
  complaintId: string;
  accessToken: string;
  actor: Actor;
  mailKeys: string[];
}

/**
 * Who registers what the portal brings: the first active quality officer (the person whose work
 * it is), else the first active admin. Portal complaints need an employee as their author.
 */
export async function portalActor(em: EntityManager): Promise<Actor> {
  const { rows } = await sql<{ id: string; email: string; roles: string[] }>`
    select e.id, e.email, array_agg(r.code) as roles from employee e
    join employee_roles er on er.employee_id = e.id join role r on r.code = er.role_code
    where e.active group by e.id, e.email
    order by bool_or(r.code = 'quality') desc, bool_or(r.code = 'admin') desc, e.email limit 1`.execute(em.getKysely());
  const row = rows[0];
  if (!row) throw new DomainError('unavailable', 'Nobody can take portal requests yet');
  return { employeeId: row.id, email: row.email, roles: row.roles };
}

/** The client whose INN is `company` or whose (or whose contact's) e-mail is `email`, when exactly one matches. */
async function matchClient(em: EntityManager, company: string | null, email: string): Promise<string | null> {
  const inn = company?.replace(/\s/g, '') ?? '';
  const key = email.trim().toLowerCase();
  const byInn = /^\d{10}(\d{2})?$/.test(inn)
    ? (await sql<{ id: string }>`select id from client where inn = ${inn} limit 2`.execute(em.getKysely())).rows
    : [];
  if (byInn.length === 1) return byInn[0]!.id;
  const byEmail = (await sql<{ id: string }>`
    select id from client where email_key = ${key}
    union select client_id as id from client_contact where email_key = ${key} limit 2`.execute(em.getKysely())).rows;
  return byEmail.length === 1 ? byEmail[0]!.id : null;
}

export async function confirmPortalRequest(em: EntityManager, token: string, now = new Date()): Promise<Confirmed> {
  // Row-locked: two confirmations at once (a double click, a mail scanner) register one complaint.
  return em.transactional((tx) => confirmLocked(tx, token, now));
}

async function confirmLocked(em: EntityManager, token: string, now: Date): Promise<Confirmed> {
  const request = await em.findOne(PortalRequest, { confirmHash: tokenHash(token) }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!request || request.revokedAt) throw portalNotFound();
  // A confirmed request answers its link even after the 24 hours: the complaint exists.
  if (!request.confirmedAt && request.expiresAt.getTime() <= now.getTime()) throw portalNotFound();
  const accessToken = accessTokenFor(token);
  const actor = await portalActor(em);
  const clientId = await matchClient(em, request.company ?? null, request.email);
  const prefix = request.kind === 'question' ? 'Вопрос: ' : '';
  const company = request.company ? `\n\nКомпания (со слов клиента): ${request.company}` : '';
  const complaintId = await registerComplaint(em, actor, {
    id: request.id, source: 'portal', subject: `${prefix}${request.subject}`.slice(0, 300), text: `${request.text}${company}`, clientId,
    contactName: request.name, contactPhone: request.phone ?? null, contactEmail: request.email, equipmentSerial: null, departments: [],
  });
  const key = `portal-follow:${request.id}`;
  if (!request.confirmedAt) {
    request.confirmedAt = now;
    request.complaint = em.getReference(Complaint, complaintId, { wrapped: true });
    request.accessHash = tokenHash(accessToken);
    const number = (await sql<{ number: string }>`select number from complaint where id = ${complaintId}::uuid`.execute(em.getKysely())).rows[0]!.number;
    em.create(MailMessage, {
      id: crypto.randomUUID(), key, to: request.email, createdAt: now,
      subject: `Ваше обращение ${number} зарегистрировано`,
      text: [
        `Здравствуйте, ${request.name}!`,
        '',
        `Ваше обращение зарегистрировано под номером ${number}. Ответ - в течение 3 рабочих дней.`,
        'Следить за ним и отвечать нам можно по ссылке:',
        `${request.origin}/portal/c/${accessToken}`,
      ].join('\n'),
    });
    await em.flush();
    return { complaintId, accessToken, actor, mailKeys: [key] };
  }
  return { complaintId, accessToken, actor, mailKeys: [] };
}
