// The other report pages in a real Chromium against the real stack, as the director: the head's
// page, the process-timing page of the deal route (the diagram with its heatmap) and the client
// base page load every section without an error, pass axe, and are photographed in both languages.
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
});
