// The service screens in a real Chromium against the real stack: a seller's installation order is
// found by the head of service in the orders tab, accepted and scheduled for an engineer through
// the page's action forms; the engineer (in English) completes it with an act and serial numbers
// and finds the units in the equipment register; the seller sees them on the client card.
// axe-core and console errors on each screen.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../../infra/testing/stack.ts';
import { seriousViolations } from './axe.ts';
import { type Chromium, closeBrowserStack, newUser, type Served, signIn, startBrowserStack } from './harness.ts';

let stack: TestStack;
let served: Served;
let chromium: Chromium;
let browser: Browser;
let orderId = '';
let clientId = '';
const CONTRACT = `Д-E2E-${Date.now() % 100_000}`;
const SHOTS = process.env.SHOTS_DIR;
const look = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
};

beforeAll(async () => {
  ({ stack, served, chromium, browser } = await startBrowserStack({ worker: false }));
  const c = await stack.call<{ id: string }>('POST', '/api/clients', { as: 'seller1', body: { name: 'Павильон «Северное сияние»', kind: 'person' } });
  clientId = c.body.id;
  const o = await stack.call<{ id: string }>('POST', '/api/installations', {
    as: 'seller1',
    body: { clientId, contractNumber: CONTRACT, installBy: '2031-06-10', siteAddress: 'Москва, ул. Ленина, 1, павильон 12', lines: [{ model: 'Витрина «Полюс» 1,5 м', quantity: 2 }] },
  });
  expect(o.status).toBe(201);
  orderId = o.body.id;
});

afterAll(() => closeBrowserStack({ stack, served, chromium }));

describe('the service department in the browser', () => {
  it('the head of service accepts and schedules an order', async () => {
    const { page, context, errors } = await newUser(browser);
    await signIn(page, served.baseUrl, 'service.head', '/service');
    await page.getByRole('heading', { name: 'Сервисная служба' }).waitFor();
    await page.getByTestId('unit').first().waitFor();
    await look(page, 'service-register-ru');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('tab', { name: 'Заявки на монтаж' }).click();
    await page.getByLabel('Поиск').fill(CONTRACT);
    await page.getByLabel('Поиск').press('Enter');
    await page.getByRole('link', { name: CONTRACT }).click();
    await page.getByRole('heading', { name: `Заявка на монтаж по договору ${CONTRACT}` }).waitFor();
    expect(await page.getByTestId('order-status').textContent()).toBe('Новая');

    await page.getByRole('button', { name: 'Принять' }).click();
    await page.getByTestId('accept-form').getByRole('button', { name: 'Принять' }).click();
    await page.getByTestId('order-status').getByText('Принята').waitFor();

    await page.getByRole('button', { name: 'Запланировать' }).click();
    const form = page.getByTestId('schedule-form');
    await form.locator('input[data-field="date"]').fill('2031-06-05');
    await form.locator('input[data-field="engineerId"]').click();
    await page.getByRole('option', { name: 'Николай Попов' }).click();
    await form.getByRole('button', { name: 'Запланировать' }).click();
    await page.getByTestId('order-status').getByText('Запланирована').waitFor();
    await page.getByText('Николай Попов').first().waitFor();
    await look(page, 'service-order-scheduled-ru');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the engineer completes it with an act, in English, and sees the units in the register', async () => {
    const { page, context, errors } = await newUser(browser, { lang: 'en' });
    await signIn(page, served.baseUrl, 'engineer1', `/service/installations/${orderId}`);
    await page.getByRole('heading', { name: `Installation order, contract ${CONTRACT}` }).waitFor();
    expect(await page.getByTestId('order-status').textContent()).toBe('Scheduled');
    await page.getByRole('button', { name: 'Complete with act' }).click();
    const form = page.getByTestId('complete-form');
    await form.locator('input[data-field="actNumber"]').fill('АКТ-77');
    await form.locator('input[data-field="actDate"]').fill('2031-06-05');
    await form.locator('input[data-field="serial0"]').fill('E2E-SN-1');
    await form.locator('input[data-field="serial1"]').fill('E2E-SN-2');
    await form.locator('input[data-field="contractNumber"]').fill('СО-77');
    await form.locator('input[data-field="validFrom"]').fill('2031-06-05');
    await form.locator('input[data-field="validTo"]').fill('2032-06-04');
    await look(page, 'service-complete-form-en');
    expect(await seriousViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Complete with act' }).click();
    await page.getByTestId('order-status').getByText('Done').waitFor();
    await page.getByTestId('order-equipment').getByText('E2E-SN-2').waitFor();
    await look(page, 'service-order-done-en');

    await page.goto(`${served.baseUrl}/service?q=E2E-SN`);
    await page.getByRole('heading', { name: 'Service department' }).waitFor();
    await page.getByTestId('unit').getByText('E2E-SN-1').waitFor();
    expect(await page.getByTestId('unit').count()).toBe(2);
    expect(await page.getByTestId('total').textContent()).toBe('2 records');
    await look(page, 'service-register-en');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the seller sees the equipment on the client card', async () => {
    const { page, context, errors } = await newUser(browser);
    await signIn(page, served.baseUrl, 'seller1', `/clients/${clientId}`);
    await page.getByRole('heading', { name: 'Оборудование' }).waitFor();
    await page.getByTestId('client-unit').getByText('E2E-SN-1').waitFor();
    expect(await page.getByTestId('client-unit').count()).toBe(2);
    await look(page, 'client-equipment-ru');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
