// The designer's route pages in a real Chromium against the real stack: the list, a new route
// (its key refused at the field, then created), a draft refused by the check and then published
// as v1 from the route page, a changed draft published as v2, and the visual diff of the two
// with the added, changed and removed nodes coloured and listed; the same pages in English; an
// employee without the designer role told clearly that the pages are not for them.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../../infra/testing/stack.ts';
import { seriousViolations } from './axe.ts';
import { type Chromium, closeBrowserStack, newUser, type Served, signIn, startBrowserStack } from './harness.ts';
import { brokenDraft, complaintV1, complaintV2, putDraft, routeWithTwoVersions } from './route-fixtures.ts';

let stack: TestStack;
let served: Served;
let chromium: Chromium;
let browser: Browser;

beforeAll(async () => {
  ({ stack, served, chromium, browser } = await startBrowserStack({ worker: false }));
});

afterAll(() => closeBrowserStack({ stack, served, chromium }));

/** Axe on a page whose dialogs and transitions have finished moving (mid-fade colours are not what people read). */
async function axeWhenSettled(page: Page): Promise<string[]> {
  // Runs in the page; the Node project has no DOM types, hence the narrow shape.
  await page.waitForFunction(() => (globalThis as unknown as { document: { getAnimations(): { playState: string }[] } }).document.getAnimations().every((a) => a.playState !== 'running'));
  return seriousViolations(page);
}

/** A CSS property as the browser computes it. */
async function cssOf(locator: Locator, prop: string): Promise<string> {
  return locator.evaluate((el, p) => (globalThis as unknown as { getComputedStyle(e: unknown): Record<string, string> }).getComputedStyle(el)[p] ?? '', prop);
}

/** Publishes the saved draft from the route page: check, confirm, wait for the new history row. */
async function publishFromPage(page: Page, version: number, texts: { confirm: RegExp }) {
  await page.getByTestId('publish').click();
  await page.getByTestId('publish-confirm').click();
  await page.locator(`[data-testid="version-row"][data-version="${version}"]`).waitFor();
  await expect.poll(() => page.getByRole('button', { name: texts.confirm }).count(), { timeout: 15_000 }).toBe(0);
}

async function expectDiffColoured(page: Page) {
  const node = (id: string) => page.locator(`[data-testid="diff-diagram"] [data-node-id="${id}"]`);
  await node('approve').waitFor();
  await expect.poll(() => node('approve').getAttribute('data-diff'), { timeout: 15_000 }).toBe('added');
  await expect.poll(() => node('notify').getAttribute('data-diff'), { timeout: 15_000 }).toBe('removed');
  await expect.poll(() => node('check').getAttribute('data-diff'), { timeout: 15_000 }).toBe('changed');
  await expect.poll(() => node('register').getAttribute('data-diff'), { timeout: 15_000 }).toBe('unchanged');
  // Colour is not the only sign: the status is written on the card.
  await expect(cssOf(node('approve'), 'borderTopColor')).resolves.toBe('rgb(43, 138, 62)');
  await expect(cssOf(node('check'), 'borderTopColor')).resolves.toBe('rgb(230, 119, 0)');
  await expect(cssOf(node('notify'), 'borderTopStyle')).resolves.toBe('dashed');
  const items = await page.getByTestId('change-item').all();
  const listed = await Promise.all(items.map(async (e) => `${await e.getAttribute('data-node-id')}:${await e.getAttribute('data-diff')}`));
  expect(listed.sort()).toEqual(['approve:added', 'check:changed', 'notify:removed']);
  return (await node('approve').textContent()) ?? '';
}

describe('the designer in the browser', () => {
  it('lists routes, creates one, publishes v1 and v2 from the route page and compares them', async () => {
    const { page, errors, context } = await newUser(browser);
    await signIn(page, served.baseUrl, 'designer', '/routes');
    await page.getByRole('heading', { name: 'Конструктор маршрутов' }).waitFor();
    const sample = page.locator('[data-testid="route-row"][data-route-key="installation-handoff"]');
    await sample.waitFor();
    await expect.poll(() => sample.textContent(), { timeout: 15_000 }).toContain('Передача в монтаж');
    // The list says who published the sample route's latest version.
    await sample.getByText(/·/).first().waitFor();
    await expect.poll(() => page.getByRole('navigation').first().getByRole('link', { name: 'Конструктор маршрутов' }).count(), { timeout: 15_000 }).toBe(1);
    expect(await axeWhenSettled(page)).toEqual([]);

    // Search narrows the list and is kept in the address bar.
    await page.getByRole('searchbox', { name: 'Поиск по названию или ключу' }).fill('нет-такого');
    await page.getByText('Ничего не найдено').waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBe('нет-такого');
    await page.getByRole('searchbox', { name: 'Поиск по названию или ключу' }).fill('монтаж');
    await sample.waitFor();

    // New route: a malformed key and a taken key are refused at the field.
    await page.getByTestId('new-route').click();
    const dialog = page.getByRole('dialog', { name: 'Новый маршрут' });
    await dialog.getByLabel('Название').fill('Рекламация по оборудованию');
    await dialog.getByLabel('Ключ').fill('Рекламация');
    await dialog.getByRole('button', { name: 'Создать и открыть редактор' }).click();
    await dialog.getByText(/Ключ должен начинаться с латинской строчной буквы/).waitFor();
    await dialog.getByLabel('Ключ').fill('installation-handoff');
    await dialog.getByRole('button', { name: 'Создать и открыть редактор' }).click();
    await dialog.getByText('Маршрут с таким ключом уже есть').waitFor();
    expect(await axeWhenSettled(page)).toEqual([]);
    await dialog.getByLabel('Ключ').fill('complaint-e2e');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/routes') && r.request().method() === 'POST' && r.status() === 201);
    const toEditor = page.waitForURL(/\/routes\/[0-9a-f-]{36}\/edit$/, { waitUntil: 'commit' });
    await dialog.getByRole('button', { name: 'Создать и открыть редактор' }).click();
    const { id } = (await (await created).json()) as { id: string };
    await toEditor;

    // The editor is another page; the draft is written as it would save it. First a broken one:
    // publishing lists its problems and publishes nothing.
    await putDraft(stack, id, brokenDraft());
    await page.goto(`${served.baseUrl}/routes/${id}`);
    await page.getByRole('heading', { name: 'Рекламация по оборудованию' }).waitFor();
    await page.getByText('Ещё не опубликован').first().waitFor();
    await page.getByText('Маршрут ещё не опубликован.').waitFor();
    await page.getByTestId('publish').click();
    const problems = page.getByTestId('publish-problems');
    await problems.waitFor();
    await expect.poll(() => problems.textContent(), { timeout: 15_000 }).toMatch(/register/);
    await expect.poll(() => problems.getByRole('link', { name: 'Исправить в редакторе' }).getAttribute('href'), { timeout: 15_000 }).toBe(`/routes/${id}/edit`);
    expect(await axeWhenSettled(page)).toEqual([]);
    await page.getByRole('dialog').getByRole('button', { name: 'Закрыть' }).first().click();
    expect((await stack.call<{ latestVersion: number }>('GET', `/api/routes/${id}`, { as: 'designer' })).body.latestVersion).toBe(0);

    // The fixed draft: the diagram shows it, and it is published as v1 after a confirmation.
    await putDraft(stack, id, complaintV1());
    await page.reload();
    await page.locator('.react-flow [data-node-id="notify"]').waitFor();
    await page.getByTestId('publish').click();
    await page.getByRole('dialog', { name: 'Опубликовать версию 1?' }).waitFor();
    expect(await axeWhenSettled(page)).toEqual([]);
    await page.getByTestId('publish-confirm').click();
    await page.getByText('Опубликована версия 1').waitFor();
    const v1Row = page.locator('[data-testid="version-row"][data-version="1"]');
    await v1Row.waitFor();
    await expect.poll(() => v1Row.textContent(), { timeout: 15_000 }).toContain('Мария Кузнецова');
    await page.getByText('Без изменений после v1').waitFor();
    await expect.poll(() => page.getByRole('link', { name: 'Запустить дело' }).getAttribute('href'), { timeout: 15_000 }).toBe(`/start?route=${id}`);

    // The draft changes (a node added, a due time changed, a node removed) and becomes v2.
    await putDraft(stack, id, complaintV2());
    await page.reload();
    await page.getByText('Изменён после v1').waitFor();
    await publishFromPage(page, 2, { confirm: /^Опубликовать$/ });
    expect(await axeWhenSettled(page)).toEqual([]);

    // The diff: coloured nodes and the list; a changed node's fields on click.
    await page.getByTestId('compare').click();
    await page.waitForURL(/\/diff\?from=1&to=2$/);
    await page.getByRole('heading', { name: 'Сравнение версий: Рекламация по оборудованию' }).waitFor();
    const addedText = await expectDiffColoured(page);
    expect(addedText).toContain('добавлен');
    await page.getByTestId('diff-counts').getByText('Добавлено: 1 · удалено: 1 · изменено: 1').waitFor();
    await page.locator('[data-testid="change-item"][data-node-id="check"]').getByRole('button').click();
    await page.locator('[data-testid="change-item"][data-node-id="check"]').getByText('срок: P2D → P3D').waitFor();
    await page.locator('[data-testid="diff-diagram"] [data-node-id="notify"]').click();
    await expect.poll(() => page.locator('[data-testid="change-item"][data-node-id="notify"] button').getAttribute('aria-pressed'), { timeout: 15_000 }).toBe('true');
    expect(await axeWhenSettled(page)).toEqual([]);

    // The pickers: comparing a version with itself is explained, not drawn.
    await page.getByTestId('diff-from').click();
    await page.getByRole('option', { name: 'Версия 2' }).click();
    await page.getByText('Выберите две разные версии.').waitFor();
    expect(new URL(page.url()).searchParams.get('from')).toBe('2');

    // "Start a case" opens the start page with the route chosen; a link may name it by its key too.
    await page.goto(`${served.baseUrl}/routes/${id}`);
    await page.getByRole('link', { name: 'Запустить дело' }).click();
    await page.locator('input[name="subject"]').waitFor();
    await expect.poll(() => page.getByLabel(/^Маршрут/).first().inputValue(), { timeout: 15_000 }).toBe('Рекламация по оборудованию');
    await page.goto(`${served.baseUrl}/start?route=complaint-e2e`);
    await page.locator('input[name="subject"]').waitFor();

    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the same pages in English', async () => {
    const id = await routeWithTwoVersions(stack, 'complaint-en', 'Equipment complaint');
    const { page, errors, context } = await newUser(browser, { lang: 'en' });
    await signIn(page, served.baseUrl, 'designer', '/routes');
    await page.getByRole('heading', { name: 'Route designer' }).waitFor();
    await page.locator('[data-testid="route-row"][data-route-key="complaint-en"]').getByText('No changes since v2').waitFor();
    expect(await axeWhenSettled(page)).toEqual([]);

    await page.goto(`${served.baseUrl}/routes/${id}`);
    await page.getByRole('heading', { name: 'Version history' }).waitFor();
    await page.locator('[data-testid="version-row"][data-version="2"]').getByText('What changed in v2').waitFor();
    await page.getByRole('button', { name: 'Publish the draft' }).waitFor();
    expect(await axeWhenSettled(page)).toEqual([]);

    await page.getByRole('link', { name: 'What changed in v2' }).click();
    await page.getByRole('heading', { name: 'Compare versions: Equipment complaint' }).waitFor();
    const addedText = await expectDiffColoured(page);
    expect(addedText).toContain('added');
    await page.getByText('Node "Согласовать ответ" added').waitFor();
    await page.locator('[data-testid="change-item"][data-node-id="check"]').getByText('due time: P2D → P3D').waitFor();
    expect(await axeWhenSettled(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('tells an employee without the designer role that the route pages are not theirs', async () => {
    for (const [lang, title, message] of [
      ['ru', 'Конструктор маршрутов', 'Раздел маршрутов доступен только дизайнерам процессов и администраторам.'],
      ['en', 'Route designer', 'Routes are for process designers and administrators only.'],
    ] as const) {
      const { page, errors, context } = await newUser(browser, { lang });
      await signIn(page, served.baseUrl, 'seller1', '/routes');
      const alert = page.getByTestId('routes-forbidden');
      await alert.waitFor();
      await expect.poll(() => alert.textContent(), { timeout: 15_000 }).toContain(message);
      await expect.poll(() => page.getByRole('link', { name: title, exact: true }).count(), { timeout: 15_000 }).toBe(0);
      expect(await axeWhenSettled(page)).toEqual([]);
      // The API refuses the changes whatever the page shows.
      const refused = await stack.call('POST', '/api/routes', { as: 'seller1', body: { key: `not-mine-${lang}`, draft: complaintV2() } });
      expect(refused.status).toBe(403);
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});
