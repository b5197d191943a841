// Imports through the API on the real database: a Windows-1251 CSV with ";" and an XLSX made by
// exceljs read and mapped by their Russian headers; a bad INN among good rows named by row and
// column in the preview while the good rows import; a commit broken half-way leaves nothing; a
// commit sent twice at once imports once; duplicates skipped or imported as chosen; contacts and
// deals to existing clients; limits, bad input and other people's jobs refused; the audit trail.
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Employee } from '../../domain/entities/index.ts';
import { demoEmail } from '../../infra/db/demo-data.ts';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';
import { cp1251 } from '../../infra/testing/cp1251.ts';

type Job = {
  id: string; kind: string; status: string; rowCount: number; format: string; sheets: string[]; sheet: string | null;
  columns: { index: number; header: string; samples: string[] }[]; mapping: Record<string, number | null>;
  counts: { total: number; ok: number; errors: number; duplicates: number } | null;
  preview: { items: { line: number; status: string; label: string; problems: { field: string; column: string | null; message: string }[]; duplicates: { of: string; line: number | null; name: string | null; field: string }[] }[]; total: number } | null;
};
type Result = { created: number; skippedDuplicates: number; skippedErrors: number; records: { line: number; id: string; label: string }[] };
type Problem = { status: number; detail: string; problems?: { path: string; message: string }[] };

let s: TestStack;
const id: Record<string, string> = {};

/** A valid 10-digit INN of an organisation from 9 digits (its check digit appended). */
function legalInn(nine: string): string {
  const w = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const d = [...nine].map(Number);
  return `${nine}${(w.reduce((sum, x, i) => sum + x * d[i]!, 0) % 11) % 10}`;
}
let innSeq = 100_000_000;
const freshInn = () => legalInn(String(++innSeq).padStart(9, '7'));


async function upload(as: string, kind: string, bytes: Uint8Array | string, fileName: string, extra: Record<string, string> = {}) {
  const form = new FormData();
  form.set('kind', kind);
  form.set('file', new File([typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes], fileName));
  for (const [k, v] of Object.entries(extra)) form.set(k, v);
  const res = await s.app.request('/api/imports', { method: 'POST', headers: { authorization: `Bearer ${await s.login(as)}` }, body: form });
  return { status: res.status, body: (await res.json()) as Job & Problem };
}
const map = (as: string, jobId: string, body: unknown) => s.call<Job & Problem>('PUT', `/api/imports/${jobId}/mapping`, { as, body });
const commit = (as: string, jobId: string) => s.call<Result & Problem>('POST', `/api/imports/${jobId}/commit`, { as });
const count = async (q: string, ...params: unknown[]) => Number((await s.em().getConnection().execute<{ n: string }[]>(q, params))[0]!.n);

beforeAll(async () => {
  s = await startTestStack();
  for (const key of ['seller1', 'seller2', 'sales.head']) id[key] = (await s.em().findOneOrFail(Employee, { email: demoEmail(key) })).id;
});
afterAll(async () => s?.close());

describe('reading files', () => {
  it('reads a Windows-1251 CSV with ";" and suggests the mapping from its Russian headers', async () => {
    const [a, b] = [freshInn(), freshInn()];
    const csv = `Название;ИНН;Телефон;E-mail;Ответственный;Контактное лицо;Телефон контакта\r\nООО «Ёлка»;${a};+7 (495) 100-00-01;elka@example.ru;${demoEmail('seller1')};Иванов Иван;8 916 100 00 01\r\nООО «Берёза»;${b};84951000002;;;;\r\n`;
    const up = await upload('seller1', 'clients', cp1251(csv), 'клиенты.csv');
    expect(up.status).toBe(201);
    expect(up.body.format).toBe('csv');
    expect(up.body.rowCount).toBe(2);
    expect(up.body.columns.map((c) => c.header)).toEqual(['Название', 'ИНН', 'Телефон', 'E-mail', 'Ответственный', 'Контактное лицо', 'Телефон контакта']);
    expect(up.body.columns[0]!.samples).toEqual(['ООО «Ёлка»', 'ООО «Берёза»']);
    expect(up.body.mapping).toMatchObject({ name: 0, inn: 1, phones: 2, email: 3, owner: 4, contactName: 5, contactPhones: 6, kpp: null });

    const previewed = await map('seller1', up.body.id, { mapping: up.body.mapping });
    expect(previewed.status).toBe(200);
    expect(previewed.body.counts).toEqual({ total: 2, ok: 2, errors: 0, duplicates: 0 });
    const done = await commit('seller1', up.body.id);
    expect(done.status).toBe(200);
    expect(done.body.created).toBe(2);
    const card = await s.call<{ name: string; inn: string; owner: { id: string }; contacts: { fullName: string; phones: string[]; isPrimary: boolean }[] }>('GET', `/api/clients/${done.body.records[0]!.id}`, { as: 'seller1' });
    expect(card.body).toMatchObject({ name: 'ООО «Ёлка»', inn: a, owner: { id: id.seller1 }, contacts: [{ fullName: 'Иванов Иван', phones: ['8 916 100 00 01'], isPrimary: true }] });
  });

  it('reads an XLSX workbook, the first sheet or a chosen one', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Пусто').addRow(['Комментарий']);
    const sheet = wb.addWorksheet('Клиенты');
    sheet.addRow(['Name', 'INN', 'Phone', 'Region']);
    sheet.addRow(['Polar LLC', freshInn(), '+7 812 555-00-11', 'Санкт-Петербург']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const first = await upload('seller1', 'clients', bytes, 'clients.xlsx');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ format: 'xlsx', sheets: ['Пусто', 'Клиенты'], sheet: 'Пусто', rowCount: 0 });
    const chosen = await upload('seller1', 'clients', bytes, 'clients.xlsx', { sheet: 'Клиенты' });
    expect(chosen.body).toMatchObject({ sheet: 'Клиенты', rowCount: 1 });
    expect(chosen.body.mapping).toMatchObject({ name: 0, inn: 1, phones: 2, region: 3 });
    const missing = await upload('seller1', 'clients', bytes, 'clients.xlsx', { sheet: 'Нет такого' });
    expect(missing.status).toBe(400);
    expect(missing.body.problems?.[0]?.path).toBe('sheet');
  });

  it('refuses a file beyond 20,000 rows with a clear message, and an empty one', async () => {
    const big = `Название\n${Array.from({ length: 20_001 }, (_, i) => `Клиент ${i}`).join('\n')}\n`;
    const res = await upload('seller1', 'clients', big, 'big.csv');
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/20001 rows; at most 20000/);
    const empty = await upload('seller1', 'clients', '', 'empty.csv');
    expect(empty.status).toBe(400);
    expect(empty.body.problems?.[0]?.path).toBe('file');
  });
});

describe('preview and commit', () => {
  it('names the row and column of a bad INN; the good rows import, the bad one does not', async () => {
    const csv = `Название,ИНН,E-mail\nАльфа,${freshInn()},\nБета,7707083890,\nГамма,${freshInn()},not-an-email\nДельта,${freshInn()},delta@example.ru\n`;
    const up = await upload('seller1', 'clients', csv, 'bad-inn.csv');
    const previewed = await map('seller1', up.body.id, { mapping: up.body.mapping });
    expect(previewed.body.counts).toEqual({ total: 4, ok: 2, errors: 2, duplicates: 0 });
    const errors = await s.call<Job>('GET', `/api/imports/${up.body.id}?status=error`, { as: 'seller1' });
    expect(errors.body.preview!.items.map((r) => ({ line: r.line, problems: r.problems.map((p) => `${p.column}: ${p.field}`) }))).toEqual([
      { line: 3, problems: ['ИНН: inn'] },
      { line: 4, problems: ['E-mail: email'] },
    ]);
    expect(errors.body.preview!.items[0]!.problems[0]!.message).toMatch(/check digit/);
    const done = await commit('seller1', up.body.id);
    expect(done.body).toMatchObject({ created: 2, skippedErrors: 2 });
    expect(await count(`select count(*) as n from client where name in ('Альфа', 'Бета', 'Гамма', 'Дельта')`)).toBe(2);
  });

  it('rolls every row back when one fails at commit, and names it', async () => {
    const names = [`Откат-1 ${crypto.randomUUID()}`, `Откат-2 ${crypto.randomUUID()}`, `Откат-3 ${crypto.randomUUID()}`];
    const csv = `Название;Ответственный\n${names[0]};\n${names[1]};\n${names[2]};${demoEmail('seller2')}\n`;
    const up = await upload('sales.head', 'clients', csv, 'rollback.csv');
    expect((await map('sales.head', up.body.id, { mapping: up.body.mapping })).body.counts).toMatchObject({ ok: 3 });
    // Between the preview and the commit the third row's owner leaves the company.
    await sql`update employee set active = false where id = ${id.seller2}::uuid`.execute(s.em().getKysely());
    try {
      const failed = await commit('sales.head', up.body.id);
      expect(failed.status).toBe(409);
      expect(failed.body.detail).toMatch(/Row 4 .*Nothing was imported/);
      expect(failed.body.problems?.[0]?.path).toBe('rows[4].ownerId');
    } finally {
      await sql`update employee set active = true where id = ${id.seller2}::uuid`.execute(s.em().getKysely());
    }
    expect(await count(`select count(*) as n from client where name in (?)`, names)).toBe(0);
    expect(await count(`select count(*) as n from audit_entry where details->>'importJobId' = ?`, up.body.id)).toBe(0);
    // Once the cause is gone, the same job commits whole.
    expect((await commit('sales.head', up.body.id)).body.created).toBe(3);
    expect(await count(`select count(*) as n from client where name in (?)`, names)).toBe(3);
  });

  it('imports once when committed twice at the same moment, both answers the same', async () => {
    const names = [`Дважды-1 ${crypto.randomUUID()}`, `Дважды-2 ${crypto.randomUUID()}`];
    const up = await upload('seller1', 'clients', `Название\n${names.join('\n')}\n`, 'twice.csv');
    await map('seller1', up.body.id, { mapping: up.body.mapping });
    const [a, b] = await Promise.all([commit('seller1', up.body.id), commit('seller1', up.body.id)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body).toEqual(b.body);
    expect(await count(`select count(*) as n from client where name in (?)`, names)).toBe(2);
    expect((await commit('seller1', up.body.id)).body).toEqual(a.body);
    const job = await s.call<Job>('GET', `/api/imports/${up.body.id}`, { as: 'seller1' });
    expect(job.body.status).toBe('committed');
    // Each record is audited with the job's id; the job's upload, mapping and commits too.
    expect(await count(`select count(*) as n from audit_entry where action = 'client.create' and details->>'importJobId' = ?`, up.body.id)).toBe(2);
    expect(await count(`select count(*) as n from audit_entry where target_id = ? and action in ('import.upload', 'import.mapping')`, up.body.id)).toBe(2);
    const remap = await map('seller1', up.body.id, { mapping: up.body.mapping });
    expect(remap.status).toBe(409);
  });

  it('finds duplicates of existing clients and of earlier rows; skips them or imports them as chosen', async () => {
    const inn = freshInn();
    expect((await s.call('POST', '/api/clients', { as: 'seller2', body: { name: 'Уже есть', kind: 'legal', inn } })).status).toBe(201);
    const phone = `+7 903 ${String(innSeq).slice(-7)}`;
    const csv = `Название;ИНН;Телефон\nКопия;${inn};\nНовый;;${phone}\nНовый ещё раз;;8${phone.replace(/\D/g, '').slice(1)}\n`;
    const up = await upload('seller1', 'clients', csv, 'dups.csv');
    const skip = await map('seller1', up.body.id, { mapping: up.body.mapping, duplicates: 'skip' });
    expect(skip.body.counts).toEqual({ total: 3, ok: 1, errors: 0, duplicates: 2 });
    expect(skip.body.preview!.items.map((r) => r.duplicates.map((d) => `${d.of}:${d.field}:${d.name ?? d.line}`))).toEqual([['client:inn:Уже есть'], [], ['row:phone:3']]);
    const imported = await map('seller1', up.body.id, { mapping: up.body.mapping, duplicates: 'import' });
    expect(imported.status).toBe(200);
    const done = await commit('seller1', up.body.id);
    expect(done.body).toMatchObject({ created: 3, skippedDuplicates: 0 });
  });

  it('imports contacts and deals to clients the person may change, found by INN', async () => {
    const inn = freshInn();
    const client = await s.call<{ id: string }>('POST', '/api/clients', { as: 'seller1', body: { name: `Для контактов ${inn}`, kind: 'legal', inn } });
    const otherInn = freshInn();
    await s.call('POST', '/api/clients', { as: 'seller2', body: { name: 'Чужой', kind: 'legal', inn: otherInn } });
    const contacts = await upload('seller1', 'contacts', `ИНН клиента;ФИО;Должность;День рождения\n${inn};Петрова Анна;Закупщик;29.02.1984\n${otherInn};Чужой Контакт;;\n${inn};Сидоров Пётр;;31.02\n`, 'contacts.csv');
    expect(contacts.body.mapping).toMatchObject({ clientInn: 0, fullName: 1, position: 2, birthday: 3 });
    const cp = await map('seller1', contacts.body.id, { mapping: contacts.body.mapping });
    expect(cp.body.preview!.items.map((r) => [r.line, r.status, r.problems.map((p) => p.field).join()])).toEqual([[2, 'ok', ''], [3, 'error', 'clientInn'], [4, 'error', 'birthday']]);
    expect((await commit('seller1', contacts.body.id)).body.created).toBe(1);
    const card = await s.call<{ contacts: { fullName: string; birthday: unknown }[] }>('GET', `/api/clients/${client.body.id}`, { as: 'seller1' });
    expect(card.body.contacts).toMatchObject([{ fullName: 'Петрова Анна', birthday: { day: 29, month: 2, year: 1984 } }]);

    const deals = await upload('seller1', 'deals', `ИНН клиента;Название сделки;Сумма;Этап;Дата закрытия;Ответственный\n${inn};Витрины;1 250 000,50;Демонстрация/презентация;20.12.2026;\n${inn};Лари;abc;Нет такого;;\n${inn};Камеры;10;;;${demoEmail('seller2')}\n`, 'deals.csv');
    const dp = await map('seller1', deals.body.id, { mapping: deals.body.mapping });
    expect(dp.body.preview!.items.map((r) => [r.status, r.problems.map((p) => p.field).sort().join()])).toEqual([['ok', ''], ['error', 'amount,stage'], ['error', 'owner']]);
    const done = await commit('seller1', deals.body.id);
    expect(done.body.created).toBe(1);
    const deal = await s.call<{ amount: number; stage: { name: string }; plannedCloseDate: string; owner: { id: string } }>('GET', `/api/deals/${done.body.records[0]!.id}`, { as: 'seller1' });
    expect(deal.body).toMatchObject({ amount: 125_000_050, plannedCloseDate: '2026-12-20', owner: { id: id.seller1 } });
    expect(deal.body.stage.name).toMatch(/Демонстрация/);
  });
});

describe('bad input and other people', () => {
  it('names what is wrong with an upload and a mapping', async () => {
    const noFile = new FormData();
    noFile.set('kind', 'clients');
    const res = await s.app.request('/api/imports', { method: 'POST', headers: { authorization: `Bearer ${await s.login('seller1')}` }, body: noFile });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Problem).problems?.map((p) => p.path)).toContain('form.file');
    const badKind = await upload('seller1', 'invoices', 'Название\nА\n', 'a.csv');
    expect(badKind.status).toBe(400);
    expect(badKind.body.problems?.map((p) => p.path)).toContain('form.kind');

    const up = await upload('seller1', 'clients', 'Название;ИНН\nА;1\n', 'a.csv');
    const bad = await map('seller1', up.body.id, { mapping: { inn: 7, colour: 0 } });
    expect(bad.status).toBe(400);
    expect(bad.body.problems?.map((p) => p.path).sort()).toEqual(['mapping.colour', 'mapping.inn', 'mapping.name']);
    expect((await map('seller1', up.body.id, { mapping: { name: 0 }, duplicates: 'maybe' })).status).toBe(400);
    expect((await commit('seller1', up.body.id)).status).toBe(409); // no preview yet
  });

  it('keeps a job to its uploader, and importing to sales, managers, management and admins', async () => {
    const up = await upload('seller1', 'clients', 'Название\nЛичное\n', 'mine.csv');
    for (const call of [
      () => s.call('GET', `/api/imports/${up.body.id}`, { as: 'seller2' }),
      () => map('seller2', up.body.id, { mapping: { name: 0 } }),
      () => commit('seller2', up.body.id),
    ]) expect((await call()).status).toBe(404);
    expect((await upload('engineer1', 'clients', 'Название\nА\n', 'a.csv')).status).toBe(403);
    expect((await s.call('GET', '/api/imports', { as: 'engineer1' })).status).toBe(403);
    const mine = await s.call<{ items: { id: string }[]; total: number }>('GET', '/api/imports?kind=clients', { as: 'seller2' });
    expect(mine.body.items.map((j) => j.id)).not.toContain(up.body.id);
  });
});
