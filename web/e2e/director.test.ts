// The commercial director's page in a real Chromium against the real stack: a payment recorded
// today appears in today's revenue exactly as the daily report API counts it (Russian and English),
// the revenue chart renders with its accessible name, the revenue table exports to CSV and XLSX
// files holding today's row, axe finds nothing serious. The head of sales reads the page with only
// his people to filter by; a seller gets no Reports link and a plain "not for you" page.
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../../infra/testing/stack.ts';
import { seriousViolations } from './axe.ts';
import { type Chromium, closeBrowserStack, newUser, type Served, signIn, startBrowserStack } from './harness.ts';

let stack: TestStack;
let served: Served;
let chromium: Chromium;
let browser: Browser;
let today = '';
let dayRevenue = 0;

const SHOTS = process.env.SHOTS_DIR ?? '/tmp/web10';
const look = async (page: Page, name: string) => {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
};
/** The digits of a ruble figure as shown ("123 456,78 ₽" -> "12345678"): the kopecks, whatever the language's separators. */
const digits = (text: string | null) => (text ?? '').replace(/\D/g, '');

beforeAll(async () => {
  ({ stack, served, chromium, browser } = await startBrowserStack({ worker: false }));
  const daily0 = await stack.call<{ date: string }>('GET', '/api/reports/daily', { as: 'director' });
  today = daily0.body.date;
  // A client of seller1's pays 123 456,78 ₽ today.
  const client = await stack.call<{ id: string }>('POST', '/api/clients', { as: 'seller1', body: { name: `ООО «Директорский» ${crypto.randomUUID().slice(0, 6)}`, kind: 'legal' } });
  const inv = await stack.call<{ id: string }>('POST', '/api/invoices', { as: 'seller1', body: { clientId: client.body.id, amount: 12_345_678, issueDate: today, dueDate: today, lines: [] } });
  expect(inv.status, JSON.stringify(inv.body)).toBe(201);
  const paid = await stack.call('POST', `/api/invoices/${inv.body.id}/payments`, { as: 'seller1', body: { paidOn: today, amount: 12_345_678, documentNumber: 'ПП-777' } });
  expect(paid.status, JSON.stringify(paid.body)).toBe(201);
  const daily = await stack.call<{ revenue: { day: number } }>('GET', `/api/reports/daily?date=${today}`, { as: 'director' });
  dayRevenue = daily.body.revenue.day;
  expect(dayRevenue).toBeGreaterThanOrEqual(12_345_678);
});

afterAll(() => closeBrowserStack({ stack, served, chromium }));

describe("the commercial director's page", () => {
  it('shows today\'s payment in today\'s revenue, draws the chart and exports the table (Russian)', async () => {
    const { page, context, errors } = await newUser(browser, { lang: 'ru' });
    await signIn(page, served.baseUrl, 'director', '/inbox');
    await page.getByRole('link', { name: 'День директора' }).click();
    await page.getByRole('heading', { name: 'День коммерческого директора' }).waitFor();
    await expect.poll(async () => digits(await page.getByTestId('revenue-day').textContent()), { timeout: 15_000 }).toBe(String(dayRevenue));
    const chart = page.getByTestId('revenue-chart');
    expect(await chart.getAttribute('aria-label')).toBe('Поступления по дням, рубли');
    await chart.locator('svg').first().waitFor();
    // The page has settled when every section is in (the progress line goes away).
    await page.getByTestId('sections-progress').waitFor({ state: 'detached' });
    await page.waitForTimeout(300);
    expect(await seriousViolations(page)).toEqual([]);
    await look(page, 'director-ru');

    const table = page.getByTestId('revenue-table');
    const [csv] = await Promise.all([page.waitForEvent('download'), table.getByRole('button', { name: 'Выгрузить «Поступления по дням» в CSV' }).click()]);
    expect(csv.suggestedFilename()).toBe(`revenue-by-day_${today.slice(0, 8)}01_${today}.csv`);
    const text = await readFile((await csv.path()), 'utf8');
    expect(text.startsWith('\uFEFFДата;Сумма, ₽\r\n')).toBe(true);
    // Today's row with the day's revenue in rubles and a decimal comma.
    expect(text).toContain(`${today};${String(dayRevenue / 100).replace('.', ',')}\r\n`);

    const [xlsx] = await Promise.all([page.waitForEvent('download'), table.getByRole('button', { name: 'Выгрузить «Поступления по дням» в XLSX' }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    // exceljs types its input as an older Buffer; the bytes are the same.
    await wb.xlsx.load((await readFile((await xlsx.path()))) as unknown as Parameters<typeof wb.xlsx.load>[0]);
    const rows = wb.worksheets[0]!.getSheetValues().filter(Boolean).map((r) => (Array.isArray(r) ? r.slice(1) : r));
    expect(rows[0]).toEqual(['Дата', 'Сумма, ₽']);
    expect(rows).toContainEqual([today, dayRevenue / 100]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('reads the same figures in English', async () => {
    const { page, context, errors } = await newUser(browser, { lang: 'en' });
    await signIn(page, served.baseUrl, 'director', '/reports');
    await page.getByRole('heading', { name: "The commercial director's day" }).waitFor();
    await expect.poll(async () => digits(await page.getByTestId('revenue-day').textContent()), { timeout: 15_000 }).toBe(String(dayRevenue));
    expect(await page.getByTestId('revenue-chart').getAttribute('aria-label')).toBe('Payments received by day, rubles');
    await page.getByTestId('sections-progress').waitFor({ state: 'detached' });
    await page.waitForTimeout(300);
    expect(await seriousViolations(page)).toEqual([]);
    await look(page, 'director-en');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lets the head of sales filter by his people only, and tells a seller the page is not for her', async () => {
    const head = await newUser(browser, { lang: 'ru' });
    await signIn(head.page, served.baseUrl, 'sales.head', '/reports');
    await head.page.getByRole('heading', { name: 'День коммерческого директора' }).waitFor();
    await head.page.getByTestId('revenue-day').waitFor();
    await head.page.getByTestId('filter-employee').click();
    const options = await head.page.getByRole('option').allTextContents();
    const team = await stack.call<{ members: { name: string }[] }>('GET', '/api/team', { as: 'sales.head' });
    expect(options.length).toBeGreaterThan(0);
    // Only his chain (and himself): nobody from service.
    for (const o of options) expect([...team.body.members.map((m) => m.name), 'Андрей Соколов']).toContain(o);
    await head.page.keyboard.press('Escape');
    await look(head.page, 'director-head-ru');
    expect(head.errors).toEqual([]);
    await head.context.close();

    const seller = await newUser(browser, { lang: 'ru' });
    await signIn(seller.page, served.baseUrl, 'seller1', '/inbox');
    await seller.page.getByRole('navigation').getByRole('link', { name: 'Входящие' }).waitFor();
    expect(await seller.page.getByRole('link', { name: 'День директора' }).count()).toBe(0);
    await seller.page.goto(`${served.baseUrl}/reports`);
    await seller.page.getByTestId('not-for-you').waitFor();
    expect(await seller.page.getByRole('heading', { name: 'Отчёты — для руководителей' }).count()).toBe(1);
    await look(seller.page, 'director-seller-ru');
    await seller.context.close();
  });
});
