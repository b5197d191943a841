// The other report pages in a real Chromium against the real stack, as the director: the head's
// page, the process-timing page of the deal route (the diagram with its heatmap) and the client
// base page load every section without an error, pass axe, and are photographed in both languages; the director tags VIP clients there, a head may not.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../../infra/testing/stack.ts';
import { seriousViolations } from './axe.ts';
import { type Chromium, closeBrowserStack, newUser, type Served, signIn, startBrowserStack } from './harness.ts';

let stack: TestStack;
let served: Served;
let chromium: Chromium;
let browser: Browser;
const SHOTS = process.env.SHOTS_DIR ?? '/tmp/web10';

beforeAll(async () => {
  ({ stack, served, chromium, browser } = await startBrowserStack({ worker: false }));
});
afterAll(() => closeBrowserStack({ stack, served, chromium }));

const settle = async (page: Page) => {
  await page.getByTestId('sections-progress').waitFor({ state: 'detached' });
  await page.waitForTimeout(300);
};

describe('the report pages', () => {
  for (const lang of ['ru', 'en'] as const) {
    it(`load every section for the director (${lang})`, async () => {
      const { page, context, errors } = await newUser(browser, { lang });
      await signIn(page, served.baseUrl, 'director', '/reports/team');
      await page.getByTestId('activity-chart').locator('svg').first().waitFor();
      await settle(page);
      expect(await page.getByTestId('section-error').count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/team-${lang}.png`, fullPage: true });

      await page.goto(`${served.baseUrl}/reports/processes/deal`);
      await page.getByTestId('timing-nodes').waitFor();
      await settle(page);
      await page.locator('.react-flow__node').first().waitFor();
      expect(await page.getByTestId('section-error').count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/timing-${lang}.png`, fullPage: true });

      await page.goto(`${served.baseUrl}/reports/clients`);
      await page.getByTestId('abc-chart').locator('svg').first().waitFor();
      await settle(page);
      expect(await page.getByTestId('section-error').count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/clients-${lang}.png`, fullPage: true });
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('lets the director tag the clients whose won deals reach the threshold as VIP; the head of sales sees them but may not tag', async () => {
    const clientId = (await stack.call<{ id: string }>('POST', '/api/clients', { as: 'seller1', body: { name: 'ООО «Крупный покупатель»', kind: 'legal' } })).body.id;
    const deal = await stack.call<{ id: string }>('POST', '/api/deals', { as: 'seller1', body: { clientId, title: 'Холодильные камеры', amount: 900_000_000, startRoute: false } });
    expect((await stack.call('POST', `/api/deals/${deal.body.id}/close`, { as: 'seller1', body: { outcome: 'won' } })).status).toBe(200);

    const head = await newUser(browser, { lang: 'ru' });
    await signIn(head.page, served.baseUrl, 'sales.head', '/reports/clients');
    const headVip = head.page.getByTestId('vip');
    await headVip.getByRole('cell', { name: 'ООО «Крупный покупатель»' }).waitFor();
    expect(await head.page.getByTestId('vip-tag').count()).toBe(0);
    await head.context.close();

    const { page, context, errors } = await newUser(browser, { lang: 'ru' });
    await signIn(page, served.baseUrl, 'director', '/reports/clients');
    const vip = page.getByTestId('vip');
    const row = vip.getByRole('row').filter({ hasText: 'ООО «Крупный покупатель»' });
    await row.waitFor();
    expect(await row.getByRole('cell').allInnerTexts()).toContain('нет');
    await page.getByTestId('vip-tag').click();
    await page.getByText(/Отмечено как VIP: \d+/).waitFor();
    await row.getByRole('cell', { name: 'да', exact: true }).waitFor();
    // The tag is on the client's card for everyone who sees it.
    const card = await stack.call<{ tags: { name: string }[] }>('GET', `/api/clients/${clientId}`, { as: 'seller1' });
    expect(card.body.tags.map((x) => x.name)).toContain('VIP');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
