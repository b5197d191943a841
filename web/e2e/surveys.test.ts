// The e-mail survey in a real Chromium against the real stack: a regular client opens the personal
// link from the letter, is told which answer to fix (nothing typed is lost), answers in Russian
// with a low score and is thanked; the quality officer's results page shows the answer and the
// complaint it opened. axe-core on each screen.
import type { Browser, Page } from 'playwright-core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

beforeAll(async () => {
  ({ stack, served, chromium, browser } = await startBrowserStack({ worker: true }));
});
afterAll(() => closeBrowserStack({ stack, served, chromium }));

describe('the survey in the browser', () => {
  it('a client answers the e-mailed survey in Russian with a low score; the results show it and its complaint', async () => {
    const email = `survey-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const c = await stack.call<{ id: string }>('POST', '/api/clients', { as: 'seller1', body: { name: 'ООО «Опрошенный»', kind: 'legal', email } });
    const db = stack.em().getKysely();
    await sql`update client set stage = 'regular' where id = ${c.body.id}::uuid`.execute(db);
    const { rows: [q] } = await sql<{ id: string }>`select id from questionnaire where key = 'satisfaction'`.execute(db);
    expect((await stack.call('POST', '/api/surveys/rounds', { as: 'quality', body: { questionnaireId: q!.id, channel: 'email', segment: 'regular' } })).status).toBe(201);
    const { rows: [mail] } = await sql<{ text: string }>`select text from mail_message where "to" = ${email}`.execute(db);
    const path = /\/s\/[A-Za-z0-9_-]+/.exec(mail!.text)![0];

    const { page, context, errors } = await newUser(browser);
    await page.goto(`${served.baseUrl}${path}`);
    await page.getByRole('heading', { name: 'Удовлетворённость клиентов' }).waitFor();
    await look(page, 'survey-public-ru');
    expect(await seriousViolations(page)).toEqual([]);
    // Only the text typed and one score: the required ones are named, the text stays.
    await page.getByTestId('q-improve').fill('Монтажники опоздали на день');
    await page.getByTestId('q-equipment').getByRole('radio', { name: '2' }).check();
    await page.getByRole('button', { name: 'Отправить ответы' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByTestId('q-installation').textContent()).toContain('an answer is required');
    expect(await page.getByTestId('q-improve').inputValue()).toBe('Монтажники опоздали на день');
    await page.getByTestId('q-installation').getByRole('radio', { name: '4' }).check();
    await page.getByTestId('q-recommend').getByRole('radio', { name: '6' }).check();
    await page.getByRole('button', { name: 'Отправить ответы' }).click();
    await page.getByTestId('survey-done').waitFor();
    expect(await page.getByTestId('survey-done').textContent()).toContain('Спасибо');
    await look(page, 'survey-thanks-ru');
    expect(errors).toEqual([]);
    await context.close();

    const staff = await newUser(browser);
    await signIn(staff.page, served.baseUrl, 'quality', `/surveys/${q!.id}/results`);
    await staff.page.getByTestId('low-answers').getByText('ООО «Опрошенный»').waitFor();
    expect(await staff.page.getByTestId('low-answers').textContent()).toMatch(/жалоба Ж-\d+ открыта/);
    expect(await staff.page.getByTestId('result-improve').textContent()).toContain('Монтажники опоздали на день');
    await look(staff.page, 'survey-results-ru');
    expect(await seriousViolations(staff.page)).toEqual([]);
    await staff.page.getByRole('button', { name: 'EN' }).click();
    await staff.page.getByText('Low scores').first().waitFor();
    await look(staff.page, 'survey-results-en');
    await staff.context.close();
  });
});
