// The demo company's complaints and knowledge base: 18 articles of typical answers (equipment
// faults, warranty, delivery, invoices) written by the quality officer, and complaints of demo
// clients in every status - some overdue, some waiting for the client, with messages, notes and a
// decision citing an article. Generated from the client list (ordered by INN) by a fixed rule.
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { buildRussianCalendar } from '../../domain/calendar/russian-calendar.ts';
import { Complaint, ComplaintClockPause, ComplaintMessage, ComplaintStatusChange, Department, Employee, KbArticle, KbArticleRevision } from '../../domain/entities/index.ts';
import type { ComplaintSource, ComplaintStatus, DecisionKind } from '../../domain/complaints/entities.ts';
import { dueAfterPauses, slaBudget } from '../../domain/complaints/sla.ts';
import { DEMO_CALENDAR, demoEmail } from './demo-data.ts';

export const DEMO_ARTICLES: { title: string; category: string; tags: string[]; body: string }[] = [
  { title: 'Гарантия на холодильное оборудование', category: 'Гарантия', tags: ['гарантия', 'сроки'], body: 'Гарантия на холодильные витрины, лари и камеры - 24 месяца с даты ввода в эксплуатацию по акту монтажа. Гарантия сохраняется при монтаже нашей сервисной службой и ежегодном техническом обслуживании. Гарантийный ремонт выполняется бесплатно в течение 10 рабочих дней.' },
  { title: 'Что не входит в гарантию', category: 'Гарантия', tags: ['гарантия', 'отказ'], body: 'Гарантия не распространяется на повреждения от перепадов напряжения без стабилизатора, механические повреждения, засорение конденсатора при отсутствии обслуживания, самостоятельный ремонт и перенос оборудования без участия сервиса.' },
  { title: 'Продление гарантии по сервисному договору', category: 'Гарантия', tags: ['гарантия', 'сервисный договор'], body: 'При заключении сервисного договора на ежеквартальное обслуживание гарантия продлевается до 36 месяцев. Договор можно заключить в любой момент действия основной гарантии.' },
  { title: 'Витрина не держит температуру', category: 'Неисправности', tags: ['витрина', 'температура'], body: 'Частые причины: загрязнённый конденсатор, перегрузка витрины товаром выше линии загрузки, сквозняк или прямое солнце, неисправный вентилятор испарителя. Попросите клиента проверить линию загрузки и чистоту решётки, затем назначьте выезд инженера в течение 24 часов.' },
  { title: 'Компрессор шумит или часто включается', category: 'Неисправности', tags: ['компрессор', 'шум'], body: 'Шум компрессора и частые включения говорят о недостатке хладагента, загрязнении конденсатора или неверной настройке термостата. До приезда инженера не отключайте оборудование, если температура в норме. Выезд - в течение 1 рабочего дня.' },
  { title: 'Наледь на испарителе холодильной камеры', category: 'Неисправности', tags: ['камера', 'наледь', 'оттайка'], body: 'Наледь появляется при неплотно закрытой двери, износе уплотнителя или сбое таймера оттайки. Проверьте уплотнитель двери; при наледи толще 5 мм оборудование нужно разморозить и вызвать инженера.' },
  { title: 'Течь воды из-под витрины', category: 'Неисправности', tags: ['витрина', 'течь', 'дренаж'], body: 'Вода под витриной - засор дренажной трубки или переполнение поддона талой воды. Очистка дренажа входит в плановое обслуживание; по гарантии выполняется бесплатно.' },
  { title: 'Ошибка на дисплее контроллера', category: 'Неисправности', tags: ['контроллер', 'ошибка'], body: 'Запишите код ошибки с дисплея (например, E1, E2, HA, LA) и серийный номер оборудования. Коды E1/E2 - неисправность датчика, HA/LA - авария по высокой или низкой температуре. Передайте данные в сервисную службу.' },
  { title: 'Сроки доставки оборудования', category: 'Доставка', tags: ['доставка', 'сроки'], body: 'Доставка по городу - 2-3 рабочих дня после оплаты, по области - до 5 рабочих дней. Оборудование под заказ поставляется в срок, указанный в договоре. О задержке доставки клиента предупреждает менеджер по продажам.' },
  { title: 'Повреждение оборудования при доставке', category: 'Доставка', tags: ['доставка', 'повреждение', 'акт'], body: 'При повреждении упаковки или оборудования клиент составляет акт с водителем и фотографирует повреждения. Без акта претензия по доставке рассматривается на основании фотографий в течение 3 рабочих дней. Повреждённое оборудование заменяется за наш счёт.' },
  { title: 'Опоздание монтажной бригады', category: 'Монтаж', tags: ['монтаж', 'сроки'], body: 'Если бригада опоздала более чем на 2 часа или монтаж перенесён без согласования, клиенту предлагается скидка 5% на следующее обслуживание. Руководитель сервисной службы согласует новую дату в течение рабочего дня.' },
  { title: 'Качество монтажа: что проверить в акте', category: 'Монтаж', tags: ['монтаж', 'акт'], body: 'В акте монтажа указываются серийные номера, показатели температуры после запуска, давление хладагента и подпись клиента. Замечания клиента вносятся в акт и устраняются в течение 5 рабочих дней.' },
  { title: 'Счёт выставлен с ошибкой', category: 'Счета и оплата', tags: ['счёт', 'реквизиты'], body: 'При ошибке в реквизитах или сумме счёта помощник отдела продаж выставляет исправленный счёт в течение 1 рабочего дня, прежний счёт аннулируется. Оплаченный ошибочный счёт засчитывается по исправленному.' },
  { title: 'Возврат предоплаты', category: 'Счета и оплата', tags: ['оплата', 'возврат'], body: 'Предоплата возвращается по письменному заявлению клиента в течение 10 рабочих дней на расчётный счёт, с которого она поступила. Удержания возможны только по условиям договора за уже выполненные работы.' },
  { title: 'Закрывающие документы не пришли', category: 'Счета и оплата', tags: ['документы', 'счёт-фактура'], body: 'Акты и счета-фактуры отправляются через ЭДО в день отгрузки. Если документы не пришли, проверьте идентификатор ЭДО клиента; при необходимости бухгалтерия направит оригиналы почтой.' },
  { title: 'Грубость или некомпетентность сотрудника', category: 'Сотрудники', tags: ['сотрудник', 'поведение'], body: 'Жалоба на сотрудника передаётся его руководителю в день поступления. Служба качества прослушивает запись разговора, при подтверждении приносит клиенту извинения и сообщает о принятых мерах.' },
  { title: 'Замена оборудования вместо ремонта', category: 'Гарантия', tags: ['гарантия', 'замена'], body: 'Замена оборудования по гарантии производится при повторной неисправности того же узла в течение 30 дней после ремонта или если ремонт невозможен. Решение принимает служба качества с заключением сервисной службы.' },
  { title: 'Компенсация испорченного товара', category: 'Претензии', tags: ['компенсация', 'юрист'], body: 'Требование компенсировать товар, испорченный из-за неисправности оборудования, рассматривается с юридическим отделом. Нужны: акт списания товара, показания контроллера или журнал температуры, заключение инженера. Срок ответа - 10 рабочих дней.' },
];

interface DemoComplaint {
  subject: string; text: string; source: ComplaintSource; departments: string[]; status: ComplaintStatus;
  /** Working days ago it came in (roughly). */
  daysAgo: number; decision?: { kind: DecisionKind; text: string; cite: number };
}

const DEMO_COMPLAINTS: DemoComplaint[] = [
  { subject: 'Витрина не держит температуру', text: 'Третий день в витрине +9, товар портится.', source: 'phone', departments: ['service'], status: 'registered', daysAgo: 0 },
  { subject: 'Шумит компрессор после ремонта', text: 'После гарантийного ремонта компрессор гудит ночью.', source: 'hotline', departments: ['service'], status: 'in-work', daysAgo: 1 },
  { subject: 'Повреждена дверь ларя при доставке', text: 'Водитель уехал, акт не составили. Есть фото.', source: 'email', departments: ['sales', 'service'], status: 'waiting', daysAgo: 2 },
  { subject: 'Требуем компенсацию испорченного товара', text: 'Камера отключилась в выходные, списали товар на 180 000 ₽.', source: 'letter', departments: ['legal', 'service'], status: 'in-work', daysAgo: 6 },
  { subject: 'Опоздание монтажной бригады', text: 'Бригада приехала на 4 часа позже, павильон был закрыт.', source: 'phone', departments: ['service'], status: 'registered', daysAgo: 5 },
  { subject: 'Ошибка в счёте', text: 'В счёте неверный КПП, бухгалтерия не может оплатить.', source: 'email', departments: ['sales'], status: 'decided', daysAgo: 3, decision: { kind: 'satisfied', text: 'Счёт перевыставлен с верным КПП, прежний аннулирован.', cite: 12 } },
  { subject: 'Гарантийный ремонт витрины', text: 'Просим отремонтировать витрину по гарантии, не охлаждает нижняя полка.', source: 'visit', departments: ['service'], status: 'closed', daysAgo: 8, decision: { kind: 'partly', text: 'Ремонт выполнен по гарантии; чистка конденсатора оплачивается отдельно.', cite: 0 } },
  { subject: 'Грубость менеджера по телефону', text: 'Менеджер разговаривал грубо и бросил трубку.', source: 'hotline', departments: ['sales'], status: 'waiting', daysAgo: 5 },
  { subject: 'Нет закрывающих документов', text: 'Не пришли акты за монтаж.', source: 'portal', departments: [], status: 'decided', daysAgo: 2, decision: { kind: 'refused', text: 'Документы отправлены через ЭДО в день отгрузки; направили повторно.', cite: 14 } },
  { subject: 'Течь воды под витриной', text: 'Под витриной лужа каждое утро.', source: 'phone', departments: ['service'], status: 'in-work', daysAgo: 4 },
];

const DAY = 24 * 3600 * 1000;

/** Writes the articles and `rounds` times the demo complaints (later rounds: other clients, a few days older). */
export async function writeDemoComplaints(em: EntityManager, now: Date, rounds = 1): Promise<void> {
  const quality = await em.findOne(Employee, { email: demoEmail('quality') });
  if (!quality) return;
  const articles = DEMO_ARTICLES.map((a, i) => {
    const at = new Date(now.getTime() - (60 - i) * DAY);
    const article = em.create(KbArticle, { id: crypto.randomUUID(), ...a, author: quality, createdAt: at, updatedBy: quality, updatedAt: at });
    em.create(KbArticleRevision, { id: crypto.randomUUID(), article, version: 1, ...a, by: quality, at });
    return article;
  });
  const departments = await em.find(Department, {});
  const { rows: clients } = await sql<{ id: string; name: string }>`select id, name from client order by inn, id limit ${40 * rounds}`.execute(em.getKysely());
  const cal = buildRussianCalendar({ years: [now.getUTCFullYear() - 1, now.getUTCFullYear(), now.getUTCFullYear() + 1], timeZone: DEMO_CALENDAR.timeZone, overrides: DEMO_CALENDAR.overrides });
  const plan = Array.from({ length: rounds }, (_, round) => DEMO_COMPLAINTS.map((d) => ({ ...d, daysAgo: d.daysAgo + round * 3 }))).flat();
  for (const [i, d] of plan.entries()) {
    const client = d.source === 'portal' ? undefined : clients[(i * 3) % Math.max(1, clients.length)];
    // Calendar days back, weekends included: "daysAgo" working days is about 1.4 times as many.
    const registeredAt = new Date(now.getTime() - Math.round(d.daysAgo * 1.4 * DAY) - 2 * 3600 * 1000);
    const budget = slaBudget(cal, registeredAt);
    const paused = d.status === 'waiting' || d.status === 'decided' || d.status === 'closed' ? new Date(Math.max(registeredAt.getTime() + 3600 * 1000, now.getTime() - DAY)) : null;
    const c = em.create(Complaint, {
      id: crypto.randomUUID(), number: `Ж-${String(i + 1).padStart(6, '0')}`, source: d.source, subject: d.subject, text: d.text, client: client?.id ?? null,
      contactName: client ? 'Контактное лицо клиента' : 'Ирина Смирнова', contactPhone: '+7 900 000-00-' + String(10 + i), contactEmail: client ? null : 'smirnova@example.ru', equipmentSerial: i % 2 ? `SN-2025-${1000 + i}` : null,
      status: d.status, registeredAt, slaBudgetMs: budget, pausedWorkMs: 0, dueAt: dueAfterPauses(cal, registeredAt, budget, 0), pausedSince: paused,
      decisionText: d.decision?.text ?? null, decisionKind: d.decision?.kind ?? null,
      decisionCitations: d.decision ? [{ articleId: articles[d.decision.cite]!.id, version: 1, title: articles[d.decision.cite]!.title }] : null,
      decidedBy: d.decision ? quality : null, decidedAt: d.decision ? paused : null, closedAt: d.status === 'closed' ? now : null,
      createdBy: quality, createdAt: registeredAt, updatedBy: quality, updatedAt: paused ?? registeredAt,
    });
    c.departments.set(departments.filter((dp) => d.departments.includes(dp.code)));
    em.create(ComplaintStatusChange, { id: crypto.randomUUID(), complaint: c, fromStatus: null, toStatus: 'registered', comment: null, by: quality, caseId: null, at: registeredAt });
    const path: ComplaintStatus[] = { registered: [], 'in-work': ['in-work'], waiting: ['in-work', 'waiting'], decided: ['in-work', 'decided'], closed: ['in-work', 'decided', 'closed'] }[d.status] as ComplaintStatus[];
    let prev: ComplaintStatus = 'registered';
    for (const [k, to] of path.entries()) {
      const at = to === 'in-work' ? new Date(registeredAt.getTime() + 3600 * 1000) : new Date((paused ?? now).getTime() + k * 60_000);
      em.create(ComplaintStatusChange, { id: crypto.randomUUID(), complaint: c, fromStatus: prev, toStatus: to, comment: to === 'waiting' ? 'Запросили фото и акт' : null, by: quality, caseId: null, at });
      prev = to;
    }
    if (paused) em.create(ComplaintClockPause, { id: crypto.randomUUID(), complaint: c, reason: d.status === 'waiting' ? 'waiting-client' : 'decided', fromAt: paused, toAt: null });
    em.create(ComplaintMessage, { id: crypto.randomUUID(), complaint: c, kind: 'to-client', author: quality, authorName: quality.fullName, text: 'Здравствуйте! Ваша жалоба зарегистрирована, ответим в течение трёх рабочих дней.', citations: [], at: new Date(registeredAt.getTime() + 30 * 60_000) });
    if (d.status === 'waiting') em.create(ComplaintMessage, { id: crypto.randomUUID(), complaint: c, kind: 'to-client', author: quality, authorName: quality.fullName, text: 'Пришлите, пожалуйста, фотографии и номер акта.', citations: [], at: paused! });
    if (d.departments.includes('service')) em.create(ComplaintMessage, { id: crypto.randomUUID(), complaint: c, kind: 'note', author: quality, authorName: quality.fullName, text: 'Сервис: нужен выезд инженера, проверить журнал температуры.', citations: [], at: new Date(registeredAt.getTime() + 45 * 60_000) });
  }
  await em.flush();
  await sql`select setval('complaint_number_seq', ${plan.length})`.execute(em.getKysely());
}
