// The route designer in a real Chromium against the real stack: a designer builds a route in the
// editor only (a task, a decision with an and/or condition, a parallel split and join, an action
// and an end), sees a problem on a node, fixes it, saves, publishes, and starts a case of it from
// the UI; its first task reaches the assignee's inbox. Then the editor in English: the JSON view
// (invalid text keeps the diagram, valid text replaces it), undo, copy/paste; axe-core on both.
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../../infra/testing/stack.ts';
import { seriousViolations } from './axe.ts';
import { type Chromium, closeBrowserStack, newUser, type Served, signIn, startBrowserStack } from './harness.ts';

let stack: TestStack;
let served: Served;
let chromium: Chromium;
let browser: Browser;
const SHOTS = process.env.DESIGNER_SHOTS;

beforeAll(async () => {
  ({ stack, served, chromium, browser } = await startBrowserStack({ worker: true }));
});

afterAll(() => closeBrowserStack({ stack, served, chromium }));

/** An empty route made through the API (the route list page is another helper's). */
async function emptyRoute(key: string, name: string): Promise<string> {
  const res = await stack.call<{ id: string }>('POST', '/api/routes', { as: 'designer', body: { key, draft: { language: 'route/v1', name, start: '', nodes: [] } } });
  expect(res.status).toBe(201);
  return res.body.id;
}

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

/** Picks an option in a Mantine Select found by its accessible name, inside `scope`. */
async function choose(page: Page, label: string | RegExp, option: string | RegExp, nth = 0) {
  const panel = page.getByTestId('node-panel').or(page.getByTestId('route-panel'));
  await panel.getByRole('combobox', { name: label, exact: typeof label === 'string' }).nth(nth).click();
  await page.getByRole('option', { name: option, exact: typeof option === 'string' }).first().click();
}

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

/** Selects a node from the keyboard (as React Flow offers: focus it, press Enter). */
async function select(page: Page, id: string) {
  await node(page, id).focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('node-panel').locator('input[data-field="node-id"]').and(page.locator(`[value="${id}"]`)).waitFor();
}

describe('the route designer in the browser', () => {
  it('a designer builds a route in the editor only, fixes a problem, publishes, and a case of it runs', async () => {
    const routeId = await emptyRoute('discount', 'Скидка');
    const { page, context, errors } = await newUser(browser, { width: 1500 });
    await signIn(page, served.baseUrl, 'designer', `/routes/${routeId}/edit`);
    await page.getByRole('heading', { name: 'Редактор маршрута «Скидка»' }).waitFor();

    // The route panel: its name and a required number variable.
    const routePanel = page.getByTestId('route-panel');
    await routePanel.locator('input[data-field="route-name"]').fill('Заявка на скидку');
    await routePanel.getByRole('button', { name: '+ переменная' }).click();
    const variable = routePanel.getByTestId('variable').first();
    await variable.getByRole('textbox', { name: 'Код' }).fill('amount');
    await variable.getByRole('textbox', { name: 'Подпись' }).fill('Сумма');
    await variable.getByRole('combobox', { name: 'Тип' }).click();
    await page.getByRole('option', { name: 'число' }).click();
    await variable.getByRole('checkbox', { name: 'Обязательное' }).check();

    // A task: renamed, given two outcomes, assigned to "a person" with nobody picked yet.
    await page.getByTestId('add-task').click();
    const panel = page.getByTestId('node-panel');
    await panel.locator('input[data-field="node-name"]').fill('Рассмотреть заявку');
    const idField = panel.locator('input[data-field="node-id"]');
    await idField.fill('review');
    await idField.press('Enter');
    await node(page, 'review').waitFor();
    await choose(page, 'Исполнитель', 'Сотрудник');
    await panel.getByRole('button', { name: '+ результат' }).click();
    await panel.getByRole('button', { name: '+ результат' }).click();
    const outcomes = panel.getByTestId('outcome');
    await outcomes.nth(0).getByRole('textbox', { name: 'Код' }).fill('approve');
    await outcomes.nth(0).getByRole('textbox', { name: 'Подпись' }).fill('Одобрить');
    await outcomes.nth(1).getByRole('textbox', { name: 'Код' }).fill('reject');
    await outcomes.nth(1).getByRole('textbox', { name: 'Подпись' }).fill('Отклонить');

    // A decision, connected to the task by dragging from the task's "next" handle.
    await page.getByTestId('add-decision').click();
    await node(page, 'decision').waitFor();
    await page.getByRole('button', { name: 'Расставить' }).click();
    await page.waitForTimeout(400);
    const from = await node(page, 'review').locator('[data-handle="next"]').boundingBox();
    const to = await node(page, 'decision').boundingBox();
    await page.mouse.move(from!.x + from!.width / 2, from!.y + from!.height / 2);
    await page.mouse.down();
    await page.mouse.move(to!.x + to!.width / 2, to!.y + 10, { steps: 10 });
    await page.mouse.move(to!.x + to!.width / 2, to!.y + 5, { steps: 2 });
    await page.mouse.up();
    await page.locator('.react-flow__edge[data-id="review:next"]').waitFor();

    // Branch 1: the reviewer approved AND (the amount is under 100 000 OR over 1 000 000).
    await select(page, 'decision');
    const branch = panel.getByTestId('branch').first();
    await branch.locator('input[data-field="branch-label-0"]').fill('Одобрено');
    await branch.getByRole('checkbox', { name: 'Всегда' }).uncheck();
    const cmp = branch.getByTestId('comparison');
    await cmp.nth(0).getByRole('combobox', { name: 'Что проверить' }).click();
    await page.getByRole('option', { name: /outcomes\.review/ }).click();
    await cmp.nth(0).getByRole('combobox', { name: 'Значение' }).click();
    await page.getByRole('option', { name: 'Одобрить' }).click();
    await branch.getByRole('button', { name: '+ группа' }).first().click();
    const inner = branch.getByTestId('cond-group').nth(1);
    await inner.getByTestId('comparison').nth(0).getByRole('combobox', { name: 'Сравнение' }).click();
    await page.getByRole('option', { name: 'меньше', exact: true }).click();
    await inner.getByTestId('comparison').nth(0).getByRole('textbox', { name: 'Значение' }).fill('100000');
    await inner.getByRole('button', { name: '+ сравнение' }).click();
    await inner.getByTestId('comparison').nth(1).getByRole('combobox', { name: 'Сравнение' }).click();
    await page.getByRole('option', { name: 'больше', exact: true }).click();
    await inner.getByTestId('comparison').nth(1).getByRole('textbox', { name: 'Значение' }).fill('1000000');

    // A parallel split into a task and an action, joined, then the end.
    await page.getByTestId('add-parallel').click();
    await node(page, 'parallel').waitFor();
    await page.getByTestId('add-task').click();
    await panel.locator('input[data-field="node-name"]').fill('Оформить скидку');
    await page.getByTestId('add-action').click();
    await panel.getByRole('combobox', { name: 'Переменная', exact: true }).fill('status');
    await panel.getByRole('textbox', { name: 'текст', exact: true }).fill('approved');
    await page.getByTestId('add-join').click();
    await page.getByTestId('add-end').click();
    await node(page, 'end').waitFor();

    await select(page, 'decision');
    await choose(page, 'Одобрено', /\(parallel\)/);
    await choose(page, 'иначе', /\(end\)/);
    await select(page, 'parallel');
    await panel.getByLabel('Ветви', { exact: true }).click({ force: true });
    await page.getByRole('option', { name: /\(task\)/ }).click();
    await page.getByRole('option', { name: /\(action\)/ }).click();
    await page.keyboard.press('Escape');
    await choose(page, 'слияние', /\(join\)/);
    await select(page, 'task');
    await choose(page, 'далее', /\(join\)/);
    await select(page, 'action');
    await choose(page, 'далее', /\(join\)/);
    await select(page, 'join');
    await choose(page, 'далее', /\(end\)/);
    await page.getByRole('button', { name: 'Расставить' }).click();

    // Saved (Ctrl+S) and checked: the task without a person is marked on the diagram and listed.
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+s');
    await page.getByTestId('problems').waitFor();
    await expect.poll(() => page.getByTestId('save-state').textContent(), { timeout: 15_000 }).toBe('Всё сохранено');
    await node(page, 'review').locator('[data-problem="true"]').waitFor();
    await shot(page, 'problem-ru');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId('problem').filter({ hasText: 'review' }).first().click();
    await page.getByTestId('node-panel').locator('input[data-field="node-id"][value="review"]').waitFor();
    await choose(page, 'Сотрудник', /seller1@leader\.example/);
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByTestId('no-problems').waitFor();
    await expect.poll(() => node(page, 'review').locator('[data-problem="true"]').count(), { timeout: 15_000 }).toBe(0);

    // What was built, as the route language has it.
    const saved = await stack.call<{ draft: { nodes: { id: string; kind: string; [k: string]: unknown }[]; start: string; variables: unknown } }>('GET', `/api/routes/${routeId}`, { as: 'designer' });
    const byId = Object.fromEntries(saved.body.draft.nodes.map((n) => [n.id, n]));
    expect(saved.body.draft.start).toBe('review');
    expect(saved.body.draft.variables).toEqual({ amount: { type: 'number', label: 'Сумма', required: true } });
    expect(byId.review).toMatchObject({ kind: 'task', name: 'Рассмотреть заявку', assignee: { type: 'person', email: 'seller1@leader.example' }, next: 'decision' });
    expect(byId.decision).toMatchObject({
      branches: [{
        label: 'Одобрено',
        next: 'parallel',
        when: { and: [{ '==': [{ var: 'outcomes.review' }, 'approve'] }, { or: [{ '<': [{ var: 'variables.amount' }, 100000] }, { '>': [{ var: 'variables.amount' }, 1000000] }] }] },
      }],
      otherwise: 'end',
    });
    expect(byId.parallel).toMatchObject({ branches: ['task', 'action'], join: 'join' });
    expect(byId.action).toMatchObject({ do: { type: 'set', variable: 'status', value: 'approved' }, next: 'join' });
    expect(byId.join).toMatchObject({ mode: 'all', next: 'end' });

    // Published after a confirmation: the new version's number and the route's page.
    await page.getByRole('button', { name: 'Опубликовать' }).click();
    await page.getByTestId('confirm-publish').click();
    await expect.poll(() => page.getByTestId('published').textContent(), { timeout: 15_000 }).toContain('Опубликована версия 1');
    await expect.poll(() => page.getByTestId('published').getByRole('link').getAttribute('href'), { timeout: 15_000 }).toBe(`/routes/${routeId}`);
    await shot(page, 'published-ru');

    // A case of it, started from the UI: its first task is in seller1's inbox.
    await page.goto(`${served.baseUrl}/start`);
    await page.getByRole('combobox', { name: 'Маршрут' }).click();
    await page.getByRole('option', { name: 'Заявка на скидку' }).click();
    await page.locator('input[name="subject"]').fill('Скидка для кафе «Полюс»');
    await page.locator('input[data-field="amount"]').fill('50000');
    await page.getByRole('button', { name: 'Запустить' }).click();
    await page.waitForURL(/\/cases\//);
    const caseId = new URL(page.url()).pathname.split('/').pop()!;
    const view = await stack.call<{ route: { version: number } }>('GET', `/api/processes/${caseId}`, { as: 'designer' });
    expect(view.body.route.version).toBe(1);
    const seller = await newUser(browser);
    await signIn(seller.page, served.baseUrl, 'seller1');
    const row = seller.page.locator('[data-testid="work-item"]', { hasText: 'Скидка для кафе «Полюс»' });
    await row.waitFor({ timeout: 30_000 });
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('Рассмотреть заявку');

    expect(errors).toEqual([]);
    expect(seller.errors).toEqual([]);
    await seller.context.close();
    await context.close();
  });

  it('in English: the JSON view keeps the diagram on bad text and replaces it on a valid route; undo; copy and paste', async () => {
    const routeId = await emptyRoute('json-view', 'JSON view');
    const { page, context, errors } = await newUser(browser, { lang: 'en', width: 1500 });
    await signIn(page, served.baseUrl, 'designer', `/routes/${routeId}/edit`);
    await page.getByRole('heading', { name: 'Route editor: JSON view' }).waitFor();
    await page.getByTestId('add-task').click();
    await page.getByTestId('add-end').click();
    await node(page, 'end').waitFor();
    await shot(page, 'editor-en');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('tab', { name: 'JSON' }).click();
    const json = page.getByTestId('json');
    const text = await json.inputValue();
    expect(JSON.parse(text)).toMatchObject({ language: 'route/v1', start: 'task', nodes: [{ id: 'task', kind: 'task', name: 'New task' }, { id: 'end', kind: 'end' }] });
    await json.fill('{ "language": "route/v1", "nodes": [');
    await page.getByTestId('json-error').waitFor();
    await json.fill(text.replace('"name": "New task"', '"name": "Check the order"').replace('"kind": "task",', '"kind": "task", "next": "end",'));
    await page.getByTestId('json-error').waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: 'Diagram' }).click();
    await node(page, 'task').getByText('Check the order').waitFor();
    await page.locator('.react-flow__edge[data-id="task:next"]').waitFor();

    // Undo takes the JSON edit back; redo brings it again.
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    await node(page, 'task').getByText('New task').waitFor();
    await page.keyboard.press('Control+Shift+z');
    await node(page, 'task').getByText('Check the order').waitFor();

    // Copy and paste: a copy under a new id; Delete removes it again.
    await node(page, 'task').click();
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await node(page, 'task-2').waitFor();
    await page.keyboard.press('Delete');
    await node(page, 'task-2').waitFor({ state: 'detached' });
    await node(page, 'task').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('opens the Deal reference route: every node\'s panel shows its fields, the route checks clean, and looking changes nothing', async () => {
    const deal = JSON.parse(await readFile(new URL('../../domain/routes/examples/deal.route.json', import.meta.url), 'utf8')) as { nodes: { id: string }[] };
    const res = await stack.call<{ id: string }>('POST', '/api/routes', { as: 'designer', body: { key: 'deal-copy', draft: deal } });
    expect(res.status).toBe(201);
    const { page, context, errors } = await newUser(browser, { width: 1500 });
    await signIn(page, served.baseUrl, 'designer', `/routes/${res.body.id}/edit`);
    await node(page, 'won').waitFor();
    for (const n of deal.nodes) await select(page, n.id);
    await shot(page, 'deal-ru');
    // Nothing was changed by looking: the draft is still the document as written (positions aside).
    await expect.poll(() => page.getByTestId('save-state').textContent(), { timeout: 15_000 }).toBe('Всё сохранено');
    await page.getByRole('button', { name: 'Проверить' }).click();
    await page.getByTestId('no-problems').waitFor();
    await page.getByRole('tab', { name: 'JSON' }).click();
    const { layout: _layout, ...shown } = JSON.parse(await page.getByTestId('json').inputValue()) as Record<string, unknown>;
    // The editor fills what a document leaves out with its empty value (no events: `{}`), nothing else.
    expect(shown).toEqual({ events: {}, ...deal });
    expect(errors).toEqual([]);
    await context.close();
  });
});
