// An e-mail survey round: every regular client with an e-mail (not unsubscribed) gets a personal
// link `/s/<token>` to the questionnaire's current version, by a plain-text letter through the
// notices outbox. Tokens are 32 random bytes kept only as their SHA-256 (like the portal's), and
// expire after the round's days. Starting the same round again (a retried request) adds nothing.
import type { EntityManager } from '@mikro-orm/postgresql';
import { MailMessage } from '../entities/index.ts';
import { DomainError } from '../errors.ts';
import type { Actor } from '../identity/roles.ts';
import { newToken, tokenHash } from '../portal/tokens.ts';
import { SurveyInvitation, SurveyRound } from './entities.ts';
import { currentVersion } from './save-questionnaire.ts';
import { requireSurveyEditor } from './survey-access.ts';
import { emailRecipients } from './survey-clients.ts';

/** The reference company's name, until the product has a company profile to read it from. */
export const DEFAULT_COMPANY_NAME = 'Лидер';

export interface EmailRoundOptions {
  id?: string | undefined;
  questionnaireId: string;
  expiresInDays: number;
  /** Where the links point (PUBLIC_ORIGIN or the request's origin). */
  origin: string;
  companyName: string;
  at?: Date | undefined;
}

export interface EmailRound {
  roundId: string;
  invited: number;
  suppressed: number;
  mailKeys: string[];
  /** The links made, by client (tests and the demo use them; never shown again). */
  links: { clientId: string; token: string }[];
}

export function invitationText(companyName: string, questionnaireName: string, link: string, expiresAt: Date): string {
  return [
    'Здравствуйте!',
    '',
    `Компания «${companyName}» благодарит вас за сотрудничество и просит ответить на несколько вопросов: «${questionnaireName}».`,
    'Это займёт пару минут. Ваша ссылка на анкету:',
    link,
    '',
    `Ссылка действует до ${expiresAt.toISOString().slice(0, 10)}. Если вы не хотите получать такие письма, просто не отвечайте на это.`,
    '',
    `С уважением, компания «${companyName}»`,
  ].join('\n');
}

export async function startEmailRound(em: EntityManager, actor: Actor | null, opts: EmailRoundOptions): Promise<EmailRound> {
  if (actor) requireSurveyEditor(actor);
  const id = opts.id ?? crypto.randomUUID();
  return em.transactional(async (tx) => {
    await tx.execute('select pg_advisory_xact_lock(hashtext(?))', [`survey-round:${id}`]);
    const existing = await tx.findOne(SurveyRound, id);
    if (existing) return { roundId: id, invited: existing.invited, suppressed: existing.suppressed, mailKeys: [], links: [] };
    const version = await currentVersion(tx, opts.questionnaireId);
    if (!version) throw new DomainError('unprocessable', 'Publish the questionnaire before sending it', [{ path: 'questionnaireId', message: 'has no published version' }]);
    const at = opts.at ?? new Date();
    const expiresAt = new Date(at.getTime() + opts.expiresInDays * 86_400_000);
    const { recipients, suppressed } = await emailRecipients(tx);
    const round = tx.create(SurveyRound, {
      id, questionnaireVersion: version.id, channel: 'email', segment: 'regular', createdBy: actor?.employeeId ?? null, createdAt: at, expiresAt, invited: recipients.length, suppressed,
    });
    const mailKeys: string[] = [];
    const links: EmailRound['links'] = [];
    for (const r of recipients) {
      const token = newToken();
      tx.create(SurveyInvitation, { id: crypto.randomUUID(), round, client: r.clientId, email: r.email, tokenHash: tokenHash(token), expiresAt, answeredAt: null });
      const key = `survey:${id}:${r.clientId}`;
      tx.create(MailMessage, {
        id: crypto.randomUUID(), key, to: r.email, createdAt: at,
        subject: `${opts.companyName}: ${version.name}`.slice(0, 300),
        text: invitationText(opts.companyName, version.name, `${opts.origin}/s/${token}`, expiresAt),
      });
      mailKeys.push(key);
      links.push({ clientId: r.clientId, token });
    }
    await tx.flush();
    return { roundId: id, invited: recipients.length, suppressed, mailKeys, links };
  });
}
