// The deals board in a real Chromium against the real stack: seller1 drags a card from the
// demonstration to the proposal stage - the route allows it, so the demonstration step is
// completed and the deal moves; then two stages ahead, to the contract - the route does not lead
// there, so the move is refused with a message and the route's open step (the proposal) opens,
// linked back to the deal. In Russian and in English; axe-core on each screen. The same once more
// with the keyboard alone (dnd-kit's keyboard sensor).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../infra/testing/eventually.ts';
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
  ({ stack, served, chromium, browser } = await startBrowserStack());
});
afterAll(() => closeBrowserStack({ stack, served, chromium }));

async function newDeal(title: string): Promise<string> {
  const clientId = (await stack.call<{ id: string }>('POST', '/api/clients', { as: 'seller1', body: { name: `Клиент ${title}`, kind: 'person' } })).body.id;
  const res = await stack.call<{ id: string }>('POST', '/api/deals', { as: 'seller1', body: { clientId, title, amount: 120_000_00 } });
  expect(res.status).toBe(201);
  return res.body.id;
}

/** Drags the card onto the column of that stage with the mouse, in small steps as a person does. */
async function drag(page: Page, title: string, stage: string) {
  // Both laid out first: on a loaded machine the columns may still be rendering.
  await page.locator(`[data-stage="${stage}"]`).waitFor();
  await page.locator(`[data-drag="${title}"]`).waitFor();
  const card = await page.locator(`[data-drag="${title}"]`).boundingBox();
  const column = await page.locator(`[data-stage="${stage}"]`).boundingBox();
  if (!card || !column) throw new Error('card or column not on screen');
  await page.mouse.move(card.x + card.width / 2, card.y + card.height / 2);
  await page.mouse.down();
  await page.mouse.move(card.x + card.width / 2 + 10, card.y + 20, { steps: 3 });
  await page.mouse.move(column.x + column.width / 2, column.y + 80, { steps: 12 });
  await page.mouse.up();
}

/** Moves the card with the keyboard as dnd-kit's keyboard sensor expects: focus the handle, Space
 *  picks it up, each arrow moves it 25 px, Space drops it - enough presses to reach the column. */
async function keyboardMove(page: Page, title: string, stage: string) {
  const handle = page.locator(`[data-drag="${title}"]`);
  await handle.scrollIntoViewIfNeeded();
  const card = await handle.boundingBox();
  const column = await page.locator(`[data-stage="${stage}"]`).boundingBox();
  if (!card || !column) throw new Error('card or column not on screen');
  const dx = column.x + column.width / 2 - (card.x + card.width / 2);
  await handle.focus();
  await page.keyboard.press('Space');
  // Arrows before the drag has started move nothing: wait until the card is picked up.
  await page.locator(`[data-drag="${title}"][aria-pressed="true"]`).waitFor();
  for (let i = 0; i < Math.round(Math.abs(dx) / 25); i++) await page.keyboard.press(dx > 0 ? 'ArrowRight' : 'ArrowLeft');
  await page.keyboard.press('Space');
}

const stageOf = async (id: string) => (await stack.call<{ stage: { code: string } }>('GET', `/api/deals/${id}`, { as: 'seller1' })).body.stage.code;

describe('the deals board', () => {
  for (const lang of ['ru', 'en'] as const) {
    it(`seller1 drags a deal where its route allows, and is refused two stages ahead (${lang})`, async () => {
      const title = `Витрина ${lang} ${crypto.randomUUID().slice(0, 6)}`;
      const id = await newDeal(title);
      const { page, context } = await newUser(browser, { lang, width: 1600 });
      await signIn(page, served.baseUrl, 'seller1', '/deals');
      await page.getByRole('heading', { name: lang === 'ru' ? 'Сделки' : 'Deals' }).waitFor();
      await page.getByLabel(lang === 'ru' ? 'Поиск' : 'Search').fill(title);
      await page.locator(`[data-drag="${title}"]`).waitFor();
      await look(page, `deals-board-${lang}`);
      expect(await seriousViolations(page)).toEqual([]);

      await drag(page, title, 'proposal');
      await page.getByRole('status').filter({ hasText: title }).waitFor();
      await eventually(() => stageOf(id), (code) => code === 'proposal');

      await drag(page, title, 'contract');
      // Refused: the route's open step (the proposal) opens, and it links back to the deal.
      await page.waitForURL(/\/tasks\//);
      await page.locator(`a[href="/deals/${id}"]`).filter({ hasText: lang === 'ru' ? `Сделка: ${title}` : `Deal: ${title}` }).waitFor();
      expect(await stageOf(id)).toBe('proposal');
      await look(page, `deals-refused-task-${lang}`);
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    });
  }

  it('seller1 moves a deal with the keyboard: Space, arrows, Space; two stages ahead opens the step instead', async () => {
    const title = `Горка ${crypto.randomUUID().slice(0, 6)}`;
    const id = await newDeal(title);
    const { page, context } = await newUser(browser, { width: 1600 });
    await signIn(page, served.baseUrl, 'seller1', '/deals');
    await page.getByRole('heading', { name: 'Сделки' }).waitFor();
    await page.getByLabel('Поиск').fill(title);
    await page.locator(`[data-drag="${title}"]`).waitFor();
    expect(await stageOf(id)).toBe('demonstration');

    await keyboardMove(page, title, 'proposal');
    await page.getByRole('status').filter({ hasText: title }).waitFor();
    await eventually(() => stageOf(id), (code) => code === 'proposal');
    // The card stays where the keyboard put it, in the proposal column.
    await page.locator('[data-stage="proposal"]').locator(`[data-drag="${title}"]`).waitFor();

    await keyboardMove(page, title, 'contract');
    await page.waitForURL(/\/tasks\//);
    await page.locator(`a[href="/deals/${id}"]`).filter({ hasText: `Сделка: ${title}` }).waitFor();
    expect(await stageOf(id)).toBe('proposal');
    await context.close();
  });
});
