// Someone submits a complaint or a question without an account. Everything they typed is kept in
// a pending request, and an e-mail (in Russian) with the confirmation link is queued in the mail
// outbox; the answer is the same whatever the address, so the portal tells nobody who wrote before.
import type { EntityManager } from '@mikro-orm/postgresql';
import { MailMessage, PortalRequest } from '../entities/index.ts';
import type { PortalKind } from './entities.ts';
import { newToken, tokenHash } from './tokens.ts';

export const CONFIRM_TTL_MS = 24 * 3600 * 1000;

export interface PortalSubmission {
  name: string;
  email: string;
  phone: string | null;
  kind: PortalKind;
  subject: string;
  text: string;
  company: string | null;
}

/** Stores the request and queues its e-mail; returns the outbox key (for an immediate send). */
export async function submitPortalRequest(em: EntityManager, input: PortalSubmission, origin: string, now = new Date()): Promise<string> {
  const token = newToken();
  const id = crypto.randomUUID();
  em.create(PortalRequest, {
    id, confirmHash: tokenHash(token), name: input.name, email: input.email.trim(), phone: input.phone, kind: input.kind, subject: input.subject, text: input.text,
    company: input.company, origin, createdAt: now, expiresAt: new Date(now.getTime() + CONFIRM_TTL_MS), confirmedAt: null, complaint: null, accessHash: null, revokedAt: null,
  });
  const key = `portal-confirm:${id}`;
  const what = input.kind === 'question' ? 'вопрос' : 'обращение';
  em.create(MailMessage, {
    id: crypto.randomUUID(), key, to: input.email.trim(), createdAt: now,
    subject: `Подтвердите ${what}: ${input.subject}`.slice(0, 300),
    text: [
      `Здравствуйте, ${input.name}!`,
      '',
      `Мы получили ваше ${what} «${input.subject}». Чтобы мы начали работу, подтвердите его по ссылке (она действует 24 часа):`,
      `${origin}/portal/confirm/${token}`,
      '',
      'Если вы ничего не отправляли, просто не отвечайте на это письмо.',
    ].join('\n'),
  });
  await em.flush();
  return key;
}
