// `npm run bench -- --mail 2000`: campaign mail throughput, from `queued` rows to messages the
// SMTP server accepted, through the product's dispatcher (claim with SKIP LOCKED and a lease,
// compose, hold the end of DATA until the row is committed sent) at no rate limit, against a bare
// baseline in the same run: nodemailer sending the same messages in a plain loop over one pooled
// connection, no database. Both into a local smtp-server on loopback; its own PostgreSQL.
import os from 'node:os';
import path from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import nodemailer from 'nodemailer';
import { openDatabase } from '../db/orm.ts';
import { DEFAULT_DISPATCH, Pacer, dispatchDue } from '../mail/dispatcher.ts';
import { startEmbeddedPostgres } from '../services/embedded-postgres.ts';
import { freePort } from '../services/free-port.ts';
import { startSmtpSink } from '../testing/smtp-sink.ts';
import { machine, markdownTable } from './table.ts';

const HTML = (i: number) => `<p>Здравствуйте, Клиент ${i}!</p><p>Приглашаем на выставку холодильного оборудования: <a href="https://crm.example.com/m/c/tok${i}-0">программа</a>.</p><p><a href="https://crm.example.com/m/u/tok${i}">Отписаться</a></p>`;

export async function mailThroughput(n: number, log: (msg: string) => void): Promise<string> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'crm-mail-bench-'));
  const pg = await startEmbeddedPostgres({ dataDir: scratch, port: await freePort(), database: 'crm' });
  const orm = await openDatabase(pg.url, { migrate: true });
  const sink = await startSmtpSink();
  try {
    const em = orm.em.fork();
    const sendId = crypto.randomUUID();
    await em.execute(`insert into mail_send (id, key, name, template_id, started_at) values (?, 'bench', 'main', ?, now())`, [sendId, crypto.randomUUID()]);
    await em.execute(
      `insert into mail_delivery (id, send_id, client_id, client_name, email, status, token, subject, html, text, links, next_attempt_at, queued_at)
       select gen_random_uuid(), ?, gen_random_uuid(), 'Клиент ' || g, 'client-' || g || '@clients.example', 'queued', 'tok' || g,
              'Клиент ' || g || ': приглашение на выставку', ?, 'Здравствуйте!', '[]'::jsonb, now(), now()
         from generate_series(1, ?) g`,
      [sendId, HTML(0), n],
    );
    log(`mail bench: ${n} deliveries queued; product dispatcher...`);
    const t0 = performance.now();
    const counts = await dispatchDue(
      { em, target: { smtpUrl: sink.url, from: 'Route CRM <crm@leader.example>', origin: 'https://crm.example.com' }, settings: { ...DEFAULT_DISPATCH, ratePerSecond: 0, batchSize: 100 }, owner: crypto.randomUUID() },
      new Pacer(0),
      Date.now() + 600_000,
    );
    const productMs = performance.now() - t0;
    if (counts.sent !== n || sink.received.length !== n) throw new Error(`product sent ${counts.sent}, server got ${sink.received.length} of ${n}`);

    log('mail bench: bare nodemailer loop...');
    sink.received.length = 0;
    const transport = nodemailer.createTransport({ url: sink.url, pool: true, maxConnections: 1 });
    const t1 = performance.now();
    for (let i = 1; i <= n; i++) {
      await transport.sendMail({
        from: 'Route CRM <crm@leader.example>', to: `client-${i}@clients.example`, subject: `Клиент ${i}: приглашение на выставку`, html: HTML(i), text: 'Здравствуйте!',
        headers: { 'List-Unsubscribe': `<https://crm.example.com/m/u/tok${i}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      });
    }
    const bareMs = performance.now() - t1;
    transport.close();
    if (sink.received.length !== n) throw new Error(`bare loop: server got ${sink.received.length} of ${n}`);
    const perSecond = (ms: number) => n / (ms / 1000);
    return [
      `## Campaign mail throughput (${n} messages into a local SMTP server)`,
      '',
      await machine('embedded PostgreSQL'),
      '',
      markdownTable([
        // messages/s: product / bare below 1 means the product is slower (it commits every message before its end of data).
        { measure: 'messages per second, queued to accepted (bare: nodemailer loop, 1 pooled connection, no database)', product: perSecond(productMs), bare: perSecond(bareMs), digits: 0, goal: 'issue 11: send throughput' },
        { measure: 'ms per message', product: productMs / n, bare: bareMs / n, digits: 2 },
      ]),
      '',
    ].join('\n');
  } finally {
    await sink.close();
    await orm.close();
    await pg.stop();
    await rm(scratch, { recursive: true, force: true });
  }
}
