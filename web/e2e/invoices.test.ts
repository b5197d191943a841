// Invoices in a real Chromium against the real stack: seller1 finds an overdue invoice of her
// client among the overdue ones (red), opens it, records part of the payment (still overdue, less
// owed), is told when a payment exceeds what is left, and sees the client's receivables shrink;
// then, in English, pays the rest: the invoice is paid and the client owes nothing. The write
// screens: seller1 creates an invoice on a client's card (a wrong due date is marked at the field,
// nothing typed is lost) and records a payment; in English she drafts one from the list, issues
// it, plans its payments (a stale version shows the invoice as it is now and sending again works),
// records an overpayment when offered, and cancels another; a person without the right sees no
// button. axe-core and console errors on each screen; each dialog photographed in RU and EN.
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
let client2 = '';

const SHOTS = process.env.SHOTS_DIR;
const look = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
};
const NAME = `ООО «Северный Полюс» ${crypto.randomUUID().slice(0, 6)}`;
const NAME2 = `ИП Морозов ${crypto.randomUUID().slice(0, 6)}`;
/** Opens a dialog by its button, checks it with axe, photographs it and closes it unchanged. */
const peek = async (page: Page, button: string, shot: string) => {
  await page.getByRole('button', { name: button, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await page.waitForTimeout(250);
  expect(await seriousViolations(page)).toEqual([]);
  await look(page, shot);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
};

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
  client2 = (await stack.call<{ id: string }>('POST', '/api/clients', { as: 'seller1', body: { name: NAME2, kind: 'person' } })).body.id;
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
    await form.getByRole('button', { name: 'Внести', exact: true }).click();
    await form.getByText(/больше остатка \(1\s000,00/).waitFor();
    await page.getByTestId('payment-amount').fill('400');
    await form.getByRole('button', { name: 'Внести', exact: true }).click();
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

  it('seller1 creates an invoice on the client card: a wrong due date is marked and nothing typed is lost; then a payment (Russian)', async () => {
    const { page, context, errors } = await newUser(browser);
    await signIn(page, served.baseUrl, 'seller1', `/clients/${client2}`);
    const section = page.getByTestId('client-invoices');
    await section.getByText('Счетов пока нет').waitFor();
    await section.getByRole('button', { name: 'Новый счёт' }).click();
    const form = page.getByTestId('new-invoice-form');
    expect(await form.locator('input[data-field="clientId"]').inputValue()).toBe(NAME2);
    await form.locator('input[data-field="name0"]').fill('Витрина «Полюс» 1,5 м');
    await form.locator('input[data-field="quantity0"]').fill('2');
    await form.locator('input[data-field="price0"]').fill('1500,5');
    await form.getByRole('button', { name: 'Добавить позицию' }).click();
    await form.locator('input[data-field="name1"]').fill('Монтаж');
    await form.locator('input[data-field="price1"]').fill('999');
    await form.getByTestId('invoice-sum').getByText(/Итого: 4\s000,00/).waitFor();
    await form.locator('input[data-field="dueDate"]').fill('2020-01-31');
    expect(await seriousViolations(page)).toEqual([]);
    await look(page, 'dialog-new-invoice-ru');
    await form.getByRole('button', { name: 'Выставить счёт' }).click();
    // The API refuses a due date before the issue date: said at the field, the dialog keeps everything.
    await form.getByText('must be on or after the issue date').waitFor();
    expect(await form.locator('input[data-field="name0"]').inputValue()).toBe('Витрина «Полюс» 1,5 м');
    expect(await form.locator('input[data-field="price1"]').inputValue()).toBe('999');
    await look(page, 'dialog-new-invoice-error-ru');
    await form.locator('input[data-field="dueDate"]').fill('2031-01-31');
    await form.getByRole('button', { name: 'Выставить счёт' }).click();
    await page.waitForURL(/\/invoices\/[0-9a-f-]{36}$/);
    await page.getByTestId('invoice-status').getByText('Выставлен').waitFor();
    await page.getByTestId('invoice-outstanding').getByText(/4\s000,00/).waitFor();
    await page.getByRole('cell', { name: 'Монтаж' }).waitFor();

    await peek(page, 'График платежей', 'dialog-schedule-ru');
    await peek(page, 'Аннулировать', 'dialog-cancel-ru');
    const pay = page.getByTestId('payment-form');
    await page.getByTestId('payment-amount').fill('1000');
    await page.getByTestId('payment-document').fill('ПП-7');
    await pay.getByRole('button', { name: 'Внести' }).click();
    await page.getByTestId('invoice-status').getByText('Оплачен частично').waitFor();
    await page.getByTestId('invoice-outstanding').getByText(/3\s000,00/).waitFor();
    // An invoice with payments is not cancelled: the button is gone.
    expect(await page.getByRole('button', { name: 'Аннулировать' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await look(page, 'invoice-created-paid-ru');

    await page.goto(`${served.baseUrl}/clients/${client2}`);
    await page.getByTestId('client-receivables').getByText(/3\s000,00/).first().waitFor();
    await page.getByTestId('client-invoices').getByText('Оплачен частично').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('in English: drafts an invoice from the list, issues it, plans payments across a stale version, records an overpayment, cancels another', async () => {
    const { page, context, errors } = await newUser(browser, { lang: 'en' });
    await signIn(page, served.baseUrl, 'seller1', '/invoices');
    await page.getByRole('button', { name: 'New invoice' }).click();
    const form = page.getByTestId('new-invoice-form');
    await form.locator('input[data-field="clientId"]').fill(NAME2.slice(0, 12));
    await page.getByRole('option', { name: NAME2 }).click();
    await form.locator('input[data-field="name0"]').fill('Service contract');
    await form.locator('input[data-field="price0"]').fill('2,500.25');
    await form.getByTestId('invoice-sum').getByText(/Total: .*2,500\.25/).waitFor();
    await form.locator('input[data-field="dueDate"]').fill('2031-03-31');
    await form.getByText('Save as a draft, do not issue yet').click();
    expect(await seriousViolations(page)).toEqual([]);
    await look(page, 'dialog-new-invoice-en');
    await form.getByRole('button', { name: 'Save draft' }).click();
    await page.waitForURL(/\/invoices\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop()!;
    await page.getByTestId('invoice-status').getByText('Draft').waitFor();

    await page.getByRole('button', { name: 'Issue', exact: true }).click();
    const issue = page.getByTestId('issue-form');
    await issue.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await look(page, 'dialog-issue-en');
    await issue.getByRole('button', { name: 'Issue' }).click();
    await page.getByTestId('invoice-status').getByText('Issued').waitFor();

    await page.getByRole('button', { name: 'Payment schedule' }).click();
    const plan = page.getByTestId('schedule-form');
    await plan.locator('input[data-field="amount0"]').fill('1000');
    await plan.getByRole('button', { name: 'Add a payment' }).click();
    await plan.locator('input[data-field="dueOn1"]').fill('2031-04-30');
    await plan.locator('input[data-field="amount1"]').fill('1500.25');
    await plan.getByTestId('schedule-sum').getByText(/Planned .*2,500\.25 of .*2,500\.25/).waitFor();
    // Meanwhile someone else changes the invoice: the page's version is stale now.
    const now = await stack.call<{ version: number }>('GET', `/api/invoices/${id}`, { as: 'seller1' });
    expect((await stack.call('PATCH', `/api/invoices/${id}`, { as: 'sales.head', body: { version: now.body.version, notes: 'Клиент просил разбить оплату' } })).status).toBe(200);
    await plan.getByRole('button', { name: 'Save schedule' }).click();
    await plan.getByTestId('stale-notice').getByText(/Андрей Соколов changed the invoice/).waitFor();
    expect(await plan.locator('input[data-field="amount1"]').inputValue()).toBe('1,500.25');
    expect(await seriousViolations(page)).toEqual([]);
    await look(page, 'dialog-schedule-stale-en');
    await plan.getByRole('button', { name: 'Save schedule' }).click();
    await plan.waitFor({ state: 'detached' });
    expect(await page.getByTestId('invoice-schedule').getByRole('row').count()).toBe(3);

    const pay = page.getByTestId('payment-form');
    await page.getByTestId('payment-amount').fill('3000');
    await page.getByTestId('payment-document').fill('PP-900');
    await pay.getByRole('button', { name: 'Record', exact: true }).click();
    await pay.getByText(/This is more than is left \(/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await look(page, 'payment-overpayment-offer-en');
    await pay.getByRole('button', { name: 'Record as overpayment' }).click();
    await page.getByTestId('invoice-status').getByText('Paid').waitFor();
    await page.getByTestId('payment-row').getByText('overpayment').waitFor();

    const other = await stack.call<{ id: string }>('POST', '/api/invoices', { as: 'seller1', body: { clientId: client2, amount: 50_000, issueDate: '2031-01-10', dueDate: '2031-02-10', draft: true } });
    await page.goto(`${served.baseUrl}/invoices/${other.body.id}`);
    await page.getByTestId('invoice-status').getByText('Draft').waitFor();
    await peek(page, 'Payment schedule', 'dialog-schedule-en');
    await page.getByRole('button', { name: 'Cancel invoice' }).click();
    const cancel = page.getByTestId('cancel-form');
    await cancel.getByRole('button', { name: 'Cancel invoice' }).click();
    await cancel.getByText('Required').waitFor();
    await cancel.locator('textarea[data-field="reason"]').fill('Client chose another supplier');
    expect(await seriousViolations(page)).toEqual([]);
    await look(page, 'dialog-cancel-en');
    await cancel.getByRole('button', { name: 'Cancel invoice' }).click();
    await page.getByTestId('invoice-status').getByText('Cancelled').waitFor();
    await page.getByText('Cancelled: Client chose another supplier').waitFor();
    expect(await page.getByTestId('invoice-actions').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('someone without the right to invoices sees no button to write them', async () => {
    const { page, context, errors } = await newUser(browser);
    await signIn(page, served.baseUrl, 'engineer1', '/invoices');
    await page.getByRole('heading', { name: 'Счета' }).waitFor();
    await page.getByTestId('invoices-total').getByText(/счет/).waitFor();
    expect(await page.getByRole('button', { name: 'Новый счёт' }).count()).toBe(0);
    // quality sees every client and its invoices, but changes none of them.
    await page.context().clearCookies();
    await signIn(page, served.baseUrl, 'quality', `/invoices/${invoice.id}`);
    await page.getByTestId('invoice-status').waitFor();
    await page.getByText('Вы можете только смотреть этот счёт.').waitFor();
    expect(await page.getByTestId('invoice-actions').count()).toBe(0);
    await page.goto(`${served.baseUrl}/clients/${clientId}`);
    await page.getByTestId('client-invoices').waitFor();
    expect(await page.getByTestId('new-invoice').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
