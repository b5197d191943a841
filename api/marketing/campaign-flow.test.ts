// A whole campaign to 1,000 clients (issue 11): 30 of them unsubscribed beforehand, a segment by a
// tag selecting exactly them, a campaign from the shipped template created and started through the
// API, prepared by the marketer and approved by the director through the assignments API (as the
// inbox does); the shipped route's foreach then mails every client through a per-client case. The
// worker that runs the cases and the mail dispatcher is a process of its own, SIGKILLed twice
// mid-send and replaced. At the end the SMTP server (in this process, outliving every worker) has
// exactly one message per subscribed client and none for the unsubscribed, and the sends the
// campaign page reads say 970 sent and 30 skipped.
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { between, killChild, pause, spawnHeldWorker } from '../../infra/testing/held-worker.ts';
import { ensureMailDispatcher } from '../../infra/mail/ensure-dispatcher.ts';
import { eventually } from '../../infra/testing/eventually.ts';
import { insertClients } from '../../infra/testing/mail-fixtures.ts';
import { startSmtpSink, type SmtpSink } from '../../infra/testing/smtp-sink.ts';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';
import { makeTag } from './fixtures.ts';

const CLIENTS = 1_000;
const UNSUBSCRIBED = 30;
const KILLS = 2;

let s: TestStack;
let sink: SmtpSink;
const spawned = new Set<ChildProcess>();

beforeAll(async () => {
  sink = await startSmtpSink();
  s = await startTestStack();
}, 60_000);

afterAll(async () => {
  await Promise.all([...spawned].map((child) => killChild(child, 'SIGKILL')));
  await s?.close();
  await sink?.close();
});


interface InboxItem { id: string; stepId: string; process: { id: string } }
interface Send { name: string; total: number; queued: number; sent: number; skipped: number; failed: number }

/** The open step `stepId` of the case in `who`'s inbox (or their roles' queue, claimed). */
async function openStep(who: string, processId: string, stepId: string): Promise<string> {
  return eventually(async () => {
    const inbox = await s.call<{ items: InboxItem[] }>('GET', '/api/assignments/inbox', { as: who });
    const mine = inbox.body.items.find((i) => i.process.id === processId && i.stepId === stepId);
    if (mine) return mine.id;
    const queue = await s.call<{ items: InboxItem[] }>('GET', '/api/assignments/queue', { as: who });
    const queued = queue.body.items.find((i) => i.process.id === processId && i.stepId === stepId);
    if (!queued) return undefined;
    expect((await s.call('POST', `/api/assignments/${queued.id}/claim`, { as: who })).status).toBe(200);
    return queued.id;
  }, (id) => id !== undefined, 30_000).then((id) => id!);
}

it(`mails a campaign to ${CLIENTS} clients once each (none to ${UNSUBSCRIBED} unsubscribed) with the worker killed ${KILLS} times`, async () => {
  const em = s.em();
  const started = Date.now();
  const log = (what: string) => process.env.FLOW_DEBUG && console.log(`[campaign flow] ${Date.now() - started} ms: ${what}`);
  // The clients, owned by the three sellers in turn and tagged for the segment, in a few statements.
  const clients = await insertClients(em, CLIENTS, 'flow');
  const tagId = await makeTag(s.em(), `Кампания-1000 ${crypto.randomUUID().slice(0, 6)}`);
  await em.execute(
    `update client c set owner_id = (select e.id from employee e where e.email = 'seller' || (1 + n.i % 3) || '@leader.example')
       from (select id, row_number() over (order by id) as i from client where id = any(?::uuid[])) n where c.id = n.id`,
    [`{${clients.map((c) => c.id).join(',')}}`],
  );
  await em.execute(`insert into client_tag_link (client_id, client_tag_id) select unnest(?::uuid[]), ?`, [`{${clients.map((c) => c.id).join(',')}}`, tagId]);
  const unsubscribed = clients.filter((_c, i) => i % Math.floor(CLIENTS / UNSUBSCRIBED) === 0).slice(0, UNSUBSCRIBED);
  // As a person's unsubscribe link writes it (domain/mailing/tracking.ts): a suppression of the address.
  await em.execute(`insert into mail_suppression (email, reason, created_at) select unnest(?::text[]), 'unsubscribed', now()`, [`{${unsubscribed.map((c) => c.email).join(',')}}`]);

  const segment = await s.call<{ id: string }>('POST', '/api/segments', { as: 'marketer', body: { name: 'Тысяча клиентов', filter: { tags: { any: [tagId] } } } });
  expect(segment.status, JSON.stringify(segment.body)).toBe(201);
  const seg = await s.call<{ count: number }>('GET', `/api/segments/${segment.body.id}`, { as: 'marketer' });
  expect(seg.body.count).toBe(CLIENTS);
  const templates = await s.call<{ items: { id: string; key: string }[] }>('GET', '/api/campaign-templates', { as: 'marketer' });
  const templateId = templates.body.items.find((t) => t.key === 'event-invitation')!.id;
  const camp = await s.call<{ id: string }>('POST', '/api/campaigns', { as: 'marketer', body: { templateId, name: 'Выставка: тысяча приглашений', segmentId: segment.body.id, budget: 5_000_000 } });
  expect(camp.status, JSON.stringify(camp.body)).toBe(201);
  const campaignId = camp.body.id;
  const setupMs = Date.now() - started;

  // The worker (cases and dispatcher) is a process of its own, with a replacement started ahead.
  let workers = await Promise.all(Array.from({ length: 2 }, () => spawnHeldWorker(s, spawned, { SMTP_URL: sink.url })));
  await workers[0]!.go();
  // As the runtime does at start (infra/runtime.ts), with a short lease so a killed batch comes back soon.
  await ensureMailDispatcher(s.client, s.taskQueue, { heartbeatTimeoutMs: 2_000, settings: { ratePerSecond: 0, batchSize: 50, leaseMs: 3_000, idlePollMs: 500 } });

  const run = await s.call<{ processId: string; status: string }>('POST', `/api/campaigns/${campaignId}/start`, { as: 'marketer' });
  expect(run.status, JSON.stringify(run.body)).toBe(200);
  const processId = run.body.processId;
  log('started');
  const prepare = await openStep('marketer', processId, 'prepare');
  expect((await s.call('POST', `/api/assignments/${prepare}/complete`, { as: 'marketer', body: { outcome: 'ready', form: { notes: 'Тексты проверены' } } })).status).toBe(200);
  const approve = await openStep('director', processId, 'approve');
  expect((await s.call('POST', `/api/assignments/${approve}/complete`, { as: 'director', body: { outcome: 'approve', form: { comment: 'Согласовано' } } })).status).toBe(200);

  log('approved');
  const sendsNow = async () => (await s.call<{ items: Send[] }>('GET', `/api/mail/sends?campaignId=${campaignId}`, { as: 'marketer' })).body.items;
  const sentNow = async () => (await sendsNow()).find((x) => x.name === 'main')?.sent ?? 0;
  const killedAt: number[] = [];
  for (let k = 0; k < KILLS; k++) {
    // Kill at a random moment once some more messages went (so it dies mid-send, not while idle).
    const target = (await sentNow()) + between(60, 250);
    const until = Date.now() + 60_000;
    while ((await sentNow()) < target && Date.now() < until) await pause(between(5, 40));
    await pause(between(0, 30));
    await killChild(workers[0]!.child, 'SIGKILL');
    killedAt.push(await sentNow());
    log(`killed at ${killedAt.at(-1)}`);
    workers = [workers[1]!, ...(k < KILLS - 1 ? [await spawnHeldWorker(s, spawned, { SMTP_URL: sink.url })] : [])];
    await workers[0]!.go();
  }
  const deadline = Date.now() + 300_000;
  while ((await sentNow()) < CLIENTS - UNSUBSCRIBED && Date.now() < deadline) await pause(250);
  // A row says sent just before its message's end of data goes: give the server a moment for the last one.
  const settle = Date.now() + 5_000;
  while (sink.received.filter((m) => m.to.some((to) => to.endsWith('@clients.example'))).length < CLIENTS - UNSUBSCRIBED && Date.now() < settle) await pause(20);
  const elapsed = Date.now() - started;
  log(JSON.stringify(await sendsNow()));

  // The worker also mails the employees' notices (the director's approval step) to the same server.
  const clientMail = sink.received.filter((m) => m.to.some((to) => to.endsWith('@clients.example')));
  const byRecipient = new Map<string, number>();
  for (const m of clientMail) for (const to of m.to) byRecipient.set(to, (byRecipient.get(to) ?? 0) + 1);
  expect([...byRecipient].filter(([, n]) => n > 1)).toEqual([]);
  expect(clients.filter((c) => !byRecipient.has(c.email) && !unsubscribed.includes(c)).map((c) => c.email)).toEqual([]);
  for (const c of unsubscribed) expect(byRecipient.has(c.email)).toBe(false);
  expect(clientMail).toHaveLength(CLIENTS - UNSUBSCRIBED);
  // What the campaign page's progress shows (web/src/mailing/SendProgress.tsx reads this).
  expect(await sendsNow()).toEqual([expect.objectContaining({ name: 'main', total: CLIENTS, sent: CLIENTS - UNSUBSCRIBED, skipped: UNSUBSCRIBED, queued: 0, failed: 0 })]);
  console.log(`[campaign flow] setup ${setupMs} ms; ${KILLS} SIGKILLs at ${killedAt.join('/')} sent; ${CLIENTS - UNSUBSCRIBED} sent once in ${elapsed} ms from the start`);
}, 420_000);
