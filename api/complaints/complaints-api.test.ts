// Complaints and the knowledge base through the API on the real database: registering (number,
// due in 3 working days), waiting for the client pausing the clock, the decision citing an article
// whose version is kept after the article changes, search by another Russian word form, who sees
// and who changes a complaint, bad input named by field, the route's updates, and the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintRouteUpdates } from '../../domain/complaints/route-updates.ts';
import { AuditEntry, Complaint, ComplaintStatusChange } from '../../domain/entities/index.ts';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';

type Clock = { dueAt: string; leftMs: number; usedMs: number; paused: boolean; overdue: boolean };
type Complaint = {
  id: string; number: string; status: string; version: number; clock: Clock; client: { id: string } | null; departments: { code: string }[];
  decisionKind: string | null; decisionText: string | null; decisionCitations: { articleId: string; version: number; title: string }[];
  history: { from: string | null; to: string; by: { id: string } | null; caseId: string | null }[]; pauses: { reason: string; to: string | null }[];
  messages: { kind: string; text: string; citations: { articleId: string; version: number }[] }[]; rights: { write: boolean; note: boolean };
};
type Problem = { status: number; problems?: { path: string; message: string }[]; current?: Complaint };
type Page = { items: Complaint[]; total: number };
type Hit = { id: string; title: { text: string; match: boolean }[]; fragment: { text: string; match: boolean }[]; version: number };

let s: TestStack;
let sellerClient: string;
const register = (as: string, body: Record<string, unknown>) => s.call<Complaint & Problem>('POST', '/api/complaints', { as, body });
const get = (as: string, id: string) => s.call<Complaint & Problem>('GET', `/api/complaints/${id}`, { as });
const list = (as: string, query = '') => s.call<Page & Problem>('GET', `/api/complaints${query}`, { as });
const paths = (res: { body: Problem }) => res.body.problems?.map((p) => p.path);

beforeAll(async () => {
  s = await startTestStack();
  const c = await s.call<{ id: string }>('POST', '/api/clients', { as: 'seller1', body: { name: `Жалобный ${crypto.randomUUID()}`, kind: 'person' } });
  sellerClient = c.body.id;
});
afterAll(async () => s?.close());

describe('registering and the SLA clock', () => {
  it('the quality officer registers a complaint: numbered, registered, due in 3 working days, involving service', async () => {
    const res = await register('quality', { source: 'phone', subject: 'Витрина течёт', text: 'Лужа под витриной', clientId: sellerClient, departments: ['service'], equipmentSerial: 'SN-1' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.number).toMatch(/^Ж-\d{6}$/);
    expect(res.body.status).toBe('registered');
    expect(res.body.departments.map((d) => d.code)).toEqual(['service']);
    expect(res.body.clock.leftMs).toBeGreaterThan(3 * 8 * 3_600_000 - 1);
    expect(new Date(res.body.clock.dueAt).getTime()).toBeGreaterThan(Date.now() + 2 * 24 * 3_600_000);
    expect(res.body.history.map((h) => h.to)).toEqual(['registered']);
  });

  it('waiting for the client pauses the clock; back in work it runs again and the due time moves on', async () => {
    const c = (await register('quality', { source: 'email', subject: 'Пауза', text: 'Текст', clientId: sellerClient })).body;
    const waiting = await s.call<Complaint & Problem>('POST', `/api/complaints/${c.id}/status`, { as: 'quality', body: { version: c.version, status: 'waiting', comment: 'Запросили фото' } });
    expect(waiting.status, JSON.stringify(waiting.body)).toBe(200);
    expect(waiting.body.clock.paused).toBe(true);
    expect(waiting.body.pauses).toEqual([expect.objectContaining({ reason: 'waiting-client', to: null })]);
    expect((await list('quality', `?status=waiting&q=${encodeURIComponent(c.number)}`)).body.items[0]?.clock.paused).toBe(true);
    const back = await s.call<Complaint>('POST', `/api/complaints/${c.id}/status`, { as: 'quality', body: { version: waiting.body.version, status: 'in-work' } });
    expect(back.body.clock.paused).toBe(false);
    expect(back.body.pauses[0]!.to).not.toBeNull();
    expect(new Date(back.body.clock.dueAt).getTime()).toBeGreaterThanOrEqual(new Date(c.clock.dueAt).getTime());
    expect(back.body.history.map((h) => h.to)).toEqual(['registered', 'waiting', 'in-work']);
    // Not allowed: closing without a decision; a stale version gets the current complaint.
    const closing = await s.call<Problem>('POST', `/api/complaints/${c.id}/status`, { as: 'quality', body: { version: back.body.version, status: 'closed' } });
    expect(closing.status).toBe(409);
    const stale = await s.call<Problem>('POST', `/api/complaints/${c.id}/status`, { as: 'quality', body: { version: c.version, status: 'waiting' } });
    expect(stale.status).toBe(409);
    expect(stale.body.current?.status).toBe('in-work');
  });

  it('the demo has complaints in every status, overdue ones and paused ones; overdue filter and time-left sort agree', async () => {
    for (const st of ['registered', 'in-work', 'waiting', 'decided', 'closed']) expect((await list('quality', `?status=${st}`)).body.total, st).toBeGreaterThan(0);
    const overdue = (await list('quality', '?overdue=true')).body;
    expect(overdue.total).toBeGreaterThan(0);
    expect(overdue.items.every((k) => k.clock.overdue)).toBe(true);
    const sorted = (await list('quality', '?sort=timeLeft&status=in-work')).body.items.map((k) => k.clock.leftMs);
    expect(sorted).toEqual([...sorted].sort((a, b) => a - b));
  });
});

describe('the knowledge base', () => {
  it('finds "гарантия" for "гарантийный": the warranty article ranks first, with the match highlighted', async () => {
    const res = await s.call<{ items: Hit[]; total: number }>('GET', `/api/kb/search?q=${encodeURIComponent('гарантийный')}`, { as: 'engineer1' });
    expect(res.status).toBe(200);
    expect(res.body.items[0]?.title.map((t) => t.text).join('')).toBe('Гарантия на холодильное оборудование');
    expect(res.body.items[0]?.title.some((t) => t.match && /гарант/i.test(t.text))).toBe(true);
    const faults = await s.call<{ items: Hit[] }>('GET', `/api/kb/search?q=${encodeURIComponent('шумит компрессора')}`, { as: 'seller1' });
    expect(faults.body.items[0]?.title.map((t) => t.text).join('')).toBe('Компрессор шумит или часто включается');
  });

  it('a decision cites an article; the citation keeps its version after the article changes', async () => {
    const hit = (await s.call<{ items: Hit[] }>('GET', `/api/kb/search?q=${encodeURIComponent('счёт с ошибкой')}`, { as: 'quality' })).body.items[0]!;
    const article = await s.call<{ id: string; version: number; title: string }>('POST', '/api/kb/articles', { as: 'quality', body: { title: 'Тестовая статья о возврате', body: 'Возврат денег за витрину', tags: ['возврат'], category: 'Тест' } });
    expect(article.status).toBe(201);
    const c = (await register('quality', { source: 'letter', subject: 'Цитата', text: 'Текст', contactName: 'Иван', contactPhone: '+7 900 123-45-67' })).body;
    const decided = await s.call<Complaint & Problem>('POST', `/api/complaints/${c.id}/decision`, { as: 'quality', body: { version: c.version, kind: 'partly', text: 'Вернём часть', citations: [{ articleId: article.body.id }, { articleId: hit.id }] } });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body.status).toBe('decided');
    expect(decided.body.clock.paused).toBe(true);
    expect(decided.body.decisionCitations[0]).toEqual({ articleId: article.body.id, version: 1, title: 'Тестовая статья о возврате' });
    const changed = await s.call<{ version: number }>('PATCH', `/api/kb/articles/${article.body.id}`, { as: 'quality', body: { version: 1, title: 'Возврат: новая редакция' } });
    expect(changed.body.version).toBe(2);
    expect((await get('seller1', c.id)).status).toBe(404); // no client, sales not involved
    const after = (await get('quality', c.id)).body;
    expect(after.decisionCitations[0]).toMatchObject({ version: 1, title: 'Тестовая статья о возврате' });
    const v1 = await s.call<{ title: string; version: number }>('GET', `/api/kb/articles/${article.body.id}?version=1`, { as: 'seller1' });
    expect(v1.body).toMatchObject({ title: 'Тестовая статья о возврате', version: 1 });
    const msg = await s.call<Complaint>('POST', `/api/complaints/${c.id}/messages`, { as: 'quality', body: { text: 'См. статью', citations: [{ articleId: article.body.id, version: 1 }] } });
    expect(msg.status).toBe(201);
    expect(msg.body.messages.at(-1)?.citations).toEqual([expect.objectContaining({ articleId: article.body.id, version: 1 })]);
    const missing = await s.call<Problem>('POST', `/api/complaints/${c.id}/messages`, { as: 'quality', body: { text: 'x', citations: [{ articleId: article.body.id, version: 9 }] } });
    expect(missing.status).toBe(422);
    expect(paths(missing)).toEqual(['citations[0]']);
  });

  it('only quality, management and admins write articles; a stale change is refused with the current article', async () => {
    expect((await s.call('POST', '/api/kb/articles', { as: 'seller1', body: { title: 'x', body: 'y', category: 'z' } })).status).toBe(403);
    const a = await s.call<{ id: string }>('POST', '/api/kb/articles', { as: 'director', body: { title: 'Статья', body: 'Текст', category: 'Тест' } });
    expect(a.status).toBe(201);
    expect((await s.call('PATCH', `/api/kb/articles/${a.body.id}`, { as: 'seller1', body: { version: 1, title: 'x' } })).status).toBe(403);
    await s.call('PATCH', `/api/kb/articles/${a.body.id}`, { as: 'admin', body: { version: 1, body: 'Новый текст' } });
    const stale = await s.call<{ current?: { version: number } }>('PATCH', `/api/kb/articles/${a.body.id}`, { as: 'quality', body: { version: 1, body: 'Другой' } });
    expect(stale.status).toBe(409);
    expect(stale.body.current?.version).toBe(2);
    const page = await s.call<{ items: { category: string }[]; total: number }>('GET', '/api/kb/articles?category=Тест&sort=-updatedAt', { as: 'engineer1' });
    expect(page.body.total).toBeGreaterThanOrEqual(2);
  });
});

describe('who sees and who changes a complaint', () => {
  it('a seller sees complaints of clients they see, and cannot change them; another seller does not see them', async () => {
    const c = (await register('quality', { source: 'phone', subject: 'Права', text: 'Текст', clientId: sellerClient })).body;
    const seen = await get('seller1', c.id);
    expect(seen.status).toBe(200);
    expect(seen.body.rights).toEqual({ write: false, note: false });
    expect((await get('sales.head', c.id)).status).toBe(200);
    expect((await get('seller2', c.id)).status).toBe(404);
    expect((await list('seller2', `?clientId=${sellerClient}`)).body.total).toBe(0);
    expect((await list('seller1', `?clientId=${sellerClient}`)).body.total).toBeGreaterThan(0);
    expect((await s.call('PATCH', `/api/complaints/${c.id}`, { as: 'seller1', body: { version: 1, subject: 'x' } })).status).toBe(403);
    expect((await s.call('POST', `/api/complaints/${c.id}/notes`, { as: 'seller1', body: { text: 'x' } })).status).toBe(403);
    expect((await register('seller1', { source: 'phone', subject: 'x', text: 'y', clientId: sellerClient })).status).toBe(403);
  });

  it('a member of an involved department sees the complaint and adds notes, but writes nothing to the client', async () => {
    const c = (await register('quality', { source: 'hotline', subject: 'Отдел', text: 'Текст', clientId: sellerClient })).body;
    expect((await get('lawyer', c.id)).status).toBe(404);
    const patched = await s.call<Complaint>('PATCH', `/api/complaints/${c.id}`, { as: 'quality', body: { version: c.version, departments: ['legal', 'service'] } });
    expect(patched.body.departments.map((d) => d.code)).toEqual(['legal', 'service']);
    const seen = await get('lawyer', c.id);
    expect(seen.status).toBe(200);
    expect(seen.body.rights).toEqual({ write: false, note: true });
    const note = await s.call<Complaint>('POST', `/api/complaints/${c.id}/notes`, { as: 'lawyer', body: { text: 'Претензия обоснована частично' } });
    expect(note.status).toBe(201);
    expect(note.body.messages.at(-1)).toMatchObject({ kind: 'note', text: 'Претензия обоснована частично' });
    expect((await s.call('POST', `/api/complaints/${c.id}/messages`, { as: 'lawyer', body: { text: 'x' } })).status).toBe(403);
    expect((await list('engineer1', '?department=service')).body.items.some((k) => k.id === c.id)).toBe(true);
  });
});

describe('bad input and unknown ids', () => {
  it('names the field', async () => {
    const none = await register('quality', { source: 'phone', subject: 'x', text: 'y' });
    expect(none.status).toBe(400);
    expect(paths(none)).toEqual(['clientId']);
    expect(paths(await register('quality', { source: 'pigeon', subject: '', text: 'y', contactName: 'A' }))?.sort()).toEqual(['source', 'subject']);
    const dept = await register('quality', { source: 'phone', subject: 'x', text: 'y', contactName: 'A', departments: ['astrology'] });
    expect(dept.status).toBe(422);
    expect(paths(dept)).toEqual(['departments[0]']);
    const c = (await register('quality', { source: 'phone', subject: 'x', text: 'y', contactName: 'A' })).body;
    expect(paths(await s.call<Problem>('POST', `/api/complaints/${c.id}/status`, { as: 'quality', body: { version: 1, status: 'decided' } }))).toEqual(['status']);
    expect(paths(await s.call<Problem>('POST', `/api/complaints/${c.id}/decision`, { as: 'quality', body: { version: 1, kind: 'maybe', text: '' } }))?.sort()).toEqual(['kind', 'text']);
    expect(paths(await s.call<Problem>('POST', `/api/complaints/${c.id}/messages`, { as: 'quality', body: { text: ' ' } }))).toEqual(['text']);
    expect(paths(await s.call<Problem>('POST', `/api/complaints/${c.id}/notes`, { as: 'quality', body: {} }))).toEqual(['text']);
    expect(paths(await s.call<Problem>('PATCH', `/api/complaints/${c.id}`, { as: 'quality', body: { subject: 'x' } }))).toEqual(['version']);
    expect(paths(await list('quality', '?sort=color'))).toEqual(['query.sort']);
    expect(paths(await s.call<Problem>('GET', '/api/kb/search?q=%20', { as: 'quality' }))).toEqual(['query.q']);
    expect(paths(await s.call<Problem>('POST', '/api/kb/articles', { as: 'quality', body: { title: 'x', body: 'y' } }))).toEqual(['category']);
    expect(paths(await s.call<Problem>('PATCH', `/api/kb/articles/${crypto.randomUUID()}`, { as: 'quality', body: { title: 'x' } }))).toEqual(['version']);
    const unknown = crypto.randomUUID();
    expect((await get('quality', unknown)).status).toBe(404);
    expect((await s.call('GET', `/api/kb/articles/${unknown}`, { as: 'quality' })).status).toBe(404);
    expect((await s.call('PATCH', `/api/kb/articles/${unknown}`, { as: 'quality', body: { version: 1, title: 'x' } })).status).toBe(404);
  });
});

describe('the route and the audit log', () => {
  it('the Complaint route sets status, decision and departments idempotently, recorded as done by the case', async () => {
    const c = (await register('quality', { source: 'portal', subject: 'Маршрут', text: 'Текст', contactEmail: 'a@example.ru' })).body;
    const caseId = crypto.randomUUID();
    const values = { decision: 'Заменим уплотнитель', decision_kind: 'satisfied', status: 'decided', departments: 'service' };
    const em = s.em();
    await complaintRouteUpdates.apply(em, c.id, values, caseId);
    await complaintRouteUpdates.apply(s.em(), c.id, values, caseId);
    const after = (await get('quality', c.id)).body;
    expect(after).toMatchObject({ status: 'decided', decisionKind: 'satisfied', decisionText: 'Заменим уплотнитель' });
    expect(after.history.map((h) => [h.to, h.caseId])).toEqual([['registered', null], ['decided', caseId]]);
    expect(await s.em().count(ComplaintStatusChange, { complaint: c.id })).toBe(2);
    expect(await s.em().count(AuditEntry, { action: 'complaint.route-update', targetId: c.id })).toBe(1);
    await expect(complaintRouteUpdates.apply(s.em(), c.id, { status: 'sleeping' }, caseId)).rejects.toMatchObject({ problems: [{ path: 'status' }] });
    expect((await s.em().findOneOrFail(Complaint, c.id)).status).toBe('decided');
  });

  it('every write is audited with who and what', async () => {
    const c = (await register('quality', { source: 'visit', subject: 'Аудит', text: 'Текст', clientId: sellerClient, departments: ['sales'] })).body;
    await s.call('POST', `/api/complaints/${c.id}/notes`, { as: 'seller1', body: { text: 'Клиент звонил' } });
    await s.call('POST', `/api/complaints/${c.id}/status`, { as: 'quality', body: { version: c.version, status: 'in-work' } });
    const rows = await s.em().find(AuditEntry, { targetId: c.id }, { orderBy: { at: 'asc' } });
    expect(rows.map((r) => [r.action, r.actorLabel])).toEqual([
      ['complaint.create', 'quality@leader.example'],
      ['complaint.note', 'seller1@leader.example'],
      ['complaint.status', 'quality@leader.example'],
    ]);
    expect(rows[0]!.details).toMatchObject({ source: 'visit', clientId: sellerClient, departments: ['sales'], number: c.number });
  });
});
