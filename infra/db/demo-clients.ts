// The demo company's client base: the classification tree and a generated set of clients (shops,
// pavilions, cafés, warehouses buying refrigeration) with contact persons and a few interactions.
// Generated from a count by a seeded generator, so the same count always gives the same clients
// (stable screenshots and tests); INNs carry valid check digits, phones and INNs are unique.
import type { InferEntity, RequiredEntityData } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';
import { Client, ClientContact, ClientTag, Interaction } from '../../domain/entities/index.ts';
import type { ClientKind, ClientStage, InteractionKind, SourceChannel } from '../../domain/clients/entities.ts';
import { emailKey, phoneKeys } from '../../domain/clients/contact-keys.ts';

/** Root branches and their tags; "Крупный" has a sub-tag, so filtering by it takes its subtree. */
export const DEMO_TAG_TREE: { name: string; children: { name: string; children?: string[] }[] }[] = [
  { name: 'Интерес', children: [{ name: 'Горячий' }, { name: 'Тёплый' }, { name: 'Холодный' }] },
  { name: 'Лояльность', children: [{ name: 'Лояльный' }, { name: 'Нелояльный' }] },
  { name: 'Размер', children: [{ name: 'Крупный', children: ['Федеральная сеть'] }, { name: 'Средний' }, { name: 'Малый' }] },
  { name: 'Сегмент', children: [{ name: 'Магазин' }, { name: 'Павильон' }, { name: 'Общепит' }, { name: 'Склад' }] },
];

/** The test template's company (infra/testing/global-setup.ts): small, and what the API tests count on. */
export const DEMO_CLIENT_COUNT = 24;
/** The company `npm start` writes on a fresh machine: a client base a seller would recognise. */
export const DEMO_COMPANY_CLIENT_COUNT = 300;

/** mulberry32: a small seeded generator, so "random" demo data is the same on every machine. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const check = (digits: string, weights: number[]) => String((weights.reduce((s, w, i) => s + w * Number(digits[i]), 0) % 11) % 10);
const legalInn = (nine: string) => nine + check(nine, [2, 4, 10, 3, 5, 9, 4, 6, 8]);
function personalInn(ten: string): string {
  const eleven = ten + check(ten, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]);
  return eleven + check(eleven, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]);
}

const ADJECTIVES = ['Северный', 'Полярный', 'Свежий', 'Южный', 'Уральский', 'Волжский', 'Столичный', 'Восточный'];
const NOUNS = ['Холод', 'Продукт', 'Маркет', 'Двор', 'Склад', 'Вкус', 'Урожай', 'Берег'];
const SLUGS = ['sever', 'polar', 'fresh', 'yug', 'ural', 'volga', 'stolica', 'vostok'];
const SURNAMES = [['Смирнов', 'Смирнова'], ['Кузьмин', 'Кузьмина'], ['Орлов', 'Орлова'], ['Зайцев', 'Зайцева'], ['Белов', 'Белова'], ['Ковалёв', 'Ковалёва'], ['Соловьёв', 'Соловьёва'], ['Григорьев', 'Григорьева']] as const;
const MEN = [['Алексей', 'Алексеевич'], ['Игорь', 'Игоревич'], ['Сергей', 'Сергеевич'], ['Михаил', 'Михайлович']] as const;
const WOMEN = [['Анна', 'Петровна'], ['Светлана', 'Игоревна'], ['Наталья', 'Сергеевна'], ['Ольга', 'Викторовна']] as const;
// Names past the first 64 (which keep the test company's names): other words and legal forms, so a
// few hundred organisations read like a real client base instead of numbered copies.
const FORMS = ['ООО', 'АО', 'ООО ТД', 'ООО ПК'];
const ADJECTIVES_2 = ['Невский', 'Сибирский', 'Балтийский', 'Окский', 'Донской', 'Камский', 'Заречный', 'Лесной', 'Приокский', 'Верхневолжский', 'Красный', 'Ясный', 'Белый', 'Зелёный', 'Торговый', 'Городской', 'Домашний', 'Фермерский', 'Таёжный', 'Луговой', 'Снежный', 'Озёрный', 'Степной', 'Мещерский'];
const NOUNS_2 = ['Квартал', 'Дом', 'Ряд', 'Край', 'Двор', 'Погребок', 'Базар', 'Привоз', 'Ледник', 'Гастроном', 'Амбар', 'Кооператив', 'Терем', 'Колос', 'Причал', 'Очаг'];
const SLUGS_2 = ['nevsky', 'sibir', 'baltika', 'oka', 'don', 'kama', 'zarechye', 'les', 'priokye', 'verhvolga', 'krasny', 'yasny', 'bely', 'zeleny', 'torg', 'gorod', 'dom', 'fermer', 'taiga', 'lug', 'sneg', 'ozero', 'step', 'meshchera'];
const REGIONS_2 = ['Москва', 'Московская область', 'Тульская область', 'Владимирская область', 'Рязанская область', 'Ярославская область', 'Санкт-Петербург', 'Ленинградская область', 'Нижегородская область', 'Тверская область', 'Калужская область', 'Смоленская область'];
const POSITIONS = ['Директор', 'Управляющий магазином', 'Главный бухгалтер', 'Менеджер по закупкам', 'Главный инженер'];
const REGIONS = ['Москва', 'Московская область', 'Тверская область', 'Калужская область', 'Санкт-Петербург'];
const SEGMENTS = [['Магазин', 'магазин продуктов'], ['Павильон', 'павильон на рынке'], ['Общепит', 'кафе'], ['Склад', 'оптовый склад']] as const;
const CHANNELS: SourceChannel[] = ['recommendation', 'exhibition', 'website', 'cold-call', 'advertising', 'incoming-call', 'mailing', 'partner'];
const EVENTS = ['Открывает второй павильон', 'Старая витрина вышла из строя', 'Ремонт торгового зала', 'Переезд на новую площадку', 'Расширение ассортимента заморозки', null];
const INTERESTS: [string, string][] = [
  ['Холодильные витрины, 3 шт.', 'Заменить витрины, которые часто ломаются'],
  ['Морозильные лари', 'Летний сезон мороженого'],
  ['Холодильная камера', 'Хранение запаса на выходные'],
  ['Сервисный договор', 'Гарантия поставщика закончилась'],
];
/** Who owns the demo clients: the sellers, and a few the head of sales keeps himself. */
const OWNERS = ['seller1', 'seller2', 'seller3', 'seller1', 'seller2', 'sales.head'];

export interface DemoContact {
  fullName: string;
  position: string;
  phones: string[];
  email: string | null;
  birthday: { day: number; month: number; year: number | null };
  isPrimary: boolean;
}

export interface DemoClient {
  name: string;
  kind: ClientKind;
  inn: string;
  kpp: string | null;
  legalAddress: string;
  region: string;
  phones: string[];
  email: string | null;
  website: string | null;
  sourceChannel: SourceChannel;
  triggeringEvent: string | null;
  interest: string;
  interestReason: string;
  probability: number;
  stage: ClientStage;
  owner: string;
  tags: string[];
  contacts: DemoContact[];
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const phoneOf = (n: number) => `+7 (9${pad(Math.floor(n / 10_000_000) % 100, 2)}) ${pad(Math.floor(n / 10_000) % 1000, 3)}-${pad(Math.floor(n / 100) % 100, 2)}-${pad(n % 100, 2)}`;

/** `count` clients, the same ones for the same count. */
export function demoClients(count: number): DemoClient[] {
  const rnd = seeded(20261124);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const out: DemoClient[] = [];
  for (let i = 1; i <= count; i++) {
    const kind: ClientKind = i % 6 === 0 ? 'sole-trader' : i % 11 === 0 ? 'person' : 'legal';
    const [segment, segmentWords] = SEGMENTS[i % SEGMENTS.length]!;
    const picked = pick(REGIONS);
    const region = i > 64 ? REGIONS_2[(i * 7) % REGIONS_2.length]! : picked;
    const [man, woman] = [pick(MEN), pick(WOMEN)];
    const surname = pick(SURNAMES);
    const a = (i - 1) % ADJECTIVES.length;
    const n = Math.floor((i - 1) / ADJECTIVES.length) % NOUNS.length;
    // Past 64: 24 x 16 word pairs, distinct for the next 384 clients; only beyond those a number.
    const a2 = (i - 65) % ADJECTIVES_2.length;
    const n2 = Math.floor((i - 65) / ADJECTIVES_2.length) % NOUNS_2.length;
    const organisation = i <= 64 ? `ООО «${ADJECTIVES[a]} ${NOUNS[n]}»` : `${FORMS[i % FORMS.length]} «${ADJECTIVES_2[a2]} ${NOUNS_2[n2]}»${i > 64 + 384 ? ` ${i}` : ''}`;
    const name = kind === 'legal' ? organisation : kind === 'sole-trader' ? `ИП ${surname[0]} ${man[0][0]}. ${man[1][0]}.` : `${surname[1]} ${woman[0]} ${woman[1]}`;
    const inn = kind === 'legal' ? legalInn(`5027${pad(i, 5)}`) : personalInn(`5027${pad(i, 6)}`);
    const stage: ClientStage = (['potential', 'potential', 'one-time', 'regular', 'regular', 'lost'] as const)[i % 6]!;
    const interest = INTERESTS[i % INTERESTS.length]!;
    const heat = stage === 'lost' ? 'Холодный' : i % 3 === 0 ? 'Горячий' : i % 3 === 1 ? 'Тёплый' : 'Холодный';
    const size = i % 8 === 1 ? 'Федеральная сеть' : i % 4 === 0 ? 'Крупный' : i % 2 === 0 ? 'Средний' : 'Малый';
    const tags = [heat, size, segment, ...(stage === 'regular' ? ['Лояльный'] : stage === 'lost' ? ['Нелояльный'] : [])];
    const slug = i <= 64 ? `${SLUGS[a]}${i}` : `${SLUGS_2[a2]}-${i}`;
    const contacts: DemoContact[] = [
      { fullName: `${surname[0]} ${man[0]} ${man[1]}`, position: pick(POSITIONS), phones: [phoneOf(160_000_000 + i * 2)], email: kind === 'legal' ? `director@${slug}.ru` : null, birthday: { day: 1 + (i * 7) % 28, month: 1 + (i * 5) % 12, year: i % 3 === 0 ? 1970 + (i % 25) : null }, isPrimary: true },
    ];
    if (i % 2 === 0) contacts.push({ fullName: `${surname[1]} ${woman[0]} ${woman[1]}`, position: 'Менеджер по закупкам', phones: [phoneOf(160_000_001 + i * 2)], email: kind === 'legal' ? `zakupki@${slug}.ru` : null, birthday: { day: 1 + (i * 3) % 28, month: 1 + (i * 7) % 12, year: null }, isPrimary: false });
    out.push({
      name, kind, inn, kpp: kind === 'legal' ? `5027${pad(i % 100, 2)}001` : null,
      legalAddress: `${region}, ул. ${pick(['Ленина', 'Садовая', 'Промышленная', 'Центральная'])}, д. ${1 + (i % 40)} (${segmentWords})`,
      region, phones: [phoneOf(150_000_000 + i)], email: kind === 'legal' ? `info@${slug}.ru` : null, website: kind === 'legal' ? `${slug}.ru` : null,
      sourceChannel: CHANNELS[i % CHANNELS.length]!, triggeringEvent: EVENTS[i % EVENTS.length]!, interest: interest[0], interestReason: interest[1],
      probability: stage === 'lost' ? 0 : Math.round(rnd() * 18) * 5 + 10, stage, owner: OWNERS[i % OWNERS.length]!, tags, contacts,
    });
  }
  return out;
}

const DAY = 24 * 3600 * 1000;

const SUBJECTS: Record<InteractionKind, string[]> = {
  call: ['Уточнить потребность', 'Напомнить о предложении', 'Звонок по сервисному договору', 'Согласовать дату поставки'],
  meeting: ['Встреча у клиента', 'Осмотр площадки под оборудование', 'Переговоры по договору'],
  demonstration: ['Демонстрация витрины в шоуруме', 'Показ морозильных ларей'],
  email: ['Отправить коммерческое предложение', 'Отправить спецификацию'],
  letter: ['Письмо с каталогом', 'Официальное письмо о сроках'],
};
const REPORTS = ['Клиенту интересно, просит показать оборудование.', 'Ждут бюджет на следующий квартал.', 'Сравнивают с предложением конкурента, просят скидку.', 'Согласовали спецификацию, нужен договор.', 'Не дозвонились с первого раза, перезвонили вечером.'];
const KINDS: InteractionKind[] = ['call', 'meeting', 'call', 'demonstration', 'email', 'call', 'letter'];

/**
 * Interactions of a client past the test company's (index >= DEMO_CLIENT_COUNT): one to three done
 * in the last three weeks and, for most live clients, one planned in the next two weeks - about one
 * in eight of those planned ones already a day or two late (the calendar shows them red).
 */
function writeScaleInteractions(out: InteractionRow[], c: { client: string; contact: string; owner: string; interest: string; lost: boolean }, i: number, today: number, now: Date): void {
  const hour = 3600 * 1000;
  const done = c.lost ? 1 : 1 + (i % 3);
  for (let k = 0; k < done; k++) {
    const kind = KINDS[(i + k) % KINDS.length]!;
    const at = new Date(today - (1 + ((i * 3 + k * 7) % 20)) * DAY + ((i + k) % 8) * hour);
    out.push({
      id: crypto.randomUUID(), client: c.client, contact: c.contact, employee: c.owner, kind, status: 'done', at, durationMinutes: kind === 'call' ? 10 + (i % 20) : 60,
      subject: SUBJECTS[kind][(i + k) % SUBJECTS[kind].length]!, report: `${c.interest}. ${REPORTS[(i + k) % REPORTS.length]}`, result: k === done - 1 && !c.lost ? 'Договорились о следующем контакте' : null,
      nextContactAt: null, completedAt: at, createdBy: c.owner, createdAt: now, updatedAt: now,
    });
  }
  if (c.lost || i % 4 === 3) return;
  const kind = KINDS[(i * 5) % KINDS.length]!;
  const offsetDays = i % 8 === 5 ? -(1 + (i % 2)) : 1 + (i % 14);
  const at = new Date(today + offsetDays * DAY + (i % 9) * hour);
  out.push({
    id: crypto.randomUUID(), client: c.client, contact: c.contact, employee: c.owner, kind, status: 'planned', at, durationMinutes: kind === 'call' ? 15 : 60,
    subject: SUBJECTS[kind][i % SUBJECTS[kind].length]!, report: null, result: null, nextContactAt: null, completedAt: null, createdBy: c.owner, createdAt: now, updatedAt: now,
  });
}

/** Writes the tag tree and `count` clients; a few get a done call and a planned meeting around `now`. */
export async function writeDemoClients(em: EntityManager, employeeIds: ReadonlyMap<string, string>, now: Date, count = DEMO_CLIENT_COUNT): Promise<void> {
  const tagIds = new Map<string, string>();
  const addTag = (name: string, parent: string | null) => {
    const tag = em.create(ClientTag, { id: crypto.randomUUID(), name, parent, createdAt: now });
    tagIds.set(name, tag.id);
    return tag.id;
  };
  for (const root of DEMO_TAG_TREE) {
    const rootId = addTag(root.name, null);
    for (const child of root.children) {
      const childId = addTag(child.name, rootId);
      for (const grandchild of child.children ?? []) addTag(grandchild, childId);
    }
  }
  // Meetings at 10:00 Moscow time on the following days; calls done on the days before.
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + 7 * 3600 * 1000;
  const kinds: InteractionKind[] = ['meeting', 'demonstration', 'call'];
  await em.flush();
  // Rows written in bulk (multi-row inserts, no unit of work to track): a few hundred clients
  // with their contacts, tags and interactions cost one statement per table, not seconds.
  const clients: ClientRow[] = [];
  const contactRows: ContactRow[] = [];
  const interactions: InteractionRow[] = [];
  const links: { client: string[]; tag: string[] } = { client: [], tag: [] };
  demoClients(count).forEach((d, i) => {
    const owner = employeeIds.get(d.owner)!;
    const { contacts, tags, owner: _owner, ...fields } = d;
    const client = {
      id: crypto.randomUUID(), ...fields, notes: null, phoneKeys: phoneKeys(d.phones), emailKey: d.email === null ? null : emailKey(d.email),
      owner, createdBy: owner, createdAt: now, updatedBy: owner, updatedAt: now,
    };
    clients.push(client);
    for (const t of tags) {
      links.client.push(client.id);
      links.tag.push(tagIds.get(t)!);
    }
    const contactIds = contacts.map((c) => push(contactRows, {
      id: crypto.randomUUID(), client: client.id, fullName: c.fullName, position: c.position, phones: c.phones, phoneKeys: phoneKeys(c.phones), email: c.email,
      emailKey: c.email === null ? null : emailKey(c.email), birthDay: c.birthday.day, birthMonth: c.birthday.month, birthYear: c.birthday.year,
      notes: null, isPrimary: c.isPrimary, createdAt: now, updatedAt: now,
    }).id);
    if (i >= DEMO_CLIENT_COUNT) {
      writeScaleInteractions(interactions, { client: client.id, contact: contactIds[0]!, owner, interest: d.interest, lost: d.stage === 'lost' }, i, today, now);
      return;
    }
    if (i >= 12 || d.stage === 'lost') return;
    interactions.push({
      id: crypto.randomUUID(), client: client.id, contact: contactIds[0]!, employee: owner, kind: 'call', status: 'done', at: new Date(today - (1 + (i % 4)) * DAY),
      durationMinutes: 15, subject: 'Первичный звонок', report: `Обсудили: ${d.interest.toLowerCase()}. Клиенту интересно, просит показать оборудование.`, result: 'Договорились о встрече',
      nextContactAt: new Date(today + (1 + (i % 5)) * DAY), completedAt: new Date(today - (1 + (i % 4)) * DAY), createdBy: owner, createdAt: now, updatedAt: now,
    });
    interactions.push({
      id: crypto.randomUUID(), client: client.id, contact: contactIds[0]!, employee: owner, kind: kinds[i % kinds.length]!, status: 'planned', at: new Date(today + (1 + (i % 5)) * DAY + (i % 3) * 3600 * 1000),
      durationMinutes: 60, subject: kinds[i % kinds.length] === 'demonstration' ? 'Демонстрация витрины в шоуруме' : 'Встреча у клиента', report: null, result: null, nextContactAt: null,
      completedAt: null, createdBy: owner, createdAt: now, updatedAt: now,
    });
  });
  await em.insertMany(Client, clients);
  await sql`insert into client_tag_link (client_id, client_tag_id) select * from unnest(${links.client}::uuid[], ${links.tag}::uuid[])`.execute(em.getKysely());
  await em.insertMany(ClientContact, contactRows);
  await em.insertMany(Interaction, interactions);
}

type ClientRow = RequiredEntityData<InferEntity<typeof Client>>;
type ContactRow = RequiredEntityData<InferEntity<typeof ClientContact>> & { id: string };
type InteractionRow = RequiredEntityData<InferEntity<typeof Interaction>>;
const push = <T>(list: T[], row: T): T => (list.push(row), row);
