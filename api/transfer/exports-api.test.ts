// Exports through the API on the real database (the demo company's clients and deals): a file
// holds exactly the rows the person's list holds - a seller's own clients, the head of sales'
// team's - with the list's filters; CSV is UTF-8 with a BOM and ";" and reads back through the
// import; XLSX opens in exceljs; every export is audited with its list, filters and row count.
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';

let s: TestStack;

beforeAll(async () => {
  s = await startTestStack();
});
afterAll(async () => s?.close());

async function download(as: string, path: string) {
  const res = await s.app.request(path, { headers: { authorization: `Bearer ${await s.login(as)}` } });
  return { status: res.status, type: res.headers.get('content-type'), total: res.headers.get('x-total-count'), bytes: new Uint8Array(await res.arrayBuffer()) };
}
const csvRows = (bytes: Uint8Array): string[][] => parse(new TextDecoder().decode(bytes), { delimiter: ';', bom: true });
const allNames = async (as: string, query = '') => {
  const names: string[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = await s.call<{ items: { name: string }[]; total: number }>('GET', `/api/clients?limit=200&offset=${offset}&${query}`, { as });
    names.push(...page.body.items.map((c) => c.name));
    if (names.length >= page.body.total) return names;
  }
};

describe('exporting the client list', () => {
  it('holds exactly the clients each person sees: a seller her own, the head of sales his team\'s', async () => {
    for (const who of ['seller1', 'sales.head']) {
      const file = await download(who, '/api/exports/clients?format=csv&sort=name');
      expect(file.status).toBe(200);
      expect(file.type).toBe('text/csv; charset=utf-8');
      expect([...file.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const [header, ...rows] = csvRows(file.bytes);
      expect(header!.slice(0, 3)).toEqual(['Название', 'Вид', 'ИНН']);
      expect(rows.map((r) => r[0])).toEqual(await allNames(who, 'sort=name'));
      expect(file.total).toBe(String(rows.length));
    }
    const seller = csvRows((await download('seller1', '/api/exports/clients')).bytes).length;
    const head = csvRows((await download('sales.head', '/api/exports/clients')).bytes).length;
    expect(head).toBeGreaterThan(seller);
  });

  it('applies the list\'s filters, and is audited with them and its row count', async () => {
    const file = await download('sales.head', '/api/exports/clients?format=xlsx&stage=regular&lang=en');
    expect(file.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.bytes) as unknown as ExcelJS.Buffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Name');
    const names = (await allNames('sales.head', 'stage=regular')).sort();
    const inFile: string[] = [];
    sheet.eachRow((row, n) => { if (n > 1) inFile.push(row.getCell(1).text); });
    expect(inFile.sort()).toEqual(names);
    expect(inFile.every((_, i) => sheet.getRow(i + 2).getCell(7).value === 'regular')).toBe(true);
    const audit = await s.em().getConnection().execute<{ details: { list: string; format: string; rows: number; filters: { stage?: string } } }[]>(
      `select details from audit_entry where action = 'export' and actor_label = 'sales.head@leader.example' order by at desc limit 1`,
    );
    expect(audit[0]!.details).toMatchObject({ list: 'clients', format: 'xlsx', rows: names.length, filters: { stage: 'regular' } });
  });

  it('reads back through the import with its columns recognised', async () => {
    const file = await download('seller1', '/api/exports/clients');
    const form = new FormData();
    form.set('kind', 'clients');
    form.set('file', new File([file.bytes], 'export.csv'));
    const res = await s.app.request('/api/imports', { method: 'POST', headers: { authorization: `Bearer ${await s.login('seller1')}` }, body: form });
    const job = (await res.json()) as { mapping: Record<string, number | null> };
    expect(job.mapping).toMatchObject({ name: 0, kind: 1, inn: 2, region: 3, phones: 4, email: 5, stage: 6, probability: 7, sourceChannel: 8, owner: 9, contactName: 11, contactPhones: 12 });
  });
});

describe('other lists and bad input', () => {
  it('exports deals, interactions and cases', async () => {
    const deals = await download('sales.head', '/api/exports/deals?status=open');
    expect(deals.status).toBe(200);
    const [header, ...rows] = csvRows(deals.bytes);
    expect(header![0]).toBe('Название сделки');
    const list = await s.call<{ total: number }>('GET', '/api/deals?status=open', { as: 'sales.head' });
    expect(rows.length).toBe(list.body.total);
    expect((await download('seller1', '/api/exports/interactions?format=xlsx')).status).toBe(200);
    expect((await download('seller1', '/api/exports/cases')).status).toBe(200);
  });

  it('names a bad parameter', async () => {
    const res = await s.call<{ problems: { path: string }[] }>('GET', '/api/exports/clients?format=pdf', { as: 'seller1' });
    expect(res.status).toBe(400);
    expect(res.body.problems.map((p) => p.path)).toContain('query.format');
    expect((await s.call('GET', '/api/exports/deals?amountMin=-1', { as: 'seller1' })).status).toBe(400);
  });
});
