// Campaign mail through the API as marketing uses it: templates checked at save (a Liquid error
// at its line and column), previewed for a client as typed, changed on the version read; a
// send's progress and deliveries; and the public links a recipient follows - the click redirect
// that also tells the client's campaign case, the open pixel, unsubscribe (page and one-click)
// with its undo, and the same bare 404 for any wrong token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../infra/testing/eventually.ts';
import { insertClients, insertTemplate, queueThroughOperation } from '../../infra/testing/mail-fixtures.ts';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';

let s: TestStack;
beforeAll(async () => {
  s = await startTestStack({ publicOrigin: 'https://crm.example.com' });
  await s.startWorker();
}, 60_000);
afterAll(async () => {
  await s?.close();
});

const HTML = '<p>Здравствуйте, {{ contact.firstName }}!</p><p>{{ client.name }} &mdash; <a href="https://leader.example/expo">выставка</a></p><p><a href="{{ unsubscribe_url }}">Отписаться</a></p>';

describe('templates', () => {
  it('refuses a Liquid error at its part, line and column, and saves a good template', async () => {
    const bad = await s.call<{ problems: { path: string; message: string }[] }>('POST', '/api/mail/templates', { as: 'marketer', body: { name: 'Ошибка', subject: 'Hi', html: '<p>ok</p>\n<p>{{ client.name </p>' } });
    expect(bad.status).toBe(400);
    expect(bad.body.problems.map((p) => p.path)).toEqual(['html']);
    expect(bad.body.problems[0]!.message).toMatch(/^line 2, column 4: output "\{\{ client\.name <\/p>" not closed/);
    const filter = await s.call<{ problems: { path: string; message: string }[] }>('POST', '/api/mail/templates', { as: 'marketer', body: { name: 'Фильтр', subject: '{{ client.name | shout }}', html: '<p>ok</p>' } });
    expect(filter.status).toBe(400);
    expect(filter.body.problems[0]!.path).toBe('subject');
    const made = await s.call<{ id: string; version: number; text: string }>('POST', '/api/mail/templates', { as: 'marketer', body: { name: 'Приглашение', subject: '{{ client.name }}: приглашение', html: HTML } });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const list = await s.call<{ items: { id: string }[] }>('GET', '/api/mail/templates', { as: 'marketer' });
    expect(list.body.items.map((t) => t.id)).toContain(made.body.id);
    // A head reads, but may not write.
    expect((await s.call('GET', `/api/mail/templates/${made.body.id}`, { as: 'sales.head' })).status).toBe(200);
    expect((await s.call('PUT', `/api/mail/templates/${made.body.id}`, { as: 'sales.head', body: { version: 1, name: 'x' } })).status).toBe(403);
    expect((await s.call('GET', '/api/mail/templates', { as: 'seller1' })).status).toBe(403);
  });

  it('previews for a client with escaping, fallbacks and the text part made from the HTML; changes on the version read', async () => {
    const em = s.em();
    const [client] = await insertClients(em, 1, 'preview');
    await em.execute(`update client set name = ? where id = ?`, ['ООО "Лёд & <Холод>"', client!.id]);
    await em.execute(
      `insert into client_contact (id, client_id, full_name, phones, phone_keys, is_primary, created_at, updated_at, version) values (?, ?, 'Петрова Анна Сергеевна', '{}', '{}', true, now(), now(), 1)`,
      [crypto.randomUUID(), client!.id],
    );
    const made = await s.call<{ id: string; version: number }>('POST', '/api/mail/templates', { as: 'marketer', body: { name: 'Превью', subject: '{{ client.name }}', html: HTML } });
    const preview = await s.call<{ subject: string; html: string; text: string }>('POST', `/api/mail/templates/${made.body.id}/preview`, { as: 'marketer', body: { clientId: client!.id } });
    expect(preview.status).toBe(200);
    expect(preview.body.subject).toBe('ООО "Лёд & <Холод>"');
    expect(preview.body.html).toContain('Здравствуйте, Анна!');
    expect(preview.body.html).toContain('ООО &#34;Лёд &amp; &lt;Холод&gt;&#34;');
    expect(preview.body.html).toContain('href="https://crm.example.com/m/u/preview"');
    expect(preview.body.text).toBe('Здравствуйте, Анна!\n\nООО "Лёд & <Холод>" — выставка (https://leader.example/expo)\n\nОтписаться (https://crm.example.com/m/u/preview)');
    // Unsaved content, as the editor previews while typing; no contact: the greeting falls back.
    const [noContact] = await insertClients(em, 1, 'nocontact');
    const typed = await s.call<{ html: string }>('POST', `/api/mail/templates/${made.body.id}/preview`, { as: 'marketer', body: { clientId: noContact!.id, html: '<p>{{ contact.firstName | default: "коллеги" }}, {{ owner.fullName }}</p>' } });
    expect(typed.body.html).toMatch(/^<p>коллеги, \S+ \S+<\/p>$/);
    expect((await s.call('POST', `/api/mail/templates/${made.body.id}/preview`, { as: 'marketer', body: { clientId: 'nope' } })).status).toBe(400);

    const changed = await s.call<{ version: number; subject: string }>('PUT', `/api/mail/templates/${made.body.id}`, { as: 'marketer', body: { version: made.body.version, subject: 'Новая тема' } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ subject: 'Новая тема', version: made.body.version + 1 });
    const stale = await s.call<{ current: { subject: string } }>('PUT', `/api/mail/templates/${made.body.id}`, { as: 'marketer', body: { version: made.body.version, subject: 'Старая' } });
    expect(stale.status).toBe(409);
    expect(stale.body.current.subject).toBe('Новая тема');
    const syntax = await s.call<{ problems: { path: string }[] }>('PUT', `/api/mail/templates/${made.body.id}`, { as: 'marketer', body: { version: changed.body.version, text: '{% if %}' } });
    expect(syntax.status).toBe(400);
    expect(syntax.body.problems[0]!.path).toBe('text');
  });
});

const trackingRoute = {
  language: 'route/v1',
  name: 'Mail response',
  // The route language's field names are lower-case (responseId cannot be declared): the payload is not declared here.
  events: { response: {} },
  start: 'await-response',
  nodes: [
    { id: 'await-response', kind: 'wait', event: 'response', next: 'done' },
    { id: 'done', kind: 'end', result: 'success' },
  ],
};

describe('sends and the links a recipient follows', () => {
  let campaignId: string;
  let tokenOf: (clientId: string) => Promise<string>;
  let clients: { id: string; email: string }[];
  let processId: string;

  beforeAll(async () => {
    const em = s.em();
    const created = await s.call<{ id: string }>('POST', '/api/routes', { as: 'designer', body: { key: 'mail-response', draft: trackingRoute } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const published = await s.call("POST", `/api/routes/${created.body.id}/publish`, { as: "designer", body: { revision: 1 } });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    const started = await s.call<{ id: string }>('POST', '/api/processes', { as: 'marketer', body: { routeKey: 'mail-response', subject: 'Клиент кампании' } });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    processId = started.body.id;
    clients = await insertClients(em, 3, 'links');
    campaignId = crypto.randomUUID();
    const templateId = await insertTemplate(em, { campaignId });
    await queueThroughOperation(em, { templateId, send: 'main', campaignId, clientIds: clients.map((c) => c.id), processId: (id) => (id === clients[0]!.id ? processId : null) });
    // No SMTP in this file: the send is marked done as the dispatcher would.
    await em.execute(`update mail_delivery set status = 'sent', sent_at = now() where client_id in (?, ?)`, [clients[0]!.id, clients[1]!.id]);
    await em.execute(`update mail_delivery set status = 'failed', reason = '421 try later' where client_id = ?`, [clients[2]!.id]);
    tokenOf = async (clientId) => (await em.execute<{ token: string }[]>(`select token from mail_delivery where client_id = ?`, [clientId]))[0]!.token;
  });

  it("shows a campaign's send with counts per status, its deliveries failures first, and queues failures again", async () => {
    const sends = await s.call<{ items: { id: string; total: number; sent: number; failed: number; queued: number; name: string }[] }>('GET', `/api/mail/sends?campaignId=${campaignId}`, { as: 'marketer' });
    expect(sends.status).toBe(200);
    expect(sends.body.items).toMatchObject([{ name: 'main', total: 3, sent: 2, failed: 1, queued: 0 }]);
    const sendId = sends.body.items[0]!.id;
    const page = await s.call<{ items: { status: string; reason: string | null; clientName: string }[]; total: number }>('GET', `/api/mail/sends/${sendId}/deliveries?limit=2`, { as: 'sales.head' });
    expect(page.body.total).toBe(3);
    expect(page.body.items[0]).toMatchObject({ status: 'failed', reason: '421 try later' });
    const failedOnly = await s.call<{ total: number }>('GET', `/api/mail/sends/${sendId}/deliveries?status=failed`, { as: 'marketer' });
    expect(failedOnly.body.total).toBe(1);
    expect((await s.call('GET', `/api/mail/sends/${sendId}/deliveries?status=lost`, { as: 'marketer' })).status).toBe(400);
    expect((await s.call('POST', `/api/mail/sends/${sendId}/retry`, { as: 'sales.head' })).status).toBe(403);
    const retried = await s.call<{ queued: number }>('POST', `/api/mail/sends/${sendId}/retry`, { as: 'marketer' });
    expect(retried.body).toEqual({ queued: 1 });
    const after = await s.call<{ items: { queued: number; failed: number }[] }>('GET', `/api/mail/sends?campaignId=${campaignId}`, { as: 'marketer' });
    expect(after.body.items[0]).toMatchObject({ queued: 1, failed: 0 });
    expect((await s.call('GET', `/api/mail/sends/${crypto.randomUUID()}/deliveries`, { as: 'marketer' })).status).toBe(404);
  });

  it('redirects a click to the target, records it, and sends the client\'s case the response event once', async () => {
    const token = await tokenOf(clients[0]!.id);
    const res = await s.app.request(`/m/c/${token}-0`);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('https://leader.example/expo?utm=mail');
    expect((await s.app.request(`/m/c/${token}-0`)).status).toBe(302);
    const ended = await eventually(async () => (await s.call<{ status: string }>('GET', `/api/processes/${processId}`, { as: 'marketer' })).body, (p) => p.status === 'completed');
    expect(ended.status).toBe('completed');
    const [row] = await s.em().execute<{ clicked_at: Date | null; opened_at: Date | null; click_response_id: string | null }[]>(`select clicked_at, opened_at, click_response_id from mail_delivery where token = ?`, [token]);
    expect(row!.clicked_at).not.toBeNull();
    expect(row!.opened_at).not.toBeNull();
    // The case's record of the event carries the click's response id (the campaign records the response under it).
    const view = await s.call('GET', `/api/processes/${processId}`, { as: 'marketer' });
    expect(JSON.stringify(view.body)).toContain(row!.click_response_id!);
    const sends = await s.call<{ items: { clicked: number; opened: number }[] }>('GET', `/api/mail/sends?campaignId=${campaignId}`, { as: 'marketer' });
    expect(sends.body.items[0]).toMatchObject({ clicked: 1, opened: 1 });
  });

  it('records an open from the pixel', async () => {
    const token = await tokenOf(clients[1]!.id);
    const res = await s.app.request(`/m/o/${token}.gif`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/gif');
    const [row] = await s.em().execute<{ opened_at: Date | null }[]>(`select opened_at from mail_delivery where token = ?`, [token]);
    expect(row!.opened_at).not.toBeNull();
  });

  it('unsubscribes from the page (with an undo) and by one click, and later sends skip the address', async () => {
    const token = await tokenOf(clients[1]!.id);
    const page = await s.app.request(`/m/u/${token}`, { headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('You are unsubscribed');
    expect(html).toContain(clients[1]!.email);
    const ru = await (await s.app.request(`/m/u/${token}`, { headers: { 'accept-language': 'ru-RU' } })).text();
    expect(ru).toContain('Вы отписаны');
    const undo = await s.app.request(`/m/u/${token}/undo?lang=en`, { method: 'POST' });
    expect(await undo.text()).toContain('You are subscribed again');
    expect(await s.em().execute(`select 1 from mail_suppression where email = ?`, [clients[1]!.email])).toHaveLength(0);
    const oneClick = await s.app.request(`/m/u/${token}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(oneClick.status).toBe(200);
    const em = s.em();
    const templateId = await insertTemplate(em, { campaignId });
    await queueThroughOperation(em, { templateId, send: 'reminder', campaignId, clientIds: [clients[1]!.id] });
    const [d] = await em.execute<{ status: string; reason: string }[]>(`select d.status, d.reason from mail_delivery d join mail_send s on s.id = d.send_id where s.key = ? and d.client_id = ?`, [`c:${campaignId}:reminder`, clients[1]!.id]);
    expect(d).toEqual({ status: 'skipped', reason: 'unsubscribed' });
  });

  it('answers a wrong token with a bare 404, and limits the rate per token', async () => {
    const token = await tokenOf(clients[0]!.id);
    for (const path of ['/m/c/nope-0', `/m/c/${token}-7`, `/m/c/${token}`, '/m/o/nope.gif', `/m/o/${token}.png`, '/m/u/nope']) {
      const res = await s.app.request(path);
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).toBe('');
    }
    expect((await s.app.request('/m/u/nope', { method: 'POST' })).status).toBe(404);
    let last = 0;
    for (let i = 0; i < 70 && last !== 429; i++) last = (await s.app.request(`/m/o/${token}.gif`, { headers: { 'x-forwarded-for': `10.1.0.${i}` } })).status;
    expect(last).toBe(429);
  });
});
