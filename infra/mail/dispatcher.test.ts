// Campaign mail from the `mail.send` operation to a real SMTP server: who is queued and who is
// skipped (and why), one message per client however often a send is queued, the dispatcher's
// pace, a refused recipient bounced and suppressed, a dead server's failures retried.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retryFailed } from '../../domain/mailing/sends.ts';
import { eventually } from '../testing/eventually.ts';
import { deliveryCounts, insertClients, insertTemplate, queueThroughOperation } from '../testing/mail-fixtures.ts';
import { startSmtpSink, type SmtpSink } from '../testing/smtp-sink.ts';
import { startTestStack, type TestStack } from '../testing/stack.ts';
import { ensureMailDispatcher } from './ensure-dispatcher.ts';

let sink: SmtpSink;
let s: TestStack;
const RATE = 10;

beforeAll(async () => {
  sink = await startSmtpSink();
  s = await startTestStack({ smtpUrl: sink.url });
  await s.startWorker();
  await ensureMailDispatcher(s.client, s.taskQueue, { heartbeatTimeoutMs: 5_000, settings: { ratePerSecond: RATE, leaseMs: 10_000, retry: { maxAttempts: 2, baseDelayMs: 300, maxDelayMs: 300 } } });
}, 60_000);

afterAll(async () => {
  await s?.close();
  await sink?.close();
});

const statusOf = async (sendKeyLike: string, clientId: string): Promise<{ status: string; reason: string | null }> => {
  const [row] = await s.em().execute<{ status: string; reason: string | null }[]>(
    `select d.status, d.reason from mail_delivery d join mail_send s on s.id = d.send_id where s.key like ? and d.client_id = ?`,
    [sendKeyLike, clientId],
  );
  return row!;
};

describe('campaign mail', () => {
  it('queues each client once, skips the unsubscribed, the address-less and those without consent, and sends the rest at the set pace', async () => {
    const em = s.em();
    const clients = await insertClients(em, 12, 'pace');
    const [unsub, noMail, noConsent] = clients;
    await em.execute(`insert into mail_suppression (email, reason, created_at) values (?, 'unsubscribed', now())`, [unsub!.email.toUpperCase().toLowerCase()]);
    await em.execute(`update client set email = null where id = ?`, [noMail!.id]);
    await em.execute(`update client set marketing_consent = false where id = ?`, [noConsent!.id]);
    const templateId = await insertTemplate(em);
    const campaignId = crypto.randomUUID();
    const ids = clients.map((c) => c.id);
    // Queued twice (a retried step, a case that loops): still one delivery per client.
    await queueThroughOperation(em, { templateId, send: 'main', campaignId, clientIds: ids });
    await queueThroughOperation(em, { templateId, send: 'main', campaignId, clientIds: ids });
    expect(await statusOf(`c:${campaignId}:main`, unsub!.id)).toEqual({ status: 'skipped', reason: 'unsubscribed' });
    expect(await statusOf(`c:${campaignId}:main`, noMail!.id)).toEqual({ status: 'skipped', reason: 'no_email' });
    expect(await statusOf(`c:${campaignId}:main`, noConsent!.id)).toEqual({ status: 'skipped', reason: 'no_consent' });

    await eventually(() => deliveryCounts(em, `c:${campaignId}:main`), (c) => c.sent === 9, 30_000);
    const mine = sink.received.filter((m) => m.to[0]?.startsWith('pace-'));
    expect(mine).toHaveLength(9);
    expect(new Set(mine.map((m) => m.to[0])).size).toBe(9);
    expect(mine.map((m) => m.to[0])).not.toContain(unsub!.email);
    // The pace: nine messages at ten a second are spread over about 0.8 s (allowing for each one's own send time).
    const times = mine.map((m) => m.at);
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThanOrEqual(((9 - 1) / RATE) * 1000 * 0.8);
    const one = mine[0]!;
    expect(one.subject).toMatch(/^pace \d+: приглашение$/);
    expect(one.raw).toMatch(/List-Unsubscribe: <http:\/\/127\.0\.0\.1:3000\/m\/u\/[A-Za-z0-9_-]+>/);
    expect(one.raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(one.raw).not.toContain('leader.example/expo'); // the link goes through the product's redirect
    // The send is marked finished once its batch is settled, a moment after its last row said sent.
    const [send] = await eventually(() => em.execute<{ finished_at: Date | null }[]>(`select finished_at from mail_send where key = ?`, [`c:${campaignId}:main`]), ([row]) => row?.finished_at != null, 5_000);
    expect(send!.finished_at).not.toBeNull();
  }, 60_000);

  it('bounces a recipient the server refuses, and skips the address in later sends', async () => {
    const em = s.em();
    const [refused] = await insertClients(em, 1, 'bounce');
    sink.refuse.add(refused!.email);
    const templateId = await insertTemplate(em);
    await queueThroughOperation(em, { templateId, send: 'main', clientIds: [refused!.id] });
    await eventually(() => statusOf(`t:${templateId}:main`, refused!.id), (r) => r.status === 'bounced', 20_000);
    expect((await statusOf(`t:${templateId}:main`, refused!.id)).reason).toMatch(/550/);
    await queueThroughOperation(em, { templateId, send: 'reminder', clientIds: [refused!.id] });
    expect(await statusOf(`t:${templateId}:reminder`, refused!.id)).toEqual({ status: 'skipped', reason: 'bounced' });
  }, 30_000);

  it('retries a failure with backoff, leaves it failed after the last try, and sends it when retried by hand', async () => {
    const em = s.em();
    const [client] = await insertClients(em, 1, 'retry');
    const templateId = await insertTemplate(em);
    const port = Number(new URL(sink.url).port);
    await sink.close();
    try {
      await queueThroughOperation(em, { templateId, send: 'main', clientIds: [client!.id] });
      const failed = await eventually(() => statusOf(`t:${templateId}:main`, client!.id), (r) => r.status === 'failed', 20_000);
      expect(failed.reason).toMatch(/ECONNREFUSED|connect/i);
      const [row] = await em.execute<{ attempts: number }[]>(`select attempts from mail_delivery where client_id = ?`, [client!.id]);
      expect(row!.attempts).toBe(2);
    } finally {
      const back = await startSmtpSink({ port });
      sink.received = back.received;
      sink.close = () => back.close();
    }
    const [send] = await em.execute<{ id: string }[]>(`select id from mail_send where key = ?`, [`t:${templateId}:main`]);
    expect(await retryFailed(em, send!.id)).toBe(1);
    await eventually(() => statusOf(`t:${templateId}:main`, client!.id), (r) => r.status === 'sent', 20_000);
    expect(sink.received.filter((m) => m.to[0] === client!.email)).toHaveLength(1);
  }, 40_000);
});
