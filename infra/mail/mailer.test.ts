// Outbox delivery against a real SMTP server: due mail goes out exactly once even when several
// senders (workers, housekeeping rounds) run at once; with the server down each try is counted,
// the error kept and the next try pushed back further; once it is up the message goes out once;
// a message that keeps failing is given up, and a refused mailbox at once. Without SMTP nothing
// leaves the outbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailMessage } from '../../domain/entities/index.ts';
import { freePort } from '../services/free-port.ts';
import { startSmtpSink, type SmtpSink } from '../testing/smtp-sink.ts';
import { startTestStack, type TestStack } from '../testing/stack.ts';
import { createMailer, deliverQueued } from './mailer.ts';

let s: TestStack;
let smtp: SmtpSink;
beforeAll(async () => {
  [s, smtp] = await Promise.all([startTestStack(), startSmtpSink()]);
});
afterAll(async () => {
  await s?.close();
  await smtp?.close();
});

async function queue(...to: string[]): Promise<string[]> {
  const em = s.em();
  const keys = to.map((address) => {
    const key = `test:${crypto.randomUUID()}`;
    em.create(MailMessage, { id: crypto.randomUUID(), key, to: address, subject: `Hello ${address} ${key}`, text: 'Body', createdAt: new Date() });
    return key;
  });
  await em.flush();
  return keys;
}

const row = (key: string) => s.em().findOneOrFail(MailMessage, { key });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('deliverQueued', () => {
  it('leaves mail queued when there is no SMTP server', async () => {
    const keys = await queue('nobody@leader.example');
    expect(await deliverQueued(s.em(), createMailer())).toEqual({ sent: 0, failed: 0 });
    expect(await row(keys[0]!)).toMatchObject({ status: 'queued', attempts: 0 });
  });

  it('sends each due message exactly once with concurrent senders, run after run', async () => {
    for (let run = 0; run < 4; run++) {
      const addresses = Array.from({ length: 8 }, (_, i) => `person${i}.${run}@leader.example`);
      const keys = await queue(...addresses);
      // Two "workers", each with its own transport, and two rounds on one of them, all at once.
      const a = createMailer({ smtpUrl: smtp.url, from: 'CRM Test <crm@leader.example>' });
      const b = createMailer({ smtpUrl: smtp.url, from: 'CRM Test <crm@leader.example>' });
      const results = await Promise.all([a, a, b, b].map((m) => deliverQueued(s.em(), m, { keys })));
      expect(results.reduce((n, r) => n + r.sent, 0)).toBe(8);

      const got = smtp.received.filter((m) => addresses.includes(m.to[0] ?? ''));
      expect(got.map((m) => m.to[0]).sort()).toEqual(addresses.sort());
      expect(got[0]).toMatchObject({ from: 'crm@leader.example' });
      const rows = await s.em().find(MailMessage, { key: { $in: keys } });
      expect(rows.every((r) => r.status === 'sent' && r.attempts === 1 && r.sentAt instanceof Date && r.nextAttemptAt === null)).toBe(true);
    }
  });

  it('gives up at once on a mailbox the server refuses for good', async () => {
    smtp.refuse.add('gone@leader.example');
    const [key] = await queue('gone@leader.example');
    const mailer = createMailer({ smtpUrl: smtp.url });
    expect(await deliverQueued(s.em(), mailer, { keys: [key!] })).toEqual({ sent: 0, failed: 1 });
    const r = await row(key!);
    expect(r).toMatchObject({ status: 'given_up', attempts: 1, sentAt: null, nextAttemptAt: null });
    expect(r.error).toContain('gone@leader.example');
    expect(await deliverQueued(s.em(), mailer, { keys: [key!] })).toEqual({ sent: 0, failed: 0 });
  });

  it('backs off while the server is down and sends once when it is up again', async () => {
    const port = await freePort(); // nothing listens there yet: connection refused
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, retry: { baseDelayMs: 200, maxDelayMs: 5_000, maxAttempts: 20 } });
    const [key] = await queue('patient@leader.example');
    const seen: { attempts: number; lastAttemptAt: number; nextAttemptAt: number }[] = [];
    while (seen.length < 4) {
      await deliverQueued(s.em(), mailer, { keys: [key!] });
      const r = await row(key!);
      if (r.attempts > (seen.at(-1)?.attempts ?? 0)) {
        expect(r.status).toBe('retrying');
        expect(r.error).toMatch(/ECONNREFUSED/);
        seen.push({ attempts: r.attempts, lastAttemptAt: r.lastAttemptAt!.getTime(), nextAttemptAt: r.nextAttemptAt!.getTime() });
      }
      await sleep(50);
    }
    // Runs in between found nothing due: one try per backoff step, each wait about twice the last.
    expect(seen.map((x) => x.attempts)).toEqual([1, 2, 3, 4]);
    const waits = seen.map((x) => x.nextAttemptAt - x.lastAttemptAt);
    expect(waits[0]).toBeGreaterThanOrEqual(200);
    for (let i = 1; i < waits.length; i++) expect(waits[i]! / waits[i - 1]!).toBeGreaterThan(1.6);

    const back = await startSmtpSink({ port });
    try {
      await sleep(Math.max(0, seen.at(-1)!.nextAttemptAt - Date.now()));
      await Promise.all([deliverQueued(s.em(), mailer, { keys: [key!] }), deliverQueued(s.em(), mailer, { keys: [key!] })]);
      expect(await row(key!)).toMatchObject({ status: 'sent', attempts: 5, error: null, nextAttemptAt: null });
      expect(back.received.filter((m) => m.to.includes('patient@leader.example'))).toHaveLength(1);
    } finally {
      await back.close();
    }
  });

  it('gives up a message after the last allowed try', async () => {
    const port = await freePort();
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, retry: { baseDelayMs: 50, maxDelayMs: 100, maxAttempts: 3 } });
    const [key] = await queue('unlucky@leader.example');
    for (let i = 0; i < 40 && (await row(key!)).status !== 'given_up'; i++) {
      await deliverQueued(s.em(), mailer, { keys: [key!] });
      await sleep(60);
    }
    const r = await row(key!);
    expect(r).toMatchObject({ status: 'given_up', attempts: 3, nextAttemptAt: null, sentAt: null });
    expect(r.error).toMatch(/ECONNREFUSED/);
  });
});
