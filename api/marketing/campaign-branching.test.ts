// Per-client branching on responses (issue 11), under time skipping: a campaign from the shipped
// template to four clients. One clicks the tracked link in the mail (GET /m/c/<token>-<n>, as the
// browser would), one gets a registration recorded by the marketer; the other two do nothing.
// The responders' owners get a call task each, about that client; once the follow-up working days
// pass, the other two get the reminder mail and no task; each response is listed once and the
// effectiveness counts two.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_DISPATCH, dispatchDue, Pacer } from '../../infra/mail/dispatcher.ts';
import { eventually } from '../../infra/testing/eventually.ts';
import { startSmtpSink, type SmtpSink } from '../../infra/testing/smtp-sink.ts';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';
import { makeClient, makeTag } from './fixtures.ts';

let s: TestStack;
let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
  s = await startTestStack({ timeSkipping: true, smtpUrl: sink.url });
  await s.startWorker();
}, 60_000);

afterAll(async () => {
  await s?.close();
  await sink?.close();
});

interface InboxItem { id: string; stepId: string; process: { id: string; record: { type: string; id: string; label: string | null } | null } }

async function inbox(who: string): Promise<InboxItem[]> {
  return (await s.call<{ items: InboxItem[] }>('GET', '/api/assignments/inbox', { as: who })).body.items;
}

async function completeStep(who: string, processId: string, stepId: string, body: Record<string, unknown>): Promise<void> {
  const find = async () => {
    const mine = (await inbox(who)).find((i) => i.process.id === processId && i.stepId === stepId);
    if (mine) return mine.id;
    const queue = (await s.call<{ items: InboxItem[] }>('GET', '/api/assignments/queue', { as: who })).body.items.find((i) => i.process.id === processId && i.stepId === stepId);
    if (queue) expect((await s.call('POST', `/api/assignments/${queue.id}/claim`, { as: who })).status).toBe(200);
    return queue?.id;
  };
  const id = (await eventually(find, (x) => x !== undefined))!;
  const res = await s.call('POST', `/api/assignments/${id}/complete`, { as: who, body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

const mailTo = (email: string, subject: RegExp) => sink.received.filter((m) => m.to.includes(email) && subject.test(m.subject));

it('calls the clients who responded and reminds the others after the follow-up days', async () => {
  const t0 = Date.now();
  const log = (what: string) => process.env.FLOW_DEBUG && console.log(`[branching] ${Date.now() - t0} ms: ${what}`);
  const em = s.em();
  const tag = await makeTag(em, `Ветвление ${crypto.randomUUID().slice(0, 6)}`);
  const spec = [
    { key: 'clicker', name: 'Кликов ООО', owner: 'seller1' },
    { key: 'registered', name: 'Регистрация АО', owner: 'seller2' },
    { key: 'silent1', name: 'Молчание-1 ООО', owner: 'seller1' },
    { key: 'silent2', name: 'Молчание-2 ООО', owner: 'seller2' },
  ] as const;
  const id: Record<string, string> = {};
  const email: Record<string, string> = {};
  for (const c of spec) {
    email[c.key] = `${c.key}-${crypto.randomUUID().slice(0, 6)}@client.example`;
    id[c.key] = await makeClient(s.em(), { name: c.name, region: 'Ветвь', owner: c.owner, email: email[c.key], tags: [tag] });
  }
  const segment = await s.call<{ id: string }>('POST', '/api/segments', { as: 'marketer', body: { name: 'Четверо', filter: { tags: { any: [tag] } } } });
  const templates = await s.call<{ items: { id: string; key: string }[] }>('GET', '/api/campaign-templates', { as: 'marketer' });
  const templateId = templates.body.items.find((t) => t.key === 'event-invitation')!.id;
  const camp = await s.call<{ id: string; followUpDays: number }>('POST', '/api/campaigns', { as: 'marketer', body: { templateId, name: 'Ветвление откликов', segmentId: segment.body.id, budget: 100_000 } });
  expect(camp.status, JSON.stringify(camp.body)).toBe(201);
  const campaignId = camp.body.id;
  // The dispatcher's run, called here rather than as the dispatcher workflow's activity: the
  // time-skipping server skips no time while an activity runs, and the dispatcher's always does.
  const dispatch = () => dispatchDue({ em: s.em(), target: { smtpUrl: sink.url, from: 'crm@leader.example', origin: 'https://crm.example.com' }, settings: { ...DEFAULT_DISPATCH, ratePerSecond: 0 }, owner: crypto.randomUUID() }, new Pacer(0), Date.now() + 5_000);

  const run = await s.call<{ processId: string }>('POST', `/api/campaigns/${campaignId}/start`, { as: 'marketer' });
  expect(run.status, JSON.stringify(run.body)).toBe(200);
  await completeStep('marketer', run.body.processId, 'prepare', { outcome: 'ready', form: { notes: 'Готово' } });
  await completeStep('director', run.body.processId, 'approve', { outcome: 'approve' });

  log('// The main mail reaches all four.');
  // The main mail reaches all four.
  // (The sink also takes the employees' notices: only the clients' addresses count here.)
  const toClients = () => sink.received.filter((m) => m.to.some((to) => Object.values(email).includes(to)));
  await eventually(async () => (await dispatch(), toClients().length), (n) => n >= 4, 30_000);
  for (const c of spec) expect(sink.received.filter((m) => m.to.includes(email[c.key]!))).toHaveLength(1);
  const mainCount = toClients().length;

  log('// The first clicks the link');
  // The first clicks the link in the mail, as the browser would (the link's token is the delivery's).
  const [clicked] = await em.execute<{ token: string }[]>(`select token from mail_delivery where client_id = ? and status = 'sent'`, [id.clicker]);
  expect(sink.received.find((m) => m.to.includes(email.clicker!))!.raw.replace(/=\r?\n/g, '')).toContain(`/m/c/${clicked!.token}-0`);
  const click = await s.app.request(`/m/c/${clicked!.token}-0`);
  expect(click.status).toBe(302);
  // The marketer records the second's registration (a phone call to the office, say).
  const reg = await s.call<{ id: string; toldCase: boolean }>('POST', `/api/campaigns/${campaignId}/responses`, { as: 'marketer', body: { clientId: id.registered, kind: 'registration', note: 'Записался по телефону' } });
  expect(reg.status, JSON.stringify(reg.body)).toBe(201);
  expect(reg.body.toldCase).toBe(true);

  log("// Each responder's owner");
  // Each responder's owner gets a call task about that client.
  const callTask = async (who: string, clientId: string) =>
    eventually(async () => (await inbox(who)).filter((i) => i.stepId === 'call' && i.process.record?.id === clientId), (x) => x.length > 0, 30_000);
  const expectedRecord: unknown = { type: 'client', id: id.clicker, label: 'Кликов ООО' };
  expect((await callTask('seller1', id.clicker!)).map((i) => i.process.record)).toEqual([expectedRecord]);
  expect(await callTask('seller2', id.registered!)).toHaveLength(1);

  log('// The follow-up days pass');
  // The follow-up days pass (working days: a weekend may be in between).
  for (let day = 0; day < camp.body.followUpDays + 4; day++) {
    await s.skip('1 day');
    log(`day ${day + 1}`);
  }
  log('skipped');
  // The reminders are queued due at the case's clock (days ahead of the wall clock the dispatcher's
  // SQL reads under time skipping): bring them to now, as the real clock would have.
  await eventually(async () => (await em.execute<{ n: string }[]>(`select count(*) as n from mail_delivery d join mail_send s on s.id = d.send_id where s.key like '%:reminder'`))[0]!.n, (n) => n === '2', 30_000);
  await em.execute(`update mail_delivery set next_attempt_at = now() where status = 'queued' and next_attempt_at > now()`);
  await eventually(async () => (await dispatch(), toClients().length), (n) => n >= 6, 30_000);
  const reminders = toClients().slice(mainCount);
  expect(reminders.flatMap((m) => m.to).sort()).toEqual([email.silent1, email.silent2].sort());
  for (const who of ['seller1', 'seller2']) {
    const calls = (await inbox(who)).filter((i) => i.stepId === 'call').map((i) => i.process.record?.id);
    expect(calls).not.toContain(id.silent1);
    expect(calls).not.toContain(id.silent2);
  }
  expect(mailTo(email.clicker!, /./)).toHaveLength(1);
  expect(mailTo(email.registered!, /./)).toHaveLength(1);

  log('const responses = await');
  const responses = await s.call<{ total: number; items: { clientName: string; kind: string }[] }>('GET', `/api/campaigns/${campaignId}/responses`, { as: 'marketer' });
  expect(responses.body.total).toBe(2);
  expect(responses.body.items.map((r) => [r.clientName, r.kind]).sort()).toEqual([['Кликов ООО', 'click'], ['Регистрация АО', 'registration']]);
  const eff = await s.call<{ recipients: number; responses: number }>('GET', `/api/campaigns/${campaignId}/effectiveness`, { as: 'marketer' });
  expect(eff.body).toMatchObject({ recipients: 4, responses: 2 });
}, 120_000);
