// The import wizard in a real Chromium against the real stack: seller1 uploads a Windows-1251 CSV
// with ";" (what Russian Excel saves), maps a column the headers did not suggest, sees the
// preview with a bad INN named by its column and a client that exists already, imports the good
// row and finds it in the client list; an XLSX in English the same way; a file that is no
// spreadsheet gets a clear message; the quality officer has no import. axe-core on each screen.
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../../infra/testing/stack.ts';
import { seriousViolations } from './axe.ts';
import { type Chromium, closeBrowserStack, newUser, type Served, signIn, startBrowserStack } from './harness.ts';
import { cp1251 } from '../../infra/testing/cp1251.ts';

let stack: TestStack;
let served: Served;
let chromium: Chromium;
let browser: Browser;

const SHOTS = process.env.SHOTS_DIR;
const look = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
};
async function axe(page: Page, where: string): Promise<string[]> {
  const found = await seriousViolations(page);
  if (found.length) console.log(`[axe] ${where}:\n${found.join('\n')}`);
  return found;
}

/** A valid 10-digit INN of an organisation from 9 digits (its check digit appended). */
function legalInn(nine: string): string {
  const w = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const d = [...nine].map(Number);
  return `${nine}${(w.reduce((sum, x, i) => sum + x * d[i]!, 0) % 11) % 10}`;
}
let innSeq = Math.floor(Math.random() * 90_000);
const freshInn = () => legalInn(`9912${String(++innSeq).padStart(5, '0')}`);


async function attach(page: Page, name: string, buffer: Buffer, mimeType: string) {
  await page.locator('input[type="file"]').setInputFiles({ name, mimeType, buffer });
}

beforeAll(async () => {
  ({ stack, served, chromium, browser } = await startBrowserStack({ worker: false }));
});
afterAll(() => closeBrowserStack({ stack, served, chromium }));

describe('importing clients in the browser', () => {
  it('seller1 imports a Windows-1251 CSV: a column mapped by hand, a bad INN and a duplicate shown, the good row in the list', async () => {
    const tag = crypto.randomUUID().slice(0, 6);
    const existingInn = freshInn();
    const existing = await stack.call<{ id: string }>('POST', '/api/clients', { as: 'seller1', body: { name: `ООО «Старый клиент ${tag}»`, kind: 'legal', inn: existingInn } });
    expect(existing.status).toBe(201);
    const good = `ООО «Север-Импорт ${tag}»`;
    const csv = [
      'Название;ИНН;Телефон;Заметка менеджера',
      `${good};${freshInn()};+7 495 111-22-33;Звонить после обеда`,
      `ООО «Опечатка ${tag}»;7707083890;;`,
      `ООО «Дубль ${tag}»;${existingInn};;`,
    ].join('\r\n');

    const { page, context, errors } = await newUser(browser);
    await signIn(page, served.baseUrl, 'seller1', '/inbox');
    await page.getByRole('navigation').getByRole('link', { name: 'Импорт' }).click();
    await page.getByRole('heading', { name: 'Импорт из файла' }).waitFor();
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Импорт' }).getAttribute('aria-current')).toBe('page');
    await attach(page, 'клиенты.csv', Buffer.from(cp1251(csv)), 'text/csv');
    await page.getByRole('button', { name: 'Загрузить', exact: true }).click();

    // The mapping: headers read in Windows-1251; the notes column was not guessed, so it is chosen by hand.
    await page.getByText('клиенты.csv · 3 строки').waitFor();
    const notes = page.locator('#map-notes');
    expect(await notes.inputValue()).toBe('— не загружать —');
    expect(await page.locator('#map-name').inputValue()).toBe(`Название (${good})`);
    await notes.click();
    await page.getByRole('option', { name: 'Заметка менеджера (Звонить после обеда)' }).click();
    expect(await notes.inputValue()).toBe('Заметка менеджера (Звонить после обеда)');
    await look(page, 'import-mapping-ru');
    expect(await axe(page, 'import mapping')).toEqual([]);
    await page.getByRole('button', { name: 'Проверить' }).click();

    // The preview: one row ok, the INN's error under its column, the duplicate naming the client.
    await page.getByTestId('import-counts').getByText('Всего: 3 · без ошибок: 1 · с ошибками: 1 · дубликаты: 1').waitFor();
    const rows = page.getByTestId('preview-row');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(3);
    await rows.filter({ hasText: `ООО «Опечатка ${tag}»` }).getByText(/^ИНН: /).waitFor();
    await rows.filter({ hasText: `ООО «Дубль ${tag}»` }).getByText(`уже есть: ООО «Старый клиент ${tag}» (ИНН)`).waitFor();
    await look(page, 'import-preview-ru');
    expect(await axe(page, 'import preview')).toEqual([]);

    await page.getByRole('button', { name: 'Загрузить 1' }).click();
    await page.getByTestId('import-result').getByText('Загружено записей: 1').waitFor();
    await page.getByText('Пропущено: с ошибками — 1, дубликатов — 1').waitFor();
    await page.getByRole('link', { name: `2: ${good}` }).waitFor();
    await page.getByRole('link', { name: 'К списку клиентов' }).click();
    await page.goto(`${served.baseUrl}/clients?q=${encodeURIComponent(tag)}`);
    await page.getByTestId('client-row').filter({ hasText: good }).waitFor();
    expect(await page.getByTestId('client-row').filter({ hasText: `Опечатка ${tag}` }).count()).toBe(0);
    expect(await page.getByTestId('client-row').count()).toBe(2);
    const made = await stack.call<{ items: { name: string; notes: string | null }[] }>('GET', `/api/clients?q=${encodeURIComponent(`Север-Импорт ${tag}`)}`, { as: 'seller1' });
    expect(made.body.items.map((c) => c.name)).toEqual([good]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('seller1 imports an XLSX in English, and a file that is no spreadsheet is refused clearly', async () => {
    const tag = crypto.randomUUID().slice(0, 6);
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Clients');
    sheet.addRow(['Name', 'INN', 'Phone']);
    sheet.addRow([`Polar Trade ${tag}`, freshInn(), '+7 812 555-00-11']);
    sheet.addRow([`Polar Bad ${tag}`, '123', '']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());

    const { page, context, errors } = await newUser(browser, { lang: 'en' });
    await signIn(page, served.baseUrl, 'seller1', '/import');
    await page.getByRole('heading', { name: 'Import from a file' }).waitFor();
    await attach(page, 'broken.xlsx', Buffer.from('this is not a workbook'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.getByText(/^The file cannot be read: it should be CSV/).waitFor();
    await alert.getByText(/The XLSX file cannot be read/).waitFor();
    await look(page, 'import-bad-file-en');
    expect(await axe(page, 'bad file')).toEqual([]);

    await attach(page, 'clients.xlsx', xlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await page.getByText('clients.xlsx · 2 rows').waitFor();
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await page.getByTestId('import-counts').getByText('Total: 2 · ok: 1 · with errors: 1 · duplicates: 0').waitFor();
    await page.getByTestId('preview-row').filter({ hasText: `Polar Bad ${tag}` }).getByText(/^INN: /).waitFor();
    await look(page, 'import-preview-en');
    expect(await axe(page, 'xlsx preview')).toEqual([]);
    await page.getByRole('button', { name: 'Import 1' }).click();
    await page.getByTestId('import-result').getByText('Records imported: 1').waitFor();
    await page.goto(`${served.baseUrl}/clients?q=${encodeURIComponent(tag)}`);
    await page.getByTestId('client-row').filter({ hasText: `Polar Trade ${tag}` }).waitFor();
    expect(await page.getByTestId('client-row').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the quality officer has no import: no link, and the page says whom it is for', async () => {
    const { page, context } = await newUser(browser);
    await signIn(page, served.baseUrl, 'quality', '/inbox');
    await page.getByRole('navigation').getByRole('link', { name: 'Жалобы' }).waitFor();
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Импорт' }).count()).toBe(0);
    await page.goto(`${served.baseUrl}/import`);
    await page.getByTestId('import-forbidden').getByText(/^Импорт доступен продавцам/).waitFor();
    expect(await page.locator('input[type="file"]').count()).toBe(0);
    expect(await axe(page, 'import refused')).toEqual([]);
    await context.close();
  });
});
