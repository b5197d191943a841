// Telling people about their work: for each event (today a new assignment; reminders and
// escalations later) one in-app notification and one outbox e-mail per recipient, keyed so a
// retried activity never repeats them, a PostgreSQL NOTIFY for the live streams, then delivery
// of the e-mail when SMTP is configured.
import type { EntityManager } from '@mikro-orm/postgresql';
import { Employee, MailMessage, Notification, Process } from '../domain/entities/index.ts';
import { NOTIFICATION_CHANNEL } from '../domain/notifications/channel.ts';
import type { Orm } from '../infra/db/orm.ts';
import { createMailer, deliverQueued, type Mailer } from '../infra/mail/mailer.ts';

export interface NotificationDeps {
  orm: Orm;
  /** Without one, mail stays queued in the outbox (as with no SMTP_URL). */
  mailer?: Mailer | undefined;
}

export interface NewAssignmentNotice {
  workflowId: string;
  processId: string;
  assignmentId: string;
  stepName: string;
  /** The case's subject; read from the process when not given. */
  subject?: string | undefined;
  /** A named person, or else every active member of the role queue. */
  assigneeId: string | null;
  roleCode: string | null;
  dueAt: string | null;
}

interface Recipient {
  id: string;
  email: string;
  fullName: string;
}

export interface Message {
  kind: string;
  title: string;
  body: string;
  link: string | null;
  processId: string | null;
  mailSubject: string;
}

/**
 * Writes one notification and one outbox e-mail per recipient, with keys `<topic>:<recipientId>`
 * (`on conflict do nothing`), and NOTIFYs each recipient's live streams; PostgreSQL delivers the
 * NOTIFY only when the transaction commits, so a stream never sees an uncommitted row.
 * Returns the outbox keys, for delivery after the commit.
 */
export async function writeNotifications(em: EntityManager, topic: string, recipients: Recipient[], message: Message): Promise<string[]> {
  if (recipients.length === 0) return [];
  const now = new Date();
  await em
    .createQueryBuilder(Notification)
    .insert(
      recipients.map((r) => ({
        id: crypto.randomUUID(),
        key: `${topic}:${r.id}`,
        recipient: r.id,
        kind: message.kind,
        title: message.title,
        body: message.body,
        link: message.link,
        process: message.processId,
        createdAt: now,
        readAt: null,
      })),
    )
    .onConflict('key')
    .ignore()
    .execute();
  const mail = recipients.map((r) => ({
    id: crypto.randomUUID(),
    key: `${topic}:${r.id}`,
    to: r.email,
    subject: message.mailSubject,
    text: `Hello, ${r.fullName}.\n\n${message.title}\n${message.body}\n${message.link ? `\nOpen it: ${message.link}\n` : ''}\n-- \nRoute CRM`,
    createdAt: now,
    status: 'queued' as const,
    attempts: 0,
  }));
  await em.createQueryBuilder(MailMessage).insert(mail).onConflict('key').ignore().execute();
  // Also on a retry: a stream that missed nothing just finds nothing new.
  // em.execute runs in the caller's transaction, so PostgreSQL delivers the NOTIFY on commit.
  for (const r of recipients) await em.execute('select pg_notify(?, ?)', [NOTIFICATION_CHANNEL, r.id]);
  return mail.map((m) => m.key);
}

/** The named assignee, or the role queue's active members. */
export async function recipientsOf(em: EntityManager, n: Pick<NewAssignmentNotice, 'assigneeId' | 'roleCode'>): Promise<Recipient[]> {
  const where = n.assigneeId ? { id: n.assigneeId } : n.roleCode ? { roles: { code: n.roleCode }, active: true } : undefined;
  if (!where) return [];
  const rows = await em.find(Employee, where, { fields: ['id', 'email', 'fullName'], orderBy: { email: 'asc' } });
  return rows.map((e) => ({ id: e.id, email: e.email, fullName: e.fullName }));
}

function formatDue(iso: string | null): string {
  if (!iso) return 'no deadline';
  return `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function newAssignmentMessage(n: NewAssignmentNotice, subject: string): Message {
  const title = n.assigneeId ? `New task: ${n.stepName}` : `New task in the ${n.roleCode ?? ''} queue: ${n.stepName}`;
  const lines = [`Case: ${subject}`, `Due: ${formatDue(n.dueAt)}`];
  if (!n.assigneeId) lines.push('It is in your role queue: whoever claims it first takes it.');
  return {
    kind: 'assignment.new',
    title,
    body: lines.join('\n'),
    link: `/api/assignments/${n.assignmentId}`,
    processId: n.processId,
    mailSubject: `${title} (${subject})`,
  };
}

/**
 * Sends the mail just queued under `keys`, after the commit. Best effort: the notification is
 * committed either way, and mail that could not go stays queued.
 */
export async function deliverNow({ orm, mailer }: Required<NotificationDeps>, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  try {
    await deliverQueued(orm.em.fork(), mailer, { keys, budgetMs: 15_000 });
  } catch (err) {
    console.error('[crm] mail delivery failed; the messages stay queued:', err);
  }
}

export function createNotificationActivities({ orm, mailer = createMailer() }: NotificationDeps) {
  const deliver = (keys: string[]) => deliverNow({ orm, mailer }, keys);

  return {
    /** Tells the assignee (or each member of the role queue) about a new assignment. Idempotent. */
    async notifyNewAssignment(input: NewAssignmentNotice): Promise<void> {
      const keys = await orm.em.fork().transactional(async (em) => {
        const subject = input.subject ?? (await em.findOneOrFail(Process, input.processId, { fields: ['subject'] })).subject;
        const recipients = await recipientsOf(em, input);
        return writeNotifications(em, `${input.assignmentId}:new`, recipients, newAssignmentMessage(input, subject));
      });
      await deliver(keys);
    },
  };
}

export type NotificationActivities = ReturnType<typeof createNotificationActivities>;
