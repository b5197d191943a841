// What people are told about their work: one in-app notification and one outbox e-mail per
// recipient, keyed so writing them twice is harmless, and a PostgreSQL NOTIFY for the live
// streams. The API's stream listens on NOTIFICATION_CHANNEL; the route transitions write here.
import type { EntityManager } from '@mikro-orm/postgresql';
import { Employee, MailMessage, Notification } from '../entities/index.ts';
import { NOTIFICATION_CHANNEL } from './channel.ts';


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

export interface Recipient {
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
    // Due at once: the first try is deliverNow's; the housekeeping sweep takes it if that never ran.
    nextAttemptAt: now,
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

