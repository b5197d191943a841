// Outbox delivery against a real SMTP server: queued mail goes out once even when several
// deliverers run at once, a refused message is retried and finally marked failed, and without
// SMTP nothing leaves the outbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MailMessage } from '../../domain/entities/index.ts';
import { startSmtpSink, type SmtpSink } from '../testing/smtp-sink.ts';
import { startTestStack, type TestStack } from '../testing/stack.ts';
import { MAX_MAIL_ATTEMPTS, createMailer, deliverQueued } from './mailer.ts';

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
    em.create(MailMessage, { id: crypto.randomUUID(), key, to: address, subject: `Hello ${address}`, text: 'Body', createdAt: new Date() });
    return key;
  });
  await em.flush();
  return keys;
}

describe('deliverQueued', () => {
  it('leaves mail queued when there is no SMTP server', async () => {
    const keys = await queue('nobody@leader.example');
    expect(await deliverQueued(s.em(), createMailer())).toEqual({ sent: 0, failed: 0 });
    expect(await s.em().findOneOrFail(MailMessage, { key: keys[0]! })).toMatchObject({ status: 'queued', attempts: 0 });
  });

  it('sends each queued message exactly once, even with concurrent deliverers', async () => {
    const addresses = Array.from({ length: 6 }, (_, i) => `person${i}@leader.example`);
    const keys = await queue(...addresses);
    const mailer = createMailer({ smtpUrl: smtp.url, from: 'CRM Test <crm@leader.example>' });
    const results = await Promise.all([1, 2, 3].map(() => deliverQueued(s.em(), mailer, { keys })));
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(6);

    const got = smtp.received.filter((m) => addresses.includes(m.to[0] ?? ''));
    expect(got.map((m) => m.to[0]).sort()).toEqual(addresses.sort());
    expect(got[0]).toMatchObject({ from: 'crm@leader.example', subject: `Hello ${got[0]!.to[0]}` });
    const rows = await s.em().find(MailMessage, { key: { $in: keys } });
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1 && r.sentAt instanceof Date)).toBe(true);
  });

  it('retries a refused message on later runs and gives up after the last attempt', async () => {
    smtp.refuse.add('gone@leader.example');
    const [key] = await queue('gone@leader.example');
    const mailer = createMailer({ smtpUrl: smtp.url });
    for (let run = 1; run <= MAX_MAIL_ATTEMPTS; run++) {
      expect(await deliverQueued(s.em(), mailer, { keys: [key!] })).toEqual({ sent: 0, failed: 1 });
      const row = await s.em().findOneOrFail(MailMessage, { key: key! });
      expect(row).toMatchObject({ attempts: run, status: run < MAX_MAIL_ATTEMPTS ? 'queued' : 'failed', sentAt: null });
      expect(row.error).toContain('gone@leader.example');
    }
    expect(await deliverQueued(s.em(), mailer, { keys: [key!] })).toEqual({ sent: 0, failed: 0 });
  });
});
