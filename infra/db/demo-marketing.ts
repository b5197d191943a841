// The marketing department's day one: two segments, the shipped campaign template, and a finished
// campaign - sent 45 days ago to the regular clients who agreed to mail, with its recipients
// frozen, deliveries (when mailing's tables are there), responses and an attributed won deal
// paid within the window - so the campaign and effectiveness pages show figures at once.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { CampaignTemplate, Deal, DealStage, Employee, Invoice, InvoicePayment, Segment } from '../../domain/entities/index.ts';
import { createCampaign } from '../../domain/marketing/create-campaign.ts';
import { freezeRecipients } from '../../domain/marketing/freeze-recipients.ts';
import { recordResponse } from '../../domain/marketing/record-response.ts';
import { demoEmail } from './demo-data.ts';

const DAY = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export async function writeDemoMarketing(em: EntityManager, now: Date): Promise<void> {
  const marketer = await em.findOne(Employee, { email: demoEmail('marketer') });
  const template = await em.findOne(CampaignTemplate, { key: 'event-invitation' });
  if (!marketer || !template) return;
  const actor = { employeeId: marketer.id, email: marketer.email, roles: ['employee', 'marketing'] };
  const yearStart = `${now.getUTCFullYear()}-01-01`;
  const regular = em.create(Segment, {
    id: crypto.randomUUID(), name: 'Постоянные клиенты с согласием на рассылку', description: 'Стадия «постоянный», согласие на рассылки, есть e-mail',
    filter: { stages: ['regular'], marketingConsent: true, hasEmail: true }, owner: marketer.id, createdAt: now, updatedAt: now,
  });
  em.create(Segment, {
    id: crypto.randomUUID(), name: 'Не покупали в этом году', description: 'Нет оплат с начала года; согласие на рассылки',
    filter: { purchases: { from: yearStart, to: isoDay(now), bought: false }, marketingConsent: true }, owner: marketer.id, createdAt: now, updatedAt: now,
  });
  await em.flush();

  const sentAt = new Date(now.getTime() - 45 * DAY);
  const id = await createCampaign(em, actor, {
    templateId: template.id, name: 'Приглашение на выставку «Холод-Экспо»', description: 'Приглашение постоянных клиентов на стенд компании', segmentId: regular.id,
    budget: 5_000_000, plannedStart: isoDay(new Date(sentAt.getTime() - 5 * DAY)), plannedEnd: isoDay(new Date(now.getTime() - 10 * DAY)),
  });
  const recipients = await freezeRecipients(em, id, sentAt);
  await sql`update campaign set status = 'finished', actual_cost = 4200000, started_at = ${new Date(sentAt.getTime() - 4 * DAY)}, finished_at = ${new Date(now.getTime() - 10 * DAY)}
    where id = ${id}::uuid`.execute(em.getKysely());
  await demoDeliveries(em, id, sentAt);

  // Every third recipient responded; the first one's call ended in a deal, won and paid.
  const kinds = ['reply', 'click', 'registration', 'call'] as const;
  const responders = recipients.filter((_, i) => i % 3 === 0);
  for (const [i, r] of responders.entries()) {
    await recordResponse(em, { id: crypto.randomUUID(), campaignId: id, clientId: r.clientId, kind: kinds[i % kinds.length]!, at: new Date(sentAt.getTime() + (1 + i) * DAY), recordedBy: marketer.id });
  }
  const first = responders[0];
  const stage = (await em.find(DealStage, {}, { orderBy: { position: 'asc' }, limit: 1 }))[0];
  if (!first || !stage) return;
  const owner = (await em.findOneOrFail(Employee, { email: first.ownerEmail })).id;
  const opened = new Date(sentAt.getTime() + 3 * DAY);
  const deal = em.create(Deal, {
    id: crypto.randomUUID(), client: first.clientId, title: 'Витрины для нового павильона (по выставке)', amount: 48_000_000, lines: [{ name: 'Витрина 1,5 м', quantity: 4, price: 12_000_000 }],
    probability: 100, owner, stage: stage.id, stageEnteredAt: opened, status: 'won', closedAt: new Date(sentAt.getTime() + 12 * DAY), closedBy: owner,
    createdBy: owner, createdAt: opened, updatedBy: owner, updatedAt: opened,
  });
  const paidOn = isoDay(new Date(sentAt.getTime() + 15 * DAY));
  const invoice = em.create(Invoice, {
    id: crypto.randomUUID(), number: `М-${now.getUTCFullYear()}-001`, client: first.clientId, deal: deal.id, amount: 48_000_000, lines: [{ name: 'Витрина 1,5 м', quantity: 4, price: 12_000_000 }],
    issueDate: isoDay(new Date(sentAt.getTime() + 12 * DAY)), dueDate: paidOn, state: 'issued', paid: 48_000_000, createdBy: owner, createdAt: opened, updatedBy: owner, updatedAt: opened,
  });
  em.create(InvoicePayment, { id: crypto.randomUUID(), invoice: invoice.id, paidOn, amount: 48_000_000, documentNumber: 'ПП-7781', recordedBy: owner, recordedAt: new Date(`${paidOn}T09:00:00Z`) });
  await em.flush();
}

/** Mailing's deliveries of the main letter, when its tables (with these columns) exist. */
async function demoDeliveries(em: EntityManager, campaignId: string, sentAt: Date): Promise<void> {
  const db = em.getKysely();
  const { rows: [have] } = await sql<{ n: number }>`select count(*)::int as n from information_schema.columns
    where table_schema = current_schema() and ((table_name = 'mail_send' and column_name in ('id', 'key', 'name', 'campaign_id', 'template_id', 'started_at', 'finished_at'))
      or (table_name = 'mail_delivery' and column_name in ('id', 'send_id', 'client_id', 'client_name', 'email', 'status', 'token', 'subject', 'html', 'text', 'queued_at', 'sent_at', 'opened_at', 'clicked_at')))`.execute(db);
  if ((have?.n ?? 0) < 21) return;
  const sendId = crypto.randomUUID();
  await sql`insert into mail_send (id, key, name, campaign_id, template_id, started_at, finished_at)
    select ${sendId}::uuid, 'c:' || c.id || ':main', 'main', c.id, c.main_template_id, ${sentAt}, ${new Date(sentAt.getTime() + 3_600_000)} from campaign c where c.id = ${campaignId}::uuid`.execute(db);
  // Most delivered; every second opened, every fifth clicked; those without an e-mail skipped.
  await sql`insert into mail_delivery (id, send_id, client_id, client_name, email, status, token, subject, html, text, queued_at, sent_at, opened_at, clicked_at)
    select gen_random_uuid(), ${sendId}::uuid, r.client_id, cl.name, cl.email, case when cl.email is null then 'skipped' else 'sent' end, md5(random()::text || r.client_id::text),
      'Приглашение на выставку', '<p>Приглашение</p>', 'Приглашение', ${sentAt},
      case when cl.email is null then null else ${sentAt}::timestamptz + interval '10 minutes' end,
      case when cl.email is not null and r.position % 2 = 0 then ${sentAt}::timestamptz + interval '1 day' end,
      case when cl.email is not null and r.position % 5 = 0 then ${sentAt}::timestamptz + interval '1 day 1 hour' end
    from campaign_recipient r join client cl on cl.id = r.client_id where r.campaign_id = ${campaignId}::uuid`.execute(db);
}
