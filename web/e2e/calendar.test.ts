// The interactions calendar in a real Chromium against the real stack: seller1 plans a call from an
// empty slot of the week view, sees it there, opens it and marks it done with a report, and has no
// team switch; the head of sales switches to the team and sees seller1's and seller2's plans side
// by side with each one's counts; the client card lists the client's deals. Russian and English,
// axe-core and console errors on each screen.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Employee } from '../../domain/entities/index.ts';
import { demoEmail } from '../../infra/db/demo-data.ts';
import type { TestStack } from '../../infra/testing/stack.ts';
import { seriousViolations } from './axe.ts';
import { type Chromium, closeBrowserStack, newUser, type Served, signIn, startBrowserStack } from './harness.ts';

let stack: TestStack;
let served: Served;
let chromium: Chromium;
let browser: Browser;
const id: Record<string, string> = {};
let clientOf1 = '';
let clientOf2 = '';

const SHOTS = process.env.SHOTS_DIR;
const look = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
};
// A week far from the demo data's interactions (Moscow time: UTC+3), so what shows is this file's.
const DAY = '2031-03-05';
const CLIENT1 = 'ООО «Календарь Первый»';

beforeAll(async () => {
  ({ stack, served, chromium, browser } = await startBrowserStack({ worker: false }));
  for (const key of ['seller1', 'seller2']) id[key] = (await stack.em().findOneOrFail(Employee, { email: demoEmail(key) })).id;
  clientOf1 = (await stack.call<{ id: string }>('POST', '/api/clients', { as: 'seller1', body: { name: CLIENT1, kind: 'legal' } })).body.id;
  clientOf2 = (await stack.call<{ id: string }>('POST', '/api/clients', { as: 'seller2', body: { name: 'ООО «Календарь Второй»', kind: 'legal' } })).body.id;
  expect((await stack.call('POST', '/api/interactions', { as: 'seller2', body: { clientId: clientOf2, kind: 'meeting', at: '2031-03-06T11:00:00Z', subject: 'Осмотр площадки' } })).status).toBe(201);
  expect((await stack.call('POST', '/api/deals', { as: 'seller1', body: { clientId: clientOf1, title: 'Витрины для зала', amount: 65_432_199, plannedCloseDate: '2031-04-01' } })).status).toBe(201);
});

afterAll(() => closeBrowserStack({ stack, served, chromium }));

describe('the calendar in the browser', () => {
  it('seller1 plans a call from the week view, sees it, marks it done with a report; no team switch', async () => {
    const { page, context, errors } = await newUser(browser);
    await signIn(page, served.baseUrl, 'seller1', `/calendar?day=${DAY}`);
    await page.getByRole('heading', { name: 'Календарь' }).waitFor();
    await page.getByTestId('week-view').waitFor();
    await page.getByRole('link', { name: 'Календарь' }).first().waitFor();
    expect(await page.getByTestId('team-switch').count()).toBe(0);

    await page.getByTestId(`slot-${DAY}-11`).getByRole('button').click();
    const form = page.getByTestId('plan-form');
    // The slot's time on the company's clock is preset.
    expect(await form.locator('input[data-field="at"]').inputValue()).toBe(`${DAY}T11:00`);
    await form.locator('input[data-field="clientId"]').fill('Календарь Первый');
    await page.getByRole('option', { name: CLIENT1 }).click();
    await form.locator('input[data-field="subject"]').fill('Звонок по КП');
    await look(page, 'calendar-plan-ru');
    expect(await seriousViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Запланировать' }).click();

    const item = page.getByTestId(`slot-${DAY}-11`).getByTestId('cal-item');
    await item.waitFor();
    expect(await item.getAttribute('data-status')).toBe('planned');
    expect(await item.textContent()).toContain(CLIENT1);
    await look(page, 'calendar-week-ru');
    expect(await seriousViolations(page)).toEqual([]);

    await item.click();
    const drawer = page.getByTestId('item-drawer');
    await drawer.getByRole('link', { name: CLIENT1 }).waitFor();
    await drawer.locator('textarea[data-field="report"]').fill('Клиент ждёт КП до пятницы');
    await drawer.getByRole('button', { name: 'Отметить выполненным' }).click();
    await drawer.getByTestId('report').getByText('Клиент ждёт КП до пятницы').waitFor();
    await page.getByTestId(`slot-${DAY}-11`).locator('[data-testid="cal-item"][data-status="done"]').waitFor();
    await look(page, 'calendar-done-ru');
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');

    // The month and the agenda show it too.
    await page.getByText('Месяц').click();
    await page.getByTestId(`day-${DAY}`).getByTestId('cal-item').waitFor();
    await page.getByText('Список').click();
    await page.getByTestId('agenda-view').getByTestId('cal-item').first().waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the head of sales sees seller1\'s and seller2\'s plans side by side with counts, in English too', async () => {
    const { page, context, errors } = await newUser(browser);
    await signIn(page, served.baseUrl, 'sales.head', `/calendar?day=${DAY}`);
    await page.getByTestId('team-switch').getByText('Команда').click();
    await page.getByRole('heading', { name: 'Календарь команды' }).waitFor();
    await page.locator(`[data-testid="cal-item"][data-employee="${id['seller1']}"]`).first().waitFor();
    await page.locator(`[data-testid="cal-item"][data-employee="${id['seller2']}"]`).first().waitFor();
    const row = (who: string) => page.locator(`[data-testid="summary-row"][data-employee="${id[who]}"]`);
    await row('seller2').waitFor();
    expect(await row('seller1').locator('[data-col="done"]').textContent()).toBe('1');
    expect(await row('seller2').locator('[data-col="planned"]').textContent()).toBe('1');
    await look(page, 'calendar-team-ru');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByTestId('language').click();
    await page.getByRole('heading', { name: 'Team calendar' }).waitFor();
    await page.getByRole('columnheader', { name: 'Overdue' }).waitFor();
    await look(page, 'calendar-team-en');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the client card lists the client\'s deals with amount in rubles, in Russian and English', async () => {
    const { page, context, errors } = await newUser(browser);
    await signIn(page, served.baseUrl, 'seller1', `/clients/${clientOf1}`);
    const deal = page.getByTestId('client-deal');
    await deal.waitFor();
    expect(await deal.getByRole('link').getAttribute('href')).toMatch(/^\/deals\/[0-9a-f-]{36}$/);
    expect(await deal.locator('[data-col="amount"]').textContent()).toBe(new Intl.NumberFormat('ru-RU', { style: 'currency', currency: 'RUB' }).format(654_321.99));
    // The deal started its Deal route: the card lists that case with the step it waits at.
    await page.getByTestId('client-cases').getByTestId('client-case').getByText('Провести демонстрацию или презентацию').waitFor();
    await look(page, 'client-deals-ru');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId('language').click();
    await page.getByRole('heading', { name: 'Deals' }).waitFor();
    await look(page, 'client-deals-en');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
