// The manager's pages in a real Chromium against the real stack: the head of sales opens a case
// of seller1's, sees the current step highlighted on the diagram with its holder and timers,
// reassigns it to seller2 (whose inbox then has it), sends an event to another case with a reason (refused at
// the field first), cancels a third (reason and confirmation); filters the case list by holder;
// hands seller1's work back to the queue on the team page; the same pages in English and on a
// phone; and seller1 gets no manager actions and no team page. axe-core and console errors on each.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../../infra/testing/stack.ts';
import { seriousViolations } from './axe.ts';
import { type Chromium, closeBrowserStack, newUser, type Served, signIn, startBrowserStack } from './harness.ts';
import { publishManagerRoute, startCaseOf } from './manager-route.ts';

let stack: TestStack;
let served: Served;
let chromium: Chromium;
let browser: Browser;
const ids: Record<string, string> = {};
const people: Record<string, string> = {};

const SHOTS = process.env.SHOTS_DIR;
const look = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
};

beforeAll(async () => {
  ({ stack, served, chromium, browser } = await startBrowserStack({ worker: true }));
  await publishManagerRoute(stack, 'deal-payment', 'seller1');
  for (const who of ['seller1', 'seller2']) people[who] = (await stack.call<{ id: string }>('GET', '/api/auth/me', { as: who })).body.id;
  ids.reassign = await startCaseOf(stack, 'seller1', 'deal-payment', 'Павильон 12: КП на витрины');
  ids.event = await startCaseOf(stack, 'seller1', 'deal-payment', 'Кафе «Полюс»: оплата');
  ids.cancel = await startCaseOf(stack, 'seller1', 'deal-payment', 'Пекарня: отказ клиента');
  ids.other = await startCaseOf(stack, 'seller2', 'deal-payment', 'Гипермаркет: камера');
});

afterAll(() => closeBrowserStack({ stack, served, chromium }));

const inboxOf = async (who: string) => (await stack.call<{ items: { id: string; process: { id: string } }[] }>('GET', '/api/assignments/inbox', { as: who })).body.items.map((i) => i.process.id);

describe('the manager in the browser', () => {
  it("sees seller1's current step on the diagram with its holder and timers, and reassigns it to seller2", async () => {
    const { page, context, errors } = await newUser(browser);
    await signIn(page, served.baseUrl, 'sales.head', `/cases/${ids.reassign}`);
    await page.getByRole('heading', { name: 'Павильон 12: КП на витрины' }).waitFor();
    const node = page.locator('[data-node-id="offer"]');
    await node.waitFor();
    await expect.poll(() => node.getAttribute('data-state'), { timeout: 15_000 }).toBe('current');
    await node.getByText(/^Исполнитель: Дмитрий Иванов, с /).waitFor();
    await node.getByText(/^Напоминание: /).waitFor();
    await node.getByText(/^Эскалация: уведомить руководителя: /).waitFor();
    const open = page.getByTestId('open-step');
    await open.getByTestId('holder').getByText(/Исполнитель: Дмитрий Иванов/).waitFor();
    await expect.poll(() => open.getByTestId('timer').count(), { timeout: 15_000 }).toBe(2);
    await look(page, 'case-ru');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Переназначить: Подготовить КП' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: 'Сотрудник' }).click();
    await page.getByRole('option', { name: 'Елена Морозова' }).click();
    // No reason yet: the form says so and goes no further.
    await dialog.getByRole('button', { name: 'Далее' }).click();
    await dialog.getByText('Обязательное поле').waitFor();
    await dialog.locator('textarea[data-field="reason"]').fill('Дмитрий в отпуске');
    await dialog.getByRole('button', { name: 'Далее' }).click();
    await dialog.getByText('Передать «Подготовить КП» — Елена Морозова?').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Переназначить' }).click();
    await page.getByText('Задача передана').waitFor();
    await open.getByTestId('holder').getByText(/Исполнитель: Елена Морозова/).waitFor();
    await page.getByTestId('timeline').getByText('Дмитрий в отпуске').waitFor();
    expect(await inboxOf('seller2')).toContain(ids.reassign);
    expect(await inboxOf('seller1')).not.toContain(ids.reassign);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('sends a declared event to another case, its missing amount refused at the field first', async () => {
    const { page, context, errors } = await newUser(browser);
    await signIn(page, served.baseUrl, 'sales.head', `/cases/${ids.event}`);
    await page.getByRole('button', { name: 'Отправить событие' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByRole('combobox', { name: 'Событие' }).inputValue(), { timeout: 15_000 }).toBe('Оплата получена');
    // A reason is asked for before anything is sent.
    await dialog.getByRole('button', { name: 'Далее' }).click();
    await expect.poll(() => dialog.locator('textarea[data-field="reason"]').getAttribute('aria-invalid'), { timeout: 15_000 }).toBe('true');
    await dialog.locator('textarea[data-field="reason"]').fill('Бухгалтерия клиента подтвердила оплату по телефону');
    await dialog.getByRole('button', { name: 'Далее' }).click();
    await dialog.getByRole('button', { name: 'Отправить' }).click();
    // Back at the form: the API's error at the amount.
    const amount = dialog.locator('input[data-field="amount"]');
    await expect.poll(() => amount.getAttribute('aria-invalid'), { timeout: 15_000 }).toBe('true');
    await dialog.getByText('Обязательное поле').waitFor();
    await amount.fill('150000');
    await dialog.getByRole('button', { name: 'Далее' }).click();
    await dialog.getByText('Отправить событие «Оплата получена» в дело «Кафе «Полюс»: оплата»?').waitFor();
    await dialog.getByRole('button', { name: 'Отправить' }).click();
    await page.getByText('Событие отправлено').waitFor();
    // The reason is kept with the event: in the audit log now, in the timeline when the case takes it.
    const audit = await stack.call<{ items: { details: { name?: string; reason?: string } | null }[] }>('GET', `/api/audit?action=process.event&targetId=${ids.event}`, { as: 'admin' });
    expect(audit.body.items[0]?.details).toEqual({ name: 'paid', reason: 'Бухгалтерия клиента подтвердила оплату по телефону' });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('cancels a case with a reason, after a confirmation', async () => {
    const { page, context, errors } = await newUser(browser);
    await signIn(page, served.baseUrl, 'sales.head', `/cases/${ids.cancel}`);
    await page.getByRole('button', { name: 'Отменить дело' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('textarea[data-field="reason"]').fill('Клиент отказался');
    await dialog.getByRole('button', { name: 'Далее' }).click();
    await dialog.getByText(/Отменить дело «Пекарня: отказ клиента»\? Открытые задачи будут сняты/).waitFor();
    await dialog.getByRole('button', { name: 'Отменить дело' }).click();
    await expect.poll(() => page.getByTestId('case-status').textContent(), { timeout: 15_000 }).toBeDefined();
    await page.getByTestId('case-status').getByText('отменено').waitFor();
    await expect.poll(() => page.getByTestId('manager-actions').count(), { timeout: 15_000 }).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('filters the case list by who holds the current step, with "waiting for" in the address bar', async () => {
    const { page, context, errors } = await newUser(browser);
    await signIn(page, served.baseUrl, 'sales.head', '/cases');
    await page.getByRole('heading', { name: 'Дела' }).waitFor();
    await page.getByTestId('case-row').first().waitFor();
    await page.getByRole('combobox', { name: 'У кого текущий шаг' }).click();
    await page.getByRole('option', { name: 'Елена Морозова' }).click();
    await page.waitForURL((u) => u.searchParams.get('holder') === people.seller2);
    const rows = page.getByTestId('case-row');
    // Only the case whose step was moved to her; the others wait for seller1 or have ended.
    await page.getByTestId('cases-total').getByText('1 дело').waitFor();
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => rows.first().getAttribute('data-case'), { timeout: 15_000 }).toBe(ids.reassign);
    await expect.poll(() => rows.filter({ hasText: 'Павильон 12' }).getByTestId('waiting-for').textContent(), { timeout: 15_000 }).toContain('Елена Морозова · Подготовить КП');
    await look(page, 'cases-ru');
    expect(await seriousViolations(page)).toEqual([]);
    // Bookmarked: the same view after a reload.
    await page.reload();
    await page.getByTestId('cases-total').getByText('1 дело').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it("hands seller1's open work back to the sales queue in one action", async () => {
    const { page, context, errors } = await newUser(browser);
    await signIn(page, served.baseUrl, 'sales.head', '/team');
    await page.getByRole('heading', { name: 'Команда' }).waitFor();
    const seller1 = page.locator(`[data-member="${people.seller1}"]`);
    // The event case's step and the step of seller2's case.
    await expect.poll(() => seller1.getByTestId('open-count').textContent(), { timeout: 15_000 }).toBe('2');
    await seller1.getByRole('button', { name: 'Дмитрий Иванов' }).click();
    await page.getByTestId('team-work-item').filter({ hasText: 'Кафе «Полюс»: оплата' }).waitFor();
    await look(page, 'team-ru');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Передать всю работу' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: 'Роль' }).click();
    await page.getByRole('option', { name: 'Менеджер по продажам' }).click();
    await dialog.getByLabel('Отпуск').check();
    await dialog.getByRole('button', { name: 'Далее' }).click();
    await dialog.getByText('Передать всю открытую работу — В очереди «Менеджер по продажам»?').waitFor();
    await dialog.getByRole('button', { name: 'Передать' }).click();
    await page.getByTestId('hand-over-result').getByText('Переданы 2 задачи').waitFor();
    await page.getByText('Открытых задач нет').waitFor();
    expect(await inboxOf('seller1')).not.toContain(ids.event);
    const queue = await stack.call<{ items: { process: { id: string } }[] }>('GET', '/api/assignments/queue', { as: 'seller3' });
    expect(queue.body.items.map((i) => i.process.id)).toEqual(expect.arrayContaining([ids.event, ids.other]));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the same pages in English', async () => {
    const { page, context, errors } = await newUser(browser, { lang: 'en' });
    await signIn(page, served.baseUrl, 'sales.head', `/cases/${ids.reassign}`);
    await page.getByTestId('open-step').getByText(/With Елена Морозова · since/).waitFor();
    await page.locator('[data-node-id="offer"]').getByText(/^Reminder: /).waitFor();
    await page.getByRole('button', { name: 'Reassign: Подготовить КП' }).waitFor();
    await page.getByRole('button', { name: 'Cancel the case' }).waitFor();
    await look(page, 'case-en');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Cases', exact: true }).first().click();
    await page.getByRole('heading', { name: 'Cases' }).waitFor();
    await page.getByRole('columnheader', { name: 'Waiting for' }).waitFor();
    await look(page, 'cases-en');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Team', exact: true }).first().click();
    await page.getByRole('heading', { name: 'Team' }).waitFor();
    await page.getByText('Choose a person to see their work').waitFor();
    await look(page, 'team-en');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('fits the case view on a phone-width screen', async () => {
    const { page, context, errors } = await newUser(browser, { width: 390 });
    await signIn(page, served.baseUrl, 'sales.head', `/cases/${ids.reassign}`);
    await page.locator('[data-node-id="offer"]').waitFor();
    const overflow = await page.evaluate(() => {
      const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
      return d.scrollWidth - d.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    await look(page, 'case-phone');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('gives an employee no manager actions and no team page', async () => {
    const { page, context, errors } = await newUser(browser);
    // seller1 holds the first step of seller2's case: involved, but supervises nothing.
    await signIn(page, served.baseUrl, 'seller1', `/cases/${ids.other}`);
    await page.getByRole('heading', { name: 'Гипермаркет: камера' }).waitFor();
    await page.locator('[data-node-id="offer"][data-state="current"]').waitFor();
    await expect.poll(() => page.getByTestId('manager-actions').count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => page.getByRole('button', { name: /Переназначить/ }).count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => page.getByRole('link', { name: 'Команда' }).count(), { timeout: 15_000 }).toBe(0);
    await page.getByRole('link', { name: 'Дела', exact: true }).first().waitFor();
    await page.goto(`${served.baseUrl}/team`);
    await expect.poll(() => page.getByTestId('team-list').count(), { timeout: 15_000 }).toBe(0);
    expect((await stack.call('GET', '/api/team', { as: 'seller1' })).status).toBe(403);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
