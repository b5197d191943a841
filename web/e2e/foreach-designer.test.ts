// The designer edits a foreach node like any other: its panel shows where the items come from,
// the body route, the order and limit, and the early-completion condition over the items'
// counters; the case diagram draws it with the multi-instance marker. In Russian and English.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../../infra/testing/stack.ts';
import { type Chromium, closeBrowserStack, newUser, type Served, signIn, startBrowserStack } from './harness.ts';

let stack: TestStack;
let served: Served;
let chromium: Chromium;
let browser: Browser;
const SHOTS = process.env.DESIGNER_SHOTS;

const body = { language: 'route/v1', name: 'Звонок клиенту', variables: { item: { type: 'text' } }, start: 'call', nodes: [{ id: 'call', kind: 'task', name: 'Позвонить', assignee: { type: 'starter' } }] };
const campaign = {
  language: 'route/v1',
  name: 'Обзвон по списку',
  variables: { clients: { type: 'list', of: 'text', label: 'Клиенты' } },
  start: 'each',
  nodes: [
    { id: 'each', kind: 'foreach', name: 'Каждому клиенту', items: { from: 'variables.clients' }, as: 'item', route: 'call-one', inputs: {}, mode: 'parallel', limit: 100, completeWhen: { '>=': [{ var: 'items.succeeded' }, 2] }, next: 'done' },
    { id: 'done', kind: 'end' },
  ],
};

beforeAll(async () => {
  ({ stack, served, chromium, browser } = await startBrowserStack({ worker: true }));
  const created = await stack.call<{ id: string }>('POST', '/api/routes', { as: 'designer', body: { key: 'call-one', draft: body } });
  expect((await stack.call('POST', `/api/routes/${created.body.id}/publish`, { as: 'designer', body: { revision: 1 } })).status).toBe(201);
});
afterAll(() => closeBrowserStack({ stack, served, chromium }));

async function openForeach(page: Page, routeId: string) {
  await signIn(page, served.baseUrl, 'designer', `/routes/${routeId}/edit`);
  const node = page.locator('.react-flow__node[data-id="each"]');
  await node.waitFor();
  await node.focus();
  await page.keyboard.press('Enter');
  return page.getByTestId('node-panel');
}

describe('a foreach node in the designer', () => {
  it('shows its items, body route, order, limit and early completion, in Russian and in English', async () => {
    const created = await stack.call<{ id: string }>('POST', '/api/routes', { as: 'designer', body: { key: 'calls', draft: campaign } });
    for (const lang of ['ru', 'en'] as const) {
      const { page, context } = await newUser(browser, { lang, width: 1500 });
      const panel = await openForeach(page, created.body.id);
      const ru = lang === 'ru';
      await panel.getByRole('heading', { name: ru ? 'Для каждого' : 'For each' }).waitFor();
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/foreach-panel-${lang}.png`, fullPage: true });
      await expect(panel.getByLabel(ru ? 'Одновременно не больше' : 'At most at once').inputValue()).resolves.toBe('100');
      await expect(panel.getByRole('checkbox', { name: ru ? 'Досрочное завершение' : 'Finish early' }).isChecked()).resolves.toBe(true);
      await expect(panel.getByText(ru ? 'Маршрут для каждого элемента' : 'Route for each item').count()).resolves.toBeGreaterThan(0);
      await context.close();
    }
  });
});
