// What a recipient's links do: a click is recorded (first click time, a response id made once)
// and redirected to the target the message held; the pixel records the first open; the
// unsubscribe link writes a suppression every later send honours, and its undo removes it.
// Unknown tokens are `undefined` to the caller, which answers 404 alike for all of them.
import type { EntityManager } from '@mikro-orm/postgresql';

export interface Click {
  deliveryId: string;
  target: string;
  processId: string | null;
  responseId: string;
}

/** `ref` is `<token>-<n>` (the token may itself contain '-'). */
export async function recordClick(em: EntityManager, ref: string, at = new Date()): Promise<Click | undefined> {
  const cut = ref.lastIndexOf('-');
  if (cut <= 0) return undefined;
  const token = ref.slice(0, cut);
  const index = Number(ref.slice(cut + 1));
  if (!Number.isInteger(index) || index < 0 || ref.slice(cut + 1) !== String(index)) return undefined;
  const [row] = await em.execute<{ id: string; links: string[]; process_id: string | null; click_response_id: string }[]>(
    `update mail_delivery set clicked_at = coalesce(clicked_at, ?), opened_at = coalesce(opened_at, ?), click_response_id = coalesce(click_response_id, ?)
      where token = ? and status = 'sent' and jsonb_array_length(links) > ?
      returning id, links, process_id, click_response_id`,
    [at, at, crypto.randomUUID(), token, index],
  );
  const target = row?.links[index];
  if (!row || !target) return undefined;
  return { deliveryId: row.id, target, processId: row.process_id, responseId: row.click_response_id };
}

export async function recordOpen(em: EntityManager, token: string, at = new Date()): Promise<boolean> {
  const rows = await em.execute<{ id: string }[]>(`update mail_delivery set opened_at = coalesce(opened_at, ?) where token = ? and status = 'sent' returning id`, [at, token]);
  return rows.length > 0;
}

/** Suppresses the delivery's address (an earlier bounce stays a bounce); the address, or undefined for a wrong token. */
export async function unsubscribe(em: EntityManager, token: string): Promise<string | undefined> {
  const [d] = await em.execute<{ id: string; email: string | null }[]>(`select id, email from mail_delivery where token = ? and email is not null`, [token]);
  if (!d?.email) return undefined;
  await em.execute(`insert into mail_suppression (email, reason, delivery_id, created_at) values (?, 'unsubscribed', ?, now()) on conflict (email) do nothing`, [d.email.toLowerCase(), d.id]);
  return d.email;
}

/** Takes an unsubscribe back (not a bounce); the address, or undefined for a wrong token. */
export async function resubscribe(em: EntityManager, token: string): Promise<string | undefined> {
  const [d] = await em.execute<{ email: string | null }[]>(`select email from mail_delivery where token = ? and email is not null`, [token]);
  if (!d?.email) return undefined;
  await em.execute(`delete from mail_suppression where email = ? and reason = 'unsubscribed'`, [d.email.toLowerCase()]);
  return d.email;
}

/** The running case a click should tell, as its workflow id. */
export async function runningCaseOf(em: EntityManager, processId: string): Promise<string | undefined> {
  const [p] = await em.execute<{ workflow_id: string; status: string }[]>(`select workflow_id, status from process where id = ?`, [processId]);
  return p?.status === 'running' ? p.workflow_id : undefined;
}
