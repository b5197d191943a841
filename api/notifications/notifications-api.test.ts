// Notifications end to end: a case started through the API opens an assignment, and its assignee
// finds a notification (listed, marked read, pushed live over SSE) and an e-mail - delivered to a
// real SMTP server when one is configured, or waiting in the admins' outbox when not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail } from '../../infra/db/demo-data.ts';
import { eventually } from '../../infra/testing/eventually.ts';
import { twoStepRoute } from '../../infra/testing/sample-routes.ts';
import { startSmtpSink, type SmtpSink } from '../../infra/testing/smtp-sink.ts';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';
import { closeNotificationStreams } from './notification-stream.ts';

type NotificationItem = { id: string; kind: string; title: string; link: string | null; processId: string | null; readAt: string | null };
type List = { items: NotificationItem[]; unread: number };
type Outbox = { items: { to: string; subject: string; status: string }[] };
const STEP = 'Prepare the commercial proposal'; // step 1 of twoStepRoute, assigned to seller1

async function startCase(s: TestStack, routeKey: string, subject: string): Promise<string> {
  const created = await s.call<{ id: string; draftRevision: number }>('POST', '/api/routes', { as: 'designer', body: { key: routeKey, draft: twoStepRoute(`Notify ${routeKey}`) } });
  await s.call('POST', `/api/routes/${created.body.id}/publish`, { as: 'designer', body: { revision: created.body.draftRevision } });
  const started = await s.call<{ id: string }>('POST', '/api/processes', { as: 'seller2', body: { routeKey, subject, variables: { amount: 1000 } } });
  expect(started.status).toBe(201);
  return started.body.id;
}

const mine = (s: TestStack, who: string, processId: string) =>
  eventually(
    () => s.call<List>('GET', '/api/notifications?unread=true', { as: who }),
    (r) => r.body.items.some((n) => n.processId === processId),
  ).then((r) => r.body.items.find((n) => n.processId === processId)!);

describe('with SMTP configured', () => {
  let s: TestStack;
  let smtp: SmtpSink;
  beforeAll(async () => {
    smtp = await startSmtpSink();
    s = await startTestStack({ smtpUrl: smtp.url });
    await s.startWorker();
  });
  afterAll(async () => {
    await s?.close();
    await smtp?.close();
  });

  it('notifies the assignee in the app and by e-mail, and lets only them mark it read', async () => {
    const processId = await startCase(s, 'notify-smtp', 'Pavilion 3');
    const n = await mine(s, 'seller1', processId);
    expect(n).toMatchObject({ kind: 'assignment.new', title: `New task: ${STEP}`, readAt: null });
    expect((await s.call('GET', n.link!, { as: 'seller1' })).body).toMatchObject({ stepName: STEP, status: 'open' });
    expect((await s.call<List>('GET', '/api/notifications', { as: 'seller2' })).body.items.some((i) => i.id === n.id)).toBe(false);

    const mail = await eventually(
      () => Promise.resolve(smtp.received.filter((m) => m.to.includes(demoEmail('seller1')))),
      (found) => found.length > 0,
    );
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toContain(STEP);
    expect(mail[0]!.subject).toContain('Pavilion 3');
    expect(mail[0]!.raw).toContain(n.link!);
    const outbox = await s.call<Outbox>('GET', '/api/outbox?status=sent', { as: 'admin' });
    expect(outbox.body.items).toContainEqual(expect.objectContaining({ to: demoEmail('seller1'), status: 'sent' }));

    const someoneElse = await s.call('POST', `/api/notifications/${n.id}/read`, { as: 'seller2' });
    expect(someoneElse.status).toBe(403);
    expect(someoneElse.contentType).toContain('application/problem+json');
    expect((await s.call('POST', '/api/notifications/not-a-uuid/read', { as: 'seller1' })).status).toBe(400);
    expect((await s.call('POST', `/api/notifications/${crypto.randomUUID()}/read`, { as: 'seller1' })).status).toBe(404);

    const read = await s.call<NotificationItem>('POST', `/api/notifications/${n.id}/read`, { as: 'seller1' });
    expect(read.status).toBe(200);
    expect(read.body.readAt).not.toBeNull();
    const again = await s.call<NotificationItem>('POST', `/api/notifications/${n.id}/read`, { as: 'seller1' });
    expect(again.body.readAt).toBe(read.body.readAt);
    const unread = await s.call<List>('GET', '/api/notifications?unread=true', { as: 'seller1' });
    expect(unread.body.items.some((i) => i.id === n.id)).toBe(false);
    expect((await s.call<List>('GET', '/api/notifications', { as: 'seller1' })).body.items[0]).toMatchObject({ id: n.id });

    expect((await s.call<{ updated: number }>('POST', '/api/notifications/read-all', { as: 'seller1' })).status).toBe(200);
    expect((await s.call<List>('GET', '/api/notifications', { as: 'seller1' })).body.unread).toBe(0);
  });
});

describe('without SMTP', () => {
  let s: TestStack;
  beforeAll(async () => {
    s = await startTestStack();
    await s.startWorker();
  });
  afterAll(async () => s?.close());

  it('pushes a new notification over SSE to the stream opened before it', async () => {
    const token = await s.login('seller1');
    expect((await s.app.request('/api/notifications/stream')).status).toBe(401);
    const res = await s.app.request('/api/notifications/stream', { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const processId = await startCase(s, 'notify-sse', 'Pavilion 5');

    const decoder = new TextDecoder();
    let buffer = '';
    const deadline = setTimeout(() => void reader.cancel(), 20_000);
    let event: string | undefined;
    while (!event) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      event = buffer.split('\n\n').find((e) => e.startsWith('event: notification'));
    }
    clearTimeout(deadline);
    await reader.cancel(); // the client goes away; the server releases its LISTEN connection
    expect(event).toBeDefined();
    const data = JSON.parse(event!.split('\n').find((l) => l.startsWith('data: '))!.slice(6)) as NotificationItem;
    expect(data).toMatchObject({ kind: 'assignment.new', processId, title: `New task: ${STEP}` });
    expect(event).toContain(`id: ${data.id}`);
    const listening = () =>
      s.em().getConnection().execute<{ n: number }[]>("select count(*)::int as n from pg_stat_activity where datname = current_database() and query = 'LISTEN crm_notifications'");
    await eventually(listening, (rows) => rows[0]?.n === 0);

    // Shutting down ends open streams, so the HTTP server's close() need not wait for clients.
    const second = await s.app.request('/api/notifications/stream', { headers: { authorization: `Bearer ${token}` } });
    const secondReader = (second.body as ReadableStream<Uint8Array>).getReader();
    closeNotificationStreams();
    expect((await secondReader.read()).done).toBe(true);
    await eventually(listening, (rows) => rows[0]?.n === 0);
  });

  it('keeps the e-mail in the outbox, readable by admins only', async () => {
    const processId = await startCase(s, 'notify-outbox', 'Pavilion 6');
    await mine(s, 'seller1', processId);
    const outbox = await s.call<Outbox>('GET', '/api/outbox?status=queued', { as: 'admin' });
    expect(outbox.status).toBe(200);
    const queued = outbox.body.items.filter((m) => m.to === demoEmail('seller1') && m.subject.includes('Pavilion 6'));
    expect(queued).toEqual([expect.objectContaining({ status: 'queued', subject: `New task: ${STEP} (Pavilion 6)` })]);
    expect((await s.call('GET', '/api/outbox', { as: 'seller1' })).status).toBe(403);
    expect((await s.call('GET', '/api/outbox?status=lost', { as: 'admin' })).status).toBe(400);
  });
});
