// The customer portal in a real Chromium against the real stack: a client with no account submits
// a complaint (a mistyped e-mail named at its field first), opens the confirmation link from the
// outbox, lands on the follow page and replies; the quality officer reads the reply on the
// complaint page and answers; the client sees the answer. Russian and English; axe-core and
// console errors on each screen.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Complaint, MailMessage } from '../../domain/entities/index.ts';
import type { TestStack } from '../../infra/testing/stack.ts';
import { seriousViolations } from './axe.ts';
import { type Chromium, closeBrowserStack, newUser, type Served, signIn, startBrowserStack } from './harness.ts';

let stack: TestStack;
let served: Served;
let chromium: Chromium;
let browser: Browser;

const SHOTS = process.env.SHOTS_DIR;
const look = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
};

const EMAIL = `portal-${crypto.randomUUID()}@example.com`;
let followPath = '';

beforeAll(async () => {
  ({ stack, served, chromium, browser } = await startBrowserStack({ worker: false }));
});

afterAll(() => closeBrowserStack({ stack, served, chromium }));

describe('the customer portal in the browser', () => {
  it('a client submits, confirms from the e-mail, follows the complaint and replies (Russian)', async () => {
    const { page, context, errors } = await newUser(browser);
    await page.goto(`${served.baseUrl}/portal`);
    await page.getByRole('heading', { name: 'Обращение в компанию «Лидер»' }).waitFor();
    await look(page, 'portal-form-ru');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Ваше имя').fill('Ирина Петрова');
    await page.getByLabel('Электронная почта').fill('irina-at-example');
    await page.getByLabel('Тема').fill('Витрина не держит температуру');
    await page.getByLabel('Подробности').fill('Купили в марте, с сентября греется до +12.');
    await page.getByRole('button', { name: 'Отправить' }).click();
    // Named at its field once the API has answered; nothing typed is lost.
    await page.locator('input[name="email"][aria-invalid="true"]').waitFor();
    await expect(page.getByLabel('Тема').inputValue()).resolves.toBe('Витрина не держит температуру');
    await page.getByLabel('Электронная почта').fill(EMAIL);
    await page.getByRole('button', { name: 'Отправить' }).click();
    await page.getByTestId('portal-sent').waitFor();
    expect(await page.getByTestId('portal-sent').textContent()).toContain('Проверьте почту');

    const mail = await stack.em().findOneOrFail(MailMessage, { to: EMAIL });
    const link = /https?:\/\/\S+\/portal\/confirm\/[A-Za-z0-9_-]+/.exec(mail.text)![0];
    await page.goto(link);
    await page.waitForURL(/\/portal\/c\//);
    followPath = new URL(page.url()).pathname;
    await page.getByTestId('portal-status').waitFor();
    expect(await page.getByTestId('portal-status').textContent()).toMatch(/Получено|В работе/);
    expect(await page.getByTestId('portal-due').textContent()).toContain('Ответ - не позднее');
    await page.getByLabel('Ваше сообщение').fill('Фото витрины отправила на почту');
    await page.getByRole('button', { name: 'Отправить сообщение' }).click();
    await page.getByTestId('portal-messages').getByText('Фото витрины отправила на почту').waitFor();
    await page.getByText('Срок ответа приостановлен').waitFor();
    await look(page, 'portal-case-ru');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the quality officer reads the reply and answers; the client sees the answer', async () => {
    const complaint = await stack.em().findOneOrFail(Complaint, { contactEmail: EMAIL });
    const officer = await newUser(browser);
    await signIn(officer.page, served.baseUrl, 'quality', `/complaints/${complaint.id}`);
    await officer.page.getByText('Фото витрины отправила на почту').waitFor();
    await officer.page.getByLabel('Сообщение клиенту').fill('Спасибо! Мастер приедет в четверг.');
    await officer.page.getByRole('button', { name: 'Отправить', exact: true }).click();
    await officer.page.getByText('Спасибо! Мастер приедет в четверг.').waitFor();
    await look(officer.page, 'portal-officer-ru');
    expect(officer.errors).toEqual([]);
    await officer.context.close();

    const { page, context, errors } = await newUser(browser);
    await page.goto(served.baseUrl + followPath);
    await page.getByTestId('portal-messages').getByText('Спасибо! Мастер приедет в четверг.').waitFor();
    expect(await page.getByText('Срок ответа приостановлен').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('in English: the form and the follow page; a wrong link says only that it is not valid', async () => {
    const { page, context, errors } = await newUser(browser, { lang: 'en' });
    await page.goto(`${served.baseUrl}/portal`);
    await page.getByRole('heading', { name: 'Write to Lider' }).waitFor();
    await look(page, 'portal-form-en');
    await page.goto(served.baseUrl + followPath);
    await page.getByRole('heading', { name: 'Messages' }).waitFor();
    await page.getByText('Спасибо! Мастер приедет в четверг.').waitFor();
    expect(await page.getByTestId('portal-status').textContent()).toMatch(/Received|In progress/);
    await look(page, 'portal-case-en');
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${served.baseUrl}/portal/c/${'x'.repeat(43)}`);
    await page.getByRole('alert').getByText('This link is not valid').waitFor();
    await look(page, 'portal-bad-link-en');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
