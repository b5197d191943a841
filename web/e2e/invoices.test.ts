// Invoices in a real Chromium against the real stack: seller1 finds an overdue invoice of her
// client among the overdue ones (red), opens it, records part of the payment (still overdue, less
// owed), is told when a payment exceeds what is left, and sees the client's receivables shrink;
// then, in English, pays the rest: the invoice is paid and the client owes nothing. axe-core and
// console errors on each screen.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../../infra/testing/stack.ts';
import { seriousViolations } from './axe.ts';
import { type Chromium, closeBrowserStack, newUser, type Served, signIn, startBrowserStack } from './harness.ts';

let stack: TestStack;
let served: Served;
let chromium: Chromium;
let browser: Browser;
let clientId = '';
let invoice = { id: '', number: '' };

const SHOTS = process.env.SHOTS_DIR;
const look = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
};
const NAME = `ООО «Северный Полюс» ${crypto.randomUUID().slice(0, 6)}`;

beforeAll(async () => {
  ({ stack, served, chromium, browser } = await startBrowserStack({ worker: false }));
  const client = await stack.call<{ id: string }>('POST', '/api/clients', { as: 'seller1', body: { name: NAME, kind: 'legal' } });
  clientId = client.body.id;
  // Due long ago: overdue whatever day the test runs on.
  const made = await stack.call<{ id: string; number: string; status: string }>('POST', '/api/invoices', {
    as: 'seller1', body: { clientId, amount: 100_000, issueDate: '2025-01-10', dueDate: '2025-01-20', lines: [] },
  });
  expect(made.body.status).toBe('overdue');
  invoice = made.body;
});

afterAll(() => closeBrowserStack({ stack, served, chromium }));

describe('invoices in the browser', () => {
  it('seller1 records part of an overdue invoice\'s payment and sees what is still owed (Russian)', async () => {
    const { page, context, errors } = await newUser(browser);
    await signIn(page, served.baseUrl, 'seller1', `/invoices?overdue=1&q=${encodeURIComponent(NAME)}`);
    await page.getByRole('heading', { name: 'Счета' }).waitFor();
    const row = page.getByTestId('invoice-row').filter({ hasText: invoice.number });
    await row.getByText('Просрочен').waitFor();
    expect(await page.getByTestId('invoices-total').textContent()).toBe('1 счёт');
    expect(await seriousViolations(page)).toEqual([]);
    await look(page, 'invoices-ru');

    await row.getByRole('link', { name: invoice.number }).click();
    await page.waitForURL(`**/invoices/${invoice.id}`);
    await page.getByTestId('invoice-status').getByText('Просрочен').waitFor();
    const form = page.getByTestId('payment-form');
    await form.getByText(/Осталось оплатить: 1\s000,00/).waitFor();
    // More than is left: refused, and the form says how much is left.
    await page.getByTestId('payment-amount').fill('1500');
    await page.getByTestId('payment-document').fill('ПП-501');
    await form.getByRole('button', { name: 'Внести' }).click();
    await form.getByText(/больше остатка \(1\s000,00/).waitFor();
    await page.getByTestId('payment-amount').fill('400');
    await form.getByRole('button', { name: 'Внести' }).click();
    await page.getByTestId('payment-row').filter({ hasText: 'ПП-501' }).waitFor();
    await page.getByTestId('invoice-outstanding').getByText(/600,00/).waitFor();
    // Part paid but past its due date: still overdue.
    expect(await page.getByTestId('invoice-status').textContent()).toBe('Просрочен');
    expect(await seriousViolations(page)).toEqual([]);
    await look(page, 'invoice-ru');

    await page.goto(`${served.baseUrl}/receivables?q=${encodeURIComponent(NAME)}`);
    const owed = page.getByTestId('receivable-row').filter({ hasText: NAME });
    await owed.waitFor();
    expect(await owed.textContent()).toMatch(/600,00.*600,00/);
    expect(await seriousViolations(page)).toEqual([]);
    await look(page, 'receivables-ru');

    await page.goto(`${served.baseUrl}/clients/${clientId}`);
    await page.getByTestId('client-receivables').getByText(/Просрочено с/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await look(page, 'client-invoices-ru');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('pays the rest in English: the invoice is paid and the client owes nothing', async () => {
    const { page, context, errors } = await newUser(browser, { lang: 'en' });
    await signIn(page, served.baseUrl, 'seller1', `/invoices/${invoice.id}`);
    await page.getByTestId('invoice-status').getByText('Overdue').waitFor();
    const form = page.getByTestId('payment-form');
    await page.getByTestId('payment-amount').fill('600');
    await page.getByTestId('payment-document').fill('PP-502');
    await form.getByRole('button', { name: 'Record' }).click();
    await page.getByTestId('invoice-status').getByText('Paid').waitFor();
    await page.getByTestId('invoice-outstanding').getByText(/0\.00/).waitFor();
    expect(await page.getByTestId('payment-row').count()).toBe(2);
    expect(await seriousViolations(page)).toEqual([]);
    await look(page, 'invoice-en');

    await page.goto(`${served.baseUrl}/receivables?q=${encodeURIComponent(NAME)}`);
    await page.getByText('Nobody owes anything').waitFor();
    await page.goto(`${served.baseUrl}/receivables`);
    await page.getByTestId('receivable-row').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await look(page, 'receivables-en');

    await page.goto(`${served.baseUrl}/clients/${clientId}`);
    const section = page.getByTestId('client-invoices');
    await section.getByText('Paid').waitFor();
    expect(await section.getByTestId('client-receivables').count()).toBe(0);
    await look(page, 'client-invoices-en');
    await page.goto(`${served.baseUrl}/invoices`);
    await page.getByTestId('invoice-row').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await look(page, 'invoices-en');
    expect(errors).toEqual([]);
    await context.close();
  });
});
