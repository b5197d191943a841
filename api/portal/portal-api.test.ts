// The customer portal through the API on the real database and real Temporal: a person submits
// without an account and finds one e-mail with the confirmation link in the outbox; confirming
// registers the complaint and starts the shipped complaint route (once, however often it is
// confirmed); the follow link shows public messages only; a client's reply stops the SLA clock
// and the quality officer's public answer restarts it with the due time moved on by the paused
// working time; wrong and expired links answer the same 404; limits answer 429; bad input names
// the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyCalendar } from '../../domain/calendar/calendar-settings.ts';
import { workingTimeBetween } from '../../domain/calendar/calendar-math.ts';
import { dueAfterPauses } from '../../domain/complaints/sla.ts';
import { AuditEntry, Complaint, ComplaintClockPause, MailMessage, PortalRequest, Process } from '../../domain/entities/index.ts';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';

type Problem = { status: number; detail?: string; problems?: { path: string; message: string }[] };
type PortalCase = {
  number: string; subject: string; status: string; registeredAt: string; dueAt: string; paused: boolean;
  messages: { from: string; authorName: string; text: string }[]; decision: { kind: string; text: string } | null;
};
type Link = { link: string; accessToken: string };

let s: TestStack;
let addressNo = 0;

/** A call from its own client address (X-Forwarded-For; the test stack trusts the proxy). */
async function portal<T>(method: string, path: string, body?: unknown, address = `198.51.100.${++addressNo % 250}`): Promise<{ status: number; headers: Headers; body: T }> {
  const res = await s.app.request(path, { method, headers: { 'content-type': 'application/json', 'x-forwarded-for': address }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : null) as T };
}

const request = (over: Record<string, unknown> = {}) => ({
  name: 'Ирина Петрова', email: `irina-${crypto.randomUUID()}@example.com`, phone: '+7 900 123-45-67', kind: 'complaint', subject: 'Витрина не держит температуру', text: 'Купили в марте, с сентября греется.', ...over,
});

/** The confirmation token from the one e-mail queued for `email`. */
async function confirmationToken(email: string): Promise<string> {
  const mails = await s.em().find(MailMessage, { to: email, key: { $like: 'portal-confirm:%' } });
  expect(mails).toHaveLength(1);
  const match = /\/portal\/confirm\/([A-Za-z0-9_-]+)/.exec(mails[0]!.text);
  expect(match).not.toBeNull();
  return match![1]!;
}

async function submitted(over: Record<string, unknown> = {}): Promise<{ email: string; link: Link }> {
  const body = request(over);
  expect((await portal('POST', '/api/portal/requests', body)).status).toBe(202);
  const confirmed = await portal<Link>('POST', '/api/portal/confirm', { token: await confirmationToken(body.email) });
  expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
  return { email: body.email, link: confirmed.body };
}

beforeAll(async () => {
  s = await startTestStack();
});
afterAll(async () => s?.close());

describe('submitting and confirming', () => {
  it('a submission answers 202 and queues one Russian e-mail with the confirmation link; everything typed is kept', async () => {
    const body = request({ company: 'ООО Ромашка' });
    const res = await portal<{ message: string }>('POST', '/api/portal/requests', body);
    expect(res.status).toBe(202);
    expect(res.body.message).toMatch(/e-mail/);
    const token = await confirmationToken(body.email);
    expect(token.length).toBeGreaterThanOrEqual(43);
    const mail = await s.em().findOneOrFail(MailMessage, { to: body.email });
    expect(mail.subject).toContain('Подтвердите');
    expect(mail.text).toContain('http://localhost/portal/confirm/');
    const pending = await s.em().findOneOrFail(PortalRequest, { email: body.email });
    expect(pending).toMatchObject({ name: body.name, phone: body.phone, subject: body.subject, text: body.text, company: 'ООО Ромашка', confirmedAt: null });
    // Only the hash is stored.
    expect(pending.confirmHash).not.toBe(token);
  });

  it('confirming registers a portal complaint, starts the complaint route about it, and answers the follow link (the same twice)', async () => {
    const body = request();
    await portal('POST', '/api/portal/requests', body);
    const token = await confirmationToken(body.email);
    const first = await portal<Link>('POST', '/api/portal/confirm', { token });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.link).toBe(`/portal/c/${first.body.accessToken}`);
    const again = await portal<Link>('POST', '/api/portal/confirm', { token });
    expect(again.body).toEqual(first.body);
    const complaints = await s.em().find(Complaint, { contactEmail: body.email });
    expect(complaints).toHaveLength(1);
    expect(complaints[0]).toMatchObject({ source: 'portal', contactName: body.name, contactPhone: body.phone });
    const cases = await s.em().find(Process, { recordType: 'complaint', recordId: complaints[0]!.id });
    expect(cases).toHaveLength(1);
    expect(cases[0]!.status).toBe('running');
    // The follow link is e-mailed too, once.
    const follow = await s.em().find(MailMessage, { to: body.email, key: { $like: 'portal-follow:%' } });
    expect(follow).toHaveLength(1);
    expect(follow[0]!.text).toContain(first.body.link);
    expect(await s.em().count(AuditEntry, { action: 'portal.confirm', targetId: complaints[0]!.id })).toBe(1);
  });

  it('a question from a known client\'s e-mail is matched to that client', async () => {
    const email = `known-${crypto.randomUUID()}@example.com`;
    const client = await s.call<{ id: string }>('POST', '/api/clients', { as: 'seller1', body: { name: `Портальный ${crypto.randomUUID()}`, kind: 'person', email } });
    expect(client.status, JSON.stringify(client.body)).toBe(201);
    await submitted({ email, kind: 'question', subject: 'Как продлить гарантию?' });
    const c = await s.em().findOneOrFail(Complaint, { contactEmail: email });
    expect(c.client?.id).toBe(client.body.id);
    expect(c.subject).toBe('Вопрос: Как продлить гарантию?');
  });

  it('an expired, unknown or revoked token answers the same 404', async () => {
    const body = request();
    await portal('POST', '/api/portal/requests', body);
    const token = await confirmationToken(body.email);
    await s.em().nativeUpdate(PortalRequest, { email: body.email }, { expiresAt: new Date(Date.now() - 1000) });
    const expired = await portal<Problem>('POST', '/api/portal/confirm', { token });
    const unknown = await portal<Problem>('POST', '/api/portal/confirm', { token: 'A'.repeat(43) });
    expect(expired.status).toBe(404);
    expect(unknown).toEqual({ ...expired, headers: unknown.headers });
    expect(await s.em().count(Complaint, { contactEmail: body.email })).toBe(0);

    const { link, email } = await submitted();
    const wrongLink = await portal<Problem>('GET', `/api/portal/cases/${'B'.repeat(43)}`);
    expect(wrongLink.status).toBe(404);
    expect(wrongLink.body).toEqual(expired.body);
    await s.em().nativeUpdate(PortalRequest, { email }, { revokedAt: new Date() });
    const revoked = await portal<Problem>('GET', `/api/portal/cases/${link.accessToken}`);
    expect(revoked.body).toEqual(expired.body);
  });

  it('bad input is named by field', async () => {
    const res = await portal<Problem>('POST', '/api/portal/requests', { ...request(), email: 'not-an-address', kind: 'praise', subject: '  ' });
    expect(res.status).toBe(400);
    expect(res.body.problems?.map((p) => p.path).sort()).toEqual(['email', 'kind', 'subject']);
    const confirm = await portal<Problem>('POST', '/api/portal/confirm', { token: 'short' });
    expect(confirm.body.problems?.map((p) => p.path)).toEqual(['token']);
    const reply = await portal<Problem>('POST', `/api/portal/cases/${'C'.repeat(43)}/messages`, { text: '' });
    expect(reply.body.problems?.map((p) => p.path)).toEqual(['text']);
  });
});

describe('following the complaint', () => {
  it('shows public messages both ways, never notes or e-mails; a reply stops the clock and the company\'s answer restarts it, due moved on', async () => {
    const { link, email } = await submitted();
    const c = await s.em().findOneOrFail(Complaint, { contactEmail: email });
    await s.call('POST', `/api/complaints/${c.id}/notes`, { as: 'quality', body: { text: 'Внутреннее: клиент сложный' } });
    const view = await portal<PortalCase>('GET', `/api/portal/cases/${link.accessToken}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ number: c.number, subject: c.subject, paused: false, messages: [], decision: null });
    expect(['received', 'in-work']).toContain(view.body.status);

    const reply = await portal<PortalCase>('POST', `/api/portal/cases/${link.accessToken}/messages`, { text: 'Фото витрины отправила на почту' });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.paused).toBe(true);
    expect(reply.body.messages).toEqual([expect.objectContaining({ from: 'client', text: 'Фото витрины отправила на почту' })]);

    // The clock stopped three days ago, so the pause has working time to move the due time by.
    const since = new Date(Date.now() - 3 * 24 * 3_600_000);
    await s.em().nativeUpdate(Complaint, { id: c.id }, { pausedSince: since });
    await s.em().nativeUpdate(ComplaintClockPause, { complaint: c.id, toAt: null }, { fromAt: since });
    const answer = await s.call<{ status: number; clock: { paused: boolean; dueAt: string } }>('POST', `/api/complaints/${c.id}/messages`, { as: 'quality', body: { text: 'Спасибо, мастер приедет в четверг' } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(answer.body.clock.paused).toBe(false);
    const after = await s.em().findOneOrFail(Complaint, c.id);
    const pause = await s.em().findOneOrFail(ComplaintClockPause, { complaint: c.id });
    const cal = await companyCalendar(s.em(), new Date());
    const pausedMs = workingTimeBetween(cal, since, pause.toAt!);
    expect(pausedMs).toBeGreaterThan(0);
    expect(after.pausedWorkMs).toBe(pausedMs);
    expect(after.dueAt.toISOString()).toBe(dueAfterPauses(cal, c.registeredAt, c.slaBudgetMs, pausedMs).toISOString());
    expect(after.dueAt.getTime()).toBeGreaterThan(c.dueAt.getTime());

    const seen = await portal<PortalCase>('GET', `/api/portal/cases/${link.accessToken}`);
    expect(seen.body.paused).toBe(false);
    expect(seen.body.dueAt).toBe(after.dueAt.toISOString());
    expect(seen.body.messages.map((m) => [m.from, m.text])).toEqual([['client', 'Фото витрины отправила на почту'], ['company', 'Спасибо, мастер приедет в четверг']]);
    expect(JSON.stringify(seen.body)).not.toContain('Внутреннее');
    expect(JSON.stringify(seen.body)).not.toMatch(/@/);
  });

  it('shows the decision once there is one', async () => {
    const { link, email } = await submitted();
    const c = await s.em().findOneOrFail(Complaint, { contactEmail: email });
    const decided = await s.call('POST', `/api/complaints/${c.id}/decision`, { as: 'quality', body: { version: c.version, kind: 'satisfied', text: 'Заменим компрессор по гарантии' } });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    const view = await portal<PortalCase>('GET', `/api/portal/cases/${link.accessToken}`);
    expect(view.body.status).toBe('decided');
    expect(view.body.decision).toMatchObject({ kind: 'satisfied', text: 'Заменим компрессор по гарантии' });
  });
});

describe('rate limits', () => {
  it('the sixth request for one e-mail within an hour is 429 with Retry-After, from any address', async () => {
    const body = request();
    for (let i = 0; i < 5; i++) expect((await portal('POST', '/api/portal/requests', body)).status).toBe(202);
    const refused = await portal<Problem>('POST', '/api/portal/requests', body);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3000);
    expect(await s.em().count(PortalRequest, { email: body.email })).toBe(5);
  });

  it('a link read more than 60 times a minute is 429', async () => {
    const { link } = await submitted();
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) statuses.push((await portal('GET', `/api/portal/cases/${link.accessToken}`)).status);
    expect(statuses.slice(0, 60).every((st) => st === 200)).toBe(true);
    expect(statuses[60]).toBe(429);
  });
});
