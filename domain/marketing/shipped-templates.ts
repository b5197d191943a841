// The campaign templates the product ships (a template is a route plus default content): written
// once when the company has none with their key, then the marketers' to change. Messages are
// Liquid (mailing renders them per recipient).
import type { EntityManager } from '@mikro-orm/postgresql';
import { CampaignTemplate } from '../entities/index.ts';
import type { CampaignChannel, MessageContent } from './entities.ts';

interface ShippedTemplate {
  key: string;
  name: string;
  description: string;
  routeKey: string;
  channel: CampaignChannel;
  budget: number;
  followUpDays: number;
  mainMessage: MessageContent;
  reminderMessage: MessageContent | null;
}

export const SHIPPED_CAMPAIGN_TEMPLATES: readonly ShippedTemplate[] = [
  {
    key: 'event-invitation',
    name: 'Приглашение на мероприятие / акция (рассылка)',
    description: 'Подготовка материалов, согласование с руководством, рассылка по сегменту; откликнувшимся - звонок ответственного менеджера, остальным - напоминание через несколько рабочих дней; итоги кампании.',
    routeKey: 'campaign',
    channel: 'mailing',
    budget: 0,
    followUpDays: 5,
    mainMessage: {
      subject: '{{ client.name }}, приглашаем вас',
      html: '<p>Здравствуйте{% if contact.firstName %}, {{ contact.firstName }}{% endif %}!</p>\n<p>Приглашаем вас на наше мероприятие. Подробности и регистрация - по ссылке: <a href="https://leader.example/event">leader.example/event</a>.</p>\n<p>С уважением,<br>{{ owner.fullName }}</p>',
      text: 'Здравствуйте{% if contact.firstName %}, {{ contact.firstName }}{% endif %}!\n\nПриглашаем вас на наше мероприятие. Подробности и регистрация: https://leader.example/event\n\nС уважением,\n{{ owner.fullName }}',
    },
    reminderMessage: {
      subject: 'Напоминание: {{ client.name }}, ждём вас',
      html: '<p>Здравствуйте{% if contact.firstName %}, {{ contact.firstName }}{% endif %}!</p>\n<p>Напоминаем о нашем мероприятии: <a href="https://leader.example/event">leader.example/event</a>.</p>\n<p>С уважением,<br>{{ owner.fullName }}</p>',
      text: 'Здравствуйте{% if contact.firstName %}, {{ contact.firstName }}{% endif %}!\n\nНапоминаем о нашем мероприятии: https://leader.example/event\n\nС уважением,\n{{ owner.fullName }}',
    },
  },
];

/** Adds the shipped templates the company lacks; answers the keys it added. */
export async function ensureCampaignTemplates(em: EntityManager): Promise<string[]> {
  const have = new Set((await em.find(CampaignTemplate, { key: { $in: SHIPPED_CAMPAIGN_TEMPLATES.map((t) => t.key) } }, { fields: ['key'] })).map((t) => t.key));
  const added: string[] = [];
  for (const t of SHIPPED_CAMPAIGN_TEMPLATES) {
    if (have.has(t.key)) continue;
    em.create(CampaignTemplate, { id: crypto.randomUUID(), ...t, createdAt: new Date() });
    added.push(t.key);
  }
  await em.flush();
  return added;
}
