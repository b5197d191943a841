// Client cards through the API on the real database: duplicates caught on create (INN, a phone in
// another format, an e-mail in another case, a contact person's phone) and created once confirmed;
// a change on a stale version refused with the current card and nothing changed; who sees whose
// clients; the tag filter taking sub-tags; contact persons; bad input named by field; the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry, Employee } from '../../domain/entities/index.ts';
import { demoEmail } from '../../infra/db/demo-data.ts';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';

type Duplicate = { id: string; name: string; owner: { id: string; name: string }; matched: { field: string; via: string; value: string; contactName: string | null }[] };
type Card = {
  id: string; name: string; version: number; inn: string | null; phones: string[]; email: string | null; owner: { id: string }; stage: string; notes: string | null;
  tags: { id: string; name: string }[]; contacts: { id: string; fullName: string; isPrimary: boolean; version: number; birthday: unknown }[]; rights: { write: boolean; reassign: boolean };
};
type Problem = { status: number; detail: string; problems?: { path: string; message: string }[]; duplicates?: Duplicate[]; current?: Card };
type Page = { items: { id: string; name: string; tags: { name: string }[] }[]; total: number };
type Tag = { id: string; name: string; parentId: string | null; path: string[] };

let s: TestStack;
const id: Record<string, string> = {};
let tags: Tag[];
const tag = (name: string) => tags.find((t) => t.name === name)!.id;

const create = (as: string, body: Record<string, unknown>) => s.call<Card & Problem>('POST', '/api/clients', { as, body });
const card = (as: string, clientId: string) => s.call<Card & Problem>('GET', `/api/clients/${clientId}`, { as });
const patch = (as: string, clientId: string, body: Record<string, unknown>) => s.call<Card & Problem>('PATCH', `/api/clients/${clientId}`, { as, body });
const list = (as: string, query = '') => s.call<Page>('GET', `/api/clients${query}`, { as });

let original: Card;

beforeAll(async () => {
  s = await startTestStack();
  for (const key of ['seller1', 'seller2', 'seller3', 'sales.head', 'engineer1']) id[key] = (await s.em().findOneOrFail(Employee, { email: demoEmail(key) })).id;
  tags = (await s.call<{ items: Tag[] }>('GET', '/api/client-tags', { as: 'seller1' })).body.items;
  const res = await create('seller1', {
    name: 'ООО «Холодок»', kind: 'legal', inn: '7707083893', kpp: '773601001', phones: ['+7 (495) 111-22-33'], email: 'Office@Holodok.ru', region: 'Москва',
    sourceChannel: 'exhibition', triggeringEvent: 'Открывает второй магазин', interest: 'Витрины', interestReason: 'Старые ломаются', probability: 40,
    tagIds: [tag('Горячий'), tag('Федеральная сеть')],
    contacts: [{ fullName: 'Смирнова Анна Петровна', position: 'Директор', phones: ['8 903 555 44 33'], email: 'anna@holodok.ru', birthday: { day: 29, month: 2 }, isPrimary: true }],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  original = res.body;
});
afterAll(async () => s?.close());

describe('creating a client', () => {
  it('answers with the card: owner, tags, contact persons with their birthdays, version 1', () => {
    expect(original).toMatchObject({ name: 'ООО «Холодок»', version: 1, owner: { id: id['seller1'] }, stage: 'potential', rights: { write: true, reassign: false } });
    expect(original.tags.map((t) => t.name).sort()).toEqual(['Горячий', 'Федеральная сеть']);
    expect(original.contacts).toEqual([expect.objectContaining({ fullName: 'Смирнова Анна Петровна', isPrimary: true, birthday: { day: 29, month: 2, year: null } })]);
  });

  it.each([
    ['the same INN', { inn: '7707083893' }, { field: 'inn', via: 'client', value: '7707083893' }],
    ['the same phone in another format', { phones: ['8-495-111-22-33'] }, { field: 'phone', via: 'client', value: '74951112233' }],
    ['the same e-mail in another case', { email: 'OFFICE@holodok.RU' }, { field: 'email', via: 'client' }],
    ['a contact person\'s phone', { phones: ['+79035554433'] }, { field: 'phone', via: 'contact', contactName: 'Смирнова Анна Петровна' }],
    ['a new contact person\'s e-mail', { contacts: [{ fullName: 'Кто-то', email: 'Anna@Holodok.ru' }] }, { field: 'email', via: 'contact' }],
  ])('refuses %s with 409 naming the client and its owner, then creates it when confirmed', async (_what, fields, match) => {
    const body = { name: `Новый клиент ${crypto.randomUUID()}`, kind: 'legal', ...fields };
    const refused = await create('seller2', body);
    expect(refused.status).toBe(409);
    expect(refused.body.duplicates).toEqual([{ id: original.id, name: 'ООО «Холодок»', owner: { id: id['seller1'], name: 'Дмитрий Иванов' }, matched: [expect.objectContaining(match)] }]);
    expect((await list('admin', `?q=${encodeURIComponent(body.name)}`)).body.total).toBe(0);
    const confirmed = await create('seller2', { ...body, confirmDuplicate: true });
    expect(confirmed.status).toBe(201);
    expect(confirmed.body.owner.id).toBe(id['seller2']);
  });

  it('warns while typing: GET /api/clients/duplicates', async () => {
    const found = await s.call<{ items: Duplicate[] }>('GET', `/api/clients/duplicates?phone=${encodeURIComponent('+7 903 555-44-33')}`, { as: 'seller3' });
    expect(found.body.items.find((d) => d.id === original.id)?.matched).toEqual([expect.objectContaining({ field: 'phone', via: 'contact' })]);
    expect((await s.call<{ items: Duplicate[] }>('GET', '/api/clients/duplicates?inn=7736207543', { as: 'seller3' })).body.items).toEqual([]);
  });

  it('checks the INN and KPP against the kind, naming the field', async () => {
    const bad = async (body: Record<string, unknown>) => (await create('seller1', { name: 'Проверка', ...body })).body.problems?.map((p) => p.path);
    expect(await bad({ kind: 'legal', inn: '7707083894' })).toEqual(['inn']);
    expect(await bad({ kind: 'sole-trader', inn: '7736207543' })).toEqual(['inn']);
    expect(await bad({ kind: 'sole-trader', inn: '500100732259', kpp: '773601001' })).toEqual(['kpp']);
    expect(await bad({ kind: 'legal', inn: '12345' })).toEqual(['inn']);
    expect(await bad({ kind: 'legal', phones: ['позвонить'] })).toEqual(['phones[0]']);
    expect(await bad({ kind: 'legal', probability: 101 })).toEqual(['probability']);
    expect(await bad({ kind: 'shop' })).toEqual(['kind']);
    expect(await bad({ kind: 'legal', contacts: [{ fullName: 'X', birthday: { day: 30, month: 2 } }] })).toEqual(['contacts[0].birthday.day']);
    expect(await bad({ kind: 'legal', surprise: 1 })).toEqual(['(root)']);
    expect((await create('seller1', { name: 'Проверка', kind: 'legal', tagIds: [crypto.randomUUID()] })).status).toBe(422);
  });

  it('lets a seller own only their own clients; a manager assigns to their reports', async () => {
    expect((await create('seller1', { name: 'Чужой', kind: 'person', ownerId: id['seller2'] })).status).toBe(403);
    const byHead = await create('sales.head', { name: 'Для Павла', kind: 'person', ownerId: id['seller3'] });
    expect(byHead.status).toBe(201);
    expect(byHead.body.owner.id).toBe(id['seller3']);
    expect((await create('sales.head', { name: 'Для инженера', kind: 'person', ownerId: id['engineer1'] })).status).toBe(403);
  });
});

describe('who sees a client', () => {
  it('its owner, the owner\'s managers, management, admin and quality; others get 404 and do not list it', async () => {
    for (const who of ['seller1', 'sales.head', 'director', 'admin', 'quality']) expect((await card(who, original.id)).status, who).toBe(200);
    for (const who of ['seller2', 'engineer1', 'service.head', 'designer']) expect((await card(who, original.id)).status, who).toBe(404);
    expect((await list('seller2', '?q=Холодок')).body.total).toBe(0);
    expect((await list('sales.head', '?q=Холодок')).body.items.map((c) => c.id)).toContain(original.id);
    // seller2's list holds only seller2's clients, and its total agrees.
    const mine = await list('seller2', '?limit=200');
    expect(mine.body.total).toBe(mine.body.items.length);
    expect((await s.call<{ items: { owner: { id: string } }[] }>('GET', '/api/clients?limit=200', { as: 'seller2' })).body.items.every((c) => c.owner.id === id['seller2'])).toBe(true);
  });

  it('changes: owner and managers yes; quality reads only; 404 for the unseen', async () => {
    expect((await patch('quality', original.id, { version: 1, notes: 'Жалоба' })).status).toBe(403);
    expect((await patch('seller2', original.id, { version: 1, notes: 'Моё' })).status).toBe(404);
    expect((await card('seller1', original.id)).body.version).toBe(1);
  });

  it('gives a client to another owner: the owner\'s managers may, the owner may not', async () => {
    const c = (await create('seller1', { name: 'Передаваемый', kind: 'person' })).body;
    expect((await patch('seller1', c.id, { version: 1, ownerId: id['seller2'] })).status).toBe(403);
    const moved = await patch('sales.head', c.id, { version: 1, ownerId: id['seller2'] });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ owner: { id: id['seller2'] }, version: 2 });
    expect((await card('seller1', c.id)).status).toBe(404);
    expect((await card('seller2', c.id)).status).toBe(200);
  });
});

describe('changing a client on a version', () => {
  it('saves on the current version and refuses a stale one with the current card, changing nothing', async () => {
    const c = (await create('seller1', { name: 'Версионный', kind: 'legal', notes: 'первое' })).body;
    const first = await patch('seller1', c.id, { version: 1, notes: 'второе', stage: 'one-time' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ notes: 'второе', stage: 'one-time', version: 2 });
    const stale = await patch('sales.head', c.id, { version: 1, notes: 'третье' });
    expect(stale.status).toBe(409);
    expect(stale.body.problems).toEqual([expect.objectContaining({ path: 'version' })]);
    expect(stale.body.current).toMatchObject({ id: c.id, notes: 'второе', version: 2 });
    expect((await card('seller1', c.id)).body).toMatchObject({ notes: 'второе', version: 2 });
  });

  it('checks a new phone for duplicates, and replaces the tags', async () => {
    const c = (await create('seller1', { name: 'Меняет телефон', kind: 'person' })).body;
    const dup = await patch('seller1', c.id, { version: 1, phones: ['(495) 111 22 33'] });
    expect(dup.status).toBe(409);
    // The card of the first test, and the duplicate confirmed with this phone above.
    expect(dup.body.duplicates?.map((d) => d.id)).toContain(original.id);
    const ok = await patch('seller1', c.id, { version: 1, phones: ['(495) 111 22 33'], confirmDuplicate: true, tagIds: [tag('Холодный')] });
    expect(ok.status).toBe(200);
    expect(ok.body.tags.map((t) => t.name)).toEqual(['Холодный']);
    expect((await patch('seller1', c.id, { version: 2, inn: '123' })).body.problems?.[0]?.path).toBe('inn');
    expect((await patch('seller1', c.id, { notes: 'без версии' })).body.problems?.[0]?.path).toBe('version');
  });
});

describe('the client list', () => {
  it('filters by a tag with its sub-tags, and by several branches at once', async () => {
    const large = await list('admin', `?tagId=${tag('Крупный')}&limit=200`);
    expect(large.body.items.map((c) => c.id)).toContain(original.id); // tagged "Федеральная сеть", under "Крупный"
    expect(large.body.items.every((c) => c.tags.some((t) => ['Крупный', 'Федеральная сеть'].includes(t.name)))).toBe(true);
    const hotAndLarge = await list('admin', `?tagId=${tag('Крупный')}&tagId=${tag('Горячий')}&limit=200`);
    expect(hotAndLarge.body.items.map((c) => c.id)).toContain(original.id);
    expect(hotAndLarge.body.items.every((c) => c.tags.some((t) => t.name === 'Горячий'))).toBe(true);
    expect(hotAndLarge.body.total).toBeLessThan(large.body.total);
  });

  it('searches names, INN, contact names and phones; sorts; pages with a total', async () => {
    for (const q of ['холодок', '7707083893', 'Смирнова Анна', '89035554433', '555-44']) expect((await list('seller1', `?q=${encodeURIComponent(q)}`)).body.items.map((c) => c.id), q).toContain(original.id);
    const byName = (await list('admin', '?sort=name&limit=5')).body;
    expect(byName.items.map((c) => c.name)).toEqual([...byName.items.map((c) => c.name)].sort((a, b) => a.localeCompare(b, 'ru')));
    const page2 = (await list('admin', '?sort=-name&limit=5&offset=5')).body;
    expect(page2.total).toBe(byName.total);
    expect((await list('admin', '?stage=lost&limit=200')).body.items.length).toBeGreaterThan(0);
  });

  it('refuses bad filters naming them', async () => {
    for (const [query, path] of [['?sort=size', 'query.sort'], ['?tagId=hot', 'query.tagId'], ['?limit=0', 'query.limit'], ['?stage=vip', 'query.stage'], ['?ownerId=1', 'query.ownerId']]) {
      const res = await s.call<Problem>('GET', `/api/clients${query!}`, { as: 'seller1' });
      expect(res.status, query).toBe(400);
      expect(res.body.problems?.[0]?.path, query).toBe(path);
    }
  });
});

describe('contact persons', () => {
  it('adds, makes primary, changes on a version and removes', async () => {
    const c = (await create('seller1', { name: 'С контактами', kind: 'legal', contacts: [{ fullName: 'Первый', isPrimary: true }] })).body;
    const added = await s.call<{ id: string; isPrimary: boolean; version: number }>('POST', `/api/clients/${c.id}/contacts`, { as: 'seller1', body: { fullName: 'Второй', phones: ['+7 999 000-00-01'], birthday: { day: 5, month: 6, year: 1980 }, isPrimary: true } });
    expect(added.status).toBe(201);
    const contacts = (await card('seller1', c.id)).body.contacts;
    expect(contacts.filter((t) => t.isPrimary).map((t) => t.fullName)).toEqual(['Второй']);
    const path = `/api/clients/${c.id}/contacts/${added.body.id}`;
    expect((await s.call('PATCH', path, { as: 'seller1', body: { version: 1, position: 'Директор' } })).status).toBe(200);
    const stale = await s.call<Problem & { current: { position: string } }>('PATCH', path, { as: 'seller1', body: { version: 1, position: 'Бухгалтер' } });
    expect(stale.status).toBe(409);
    expect(stale.body.current.position).toBe('Директор');
    expect((await s.call<Problem>('PATCH', path, { as: 'seller1', body: { version: 2, birthday: { day: 31, month: 4 } } })).body.problems?.[0]?.path).toBe('birthday.day');
    expect((await s.call<Problem>('POST', `/api/clients/${c.id}/contacts`, { as: 'seller1', body: { position: 'Без имени' } })).body.problems?.[0]?.path).toBe('fullName');
    for (const [who, want] of [['seller2', 404], ['quality', 403], ['engineer1', 404]] as const) {
      expect((await s.call('POST', `/api/clients/${c.id}/contacts`, { as: who, body: { fullName: 'Чужой' } })).status, who).toBe(want);
      expect((await s.call('PATCH', path, { as: who, body: { version: 2, notes: 'x' } })).status, who).toBe(want);
      expect((await s.call('DELETE', path, { as: who })).status, who).toBe(want);
    }
    expect((await s.call('DELETE', path, { as: 'sales.head' })).status).toBe(204);
    expect((await s.call('DELETE', path, { as: 'sales.head' })).status).toBe(404);
    expect((await card('seller1', c.id)).body.contacts.map((t) => t.fullName)).toEqual(['Первый']);
  });
});

describe('the audit log', () => {
  it('records each change of a client with who, what and which fields', async () => {
    const c = (await create('seller1', { name: 'Аудируемый', kind: 'person' })).body;
    await patch('seller1', c.id, { version: 1, notes: 'заметка', stage: 'regular' });
    const contact = await s.call<{ id: string }>('POST', `/api/clients/${c.id}/contacts`, { as: 'seller1', body: { fullName: 'Контакт' } });
    await s.call('DELETE', `/api/clients/${c.id}/contacts/${contact.body.id}`, { as: 'seller1' });
    const entries = await s.em().find(AuditEntry, { $or: [{ targetId: c.id }, { targetId: contact.body.id }] }, { orderBy: { at: 'asc', id: 'asc' } });
    expect(entries.map((e) => [e.action, e.actorLabel])).toEqual([
      ['client.create', demoEmail('seller1')], ['client.update', demoEmail('seller1')], ['client.contact-add', demoEmail('seller1')], ['client.contact-remove', demoEmail('seller1')],
    ]);
    expect(entries[1]!.details).toMatchObject({ fields: ['notes', 'stage'], version: 2 });
    expect(entries[3]!.details).toEqual({ clientId: c.id });
  });
});

describe('not signed in, and integration keys', () => {
  it('answers 401 without a session and 403 to an integration key', async () => {
    expect((await s.call('GET', '/api/clients')).status).toBe(401);
    const key = await s.call<{ secret: string }>('POST', '/api/integration-keys', { as: 'admin', body: { name: 'Clients probe', scopes: { events: ['*'], cases: ['*'] } } });
    for (const [method, path] of [['GET', '/api/clients'], ['GET', `/api/clients/${original.id}`], ['GET', '/api/interactions'], ['GET', '/api/client-tags']] as const) {
      expect((await s.call(method, path, { token: key.body.secret })).status, path).toBe(403);
    }
  });
});
