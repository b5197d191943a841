// What people are told about their work: one in-app notification and one outbox e-mail per
// recipient, keyed so writing them twice is harmless, and a PostgreSQL NOTIFY for the live
// streams. The API's stream listens on NOTIFICATION_CHANNEL; the route transitions write here.
import type { EntityManager } from '@mikro-orm/postgresql';
import { Employee } from '../entities/index.ts';
import { NOTIFICATION_CHANNEL } from './channel.ts';


export interface NewAssignmentNotice {
  processId: string;
  assignmentId: string;
  stepName: string;
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
  const now = new Date().toISOString();
  const rows = recipients.map((r) => ({
    key: `${topic}:${r.id}`,
    recipient: r.id,
    email: r.email,
    text: `Hello, ${r.fullName}.\n\n${message.title}\n${message.body}\n${message.link ? `\nOpen it: ${message.link}\n` : ''}\n-- \nRoute CRM`,
  }));
  // One statement on the hot path of every opened step: the notifications, the outbox e-mail
  // (due at once: the first try is deliverNow's, the housekeeping sweep takes it if that never
  // ran) and a NOTIFY per recipient, which PostgreSQL delivers when the transaction commits.
  // Keyed, so a retry inserts nothing and a stream that missed nothing just finds nothing new.
  await em.execute(
    `with input as (select * from jsonb_to_recordset(?::jsonb) as x(key text, recipient uuid, email text, text text)),
     notified as (
       insert into notification (id, key, recipient_id, kind, title, body, link, process_id, created_at, read_at)
       select gen_random_uuid(), key, recipient, ?, ?, ?, ?, ?::uuid, ?::timestamptz, null from input
       on conflict (key) do nothing),
     mailed as (
       insert into mail_message (id, key, "to", subject, text, created_at, status, attempts, next_attempt_at)
       select gen_random_uuid(), key, email, ?, text, ?::timestamptz, 'queued', 0, ?::timestamptz from input
       on conflict (key) do nothing)
     select pg_notify(?, recipient::text) from input`,
    [JSON.stringify(rows), message.kind, message.title, message.body, message.link, message.processId, now, message.mailSubject, now, now, NOTIFICATION_CHANNEL],
  );
  return rows.map((r) => r.key);
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

