// The employee's pages in a real Chromium against the real stack: sign-in, a task arriving live,
// a form refused at one field and then completed, the next person's inbox, the same pages in
// English, an expired session, a forged cross-site request, axe-core and the inbox's first load.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../../infra/testing/stack.ts';
import { seriousViolations } from './axe.ts';
import { type Chromium, closeBrowserStack, newUser, type Served, signIn, startBrowserStack } from './harness.ts';

let stack: TestStack;
let served: Served;
let chromium: Chromium;
let browser: Browser;

beforeAll(async () => {
  ({ stack, served, chromium, browser } = await startBrowserStack({ worker: true }));
});

afterAll(() => closeBrowserStack({ stack, served, chromium }));

async function startCase(subject: string) {
  const res = await stack.call<{ id: string }>('POST', '/api/processes', {
    as: 'seller1',
    body: { routeKey: 'installation-handoff', subject, variables: { contract_no: 'Д-118', install_by: '2026-12-10' } },
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

describe('the employee in the browser', () => {
  it('serves the UI at / with a fallback for client routes, and leaves /api alone', async () => {
    for (const p of ['/', '/inbox', '/tasks/6a1f9f5e-0000-4000-8000-000000000000']) {
      const res = await fetch(served.baseUrl + p);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<div id="root">');
    }
    const api = await fetch(`${served.baseUrl}/api/assignments/inbox`);
    expect(api.status).toBe(401);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    expect((await fetch(`${served.baseUrl}/docs`)).headers.get('content-type')).toContain('text/html');
    expect((await fetch(`${served.baseUrl}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${served.baseUrl}/openapi.json`)).headers.get('content-type')).toContain('application/json');
  });

  it('a task arrives live, its form is refused at one field, then completed; the next person sees theirs', async () => {
    const assistant = await newUser(browser);
    const { page } = assistant;
    await page.goto(`${served.baseUrl}/inbox`);
    await page.waitForURL(/\/sign-in\?next=%2Finbox/);
    expect(await seriousViolations(page)).toEqual([]);
    await signIn(page, served.baseUrl, 'assistant');
    expect(new URL(page.url()).pathname).toBe('/inbox');

    // First load of the inbox with a warm server: printed, not asserted.
    const t0 = Date.now();
    await page.goto(`${served.baseUrl}/inbox`);
    await page.getByRole('heading', { name: 'Входящие' }).waitFor();
    await page.waitForFunction(() => performance.getEntriesByName('inbox-ready').length > 0);
    console.log(`[e2e] inbox first load: ${Date.now() - t0} ms (navigation to list ready)`);
    expect(await seriousViolations(page)).toEqual([]);

    // Another person starts a case through the API; the assistant's queue gets it without a reload.
    const subject = `Павильон ${Math.floor(Math.random() * 1000)}`;
    await startCase(subject);
    const row = page.locator('[data-testid="work-item"]', { hasText: subject });
    await row.waitFor({ timeout: 30_000 });
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('Передать документы в сервис');

    // Claim from the queue: the task page opens.
    await row.getByRole('button', { name: /Взять/ }).click();
    await page.waitForURL(/\/tasks\//);
    await page.getByRole('heading', { name: 'Передать документы в сервис' }).waitFor();
    await page.getByText('Приложите договор').waitFor();
    await page.getByText('Д-118').waitFor(); // the case's variables
    expect(await seriousViolations(page)).toEqual([]);

    // Submitted with the required link empty: the API's error shows at that field.
    const field = page.locator('input[data-field="documents_link"]');
    await field.waitFor();
    await expect.poll(() => field.isEnabled(), { timeout: 15_000 }).toBe(true);
    await page.getByRole('button', { name: 'Завершить' }).click();
    await page.getByTestId('form-error').waitFor();
    await expect.poll(() => field.getAttribute('aria-invalid'), { timeout: 15_000 }).toBe('true');
    const errorId = (await field.getAttribute('aria-describedby'))?.split(' ').find((id) => id.includes('error'));
    expect(errorId).toBeTruthy();
    await expect.poll(() => page.locator(`[id="${errorId}"]`).textContent(), { timeout: 15_000 }).toBe('Обязательное поле');

    // Corrected and completed: the next step is the head of service's, so back to the inbox.
    await field.fill('https://docs.example/contract-118');
    await expect.poll(() => field.getAttribute('aria-invalid'), { timeout: 15_000 }).not.toBe('true');
    await page.getByRole('button', { name: 'Завершить' }).click();
    await page.waitForURL(/\/inbox/);
    await page.locator('[data-testid="work-item"]', { hasText: subject }).waitFor({ state: 'detached' });

    // The next person: the head of service sees the hand-off to accept, with the earlier step's data.
    const head = await newUser(browser);
    await signIn(head.page, served.baseUrl, 'service.head');
    const next = head.page.locator('[data-testid="work-item"]', { hasText: subject });
    await next.waitFor();
    await next.getByRole('link', { name: 'Принять передачу в монтаж' }).click();
    await head.page.getByTestId('history').getByText('https://docs.example/contract-118').waitFor();

    expect(assistant.errors).toEqual([]);
    expect(head.errors).toEqual([]);
    await assistant.context.close();
    await head.context.close();
  });

  it('the same pages in English, remembered after a reload', async () => {
    const subject = `Pavilion ${Math.floor(Math.random() * 1000)}`;
    await startCase(subject);
    const { page, context, errors } = await newUser(browser);
    await signIn(page, served.baseUrl, 'assistant');
    await page.getByTestId('language').click();
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    const row = page.locator('[data-testid="work-item"]', { hasText: subject });
    await row.getByRole('button', { name: /Claim/ }).click();
    await page.waitForURL(/\/tasks\//);
    await page.getByRole('heading', { name: 'What to do' }).waitFor();
    await page.getByRole('button', { name: 'Complete' }).click();
    await page.getByText('Correct the marked fields').waitFor();
    await page.getByText('Required', { exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an ended session returns to sign-in, and then to the page the person was on', async () => {
    const id = await startCase('Сессия');
    const { page, context } = await newUser(browser);
    await signIn(page, served.baseUrl, 'assistant');
    const queued = await stack.call<{ items: { id: string; process: { id: string } }[] }>('GET', '/api/assignments/queue', { as: 'assistant' });
    const task = queued.body.items.find((i) => i.process.id === id)!;
    await page.goto(`${served.baseUrl}/tasks/${task.id}`);
    await page.getByRole('heading', { name: 'Передать документы в сервис' }).waitFor();
    // The browser's session ends behind its back (as when it expires, or is ended elsewhere).
    const cookie = (await context.cookies()).find((c) => c.name === 'crm_session');
    expect((await stack.call('POST', '/api/auth/logout', { token: cookie!.value })).status).toBe(204);
    // The next call the page makes is refused (401): claiming the task, unless a live update
    // (the notification stream is closed on sign-out and reconnects) got there first.
    await page.getByRole('button', { name: 'Взять' }).first().click({ timeout: 5000 }).catch(() => undefined);
    await page.waitForURL(/\/sign-in\?next=/);
    await page.getByText('Сессия закончилась').waitFor();
    await page.locator('input[name="email"]').fill('assistant@leader.example');
    await page.locator('input[name="password"]').fill('leader-demo');
    await page.locator('button[type="submit"]').click();
    await page.waitForURL(`${served.baseUrl}/tasks/${task.id}`);
    await context.close();
  });

  it('refuses a change forged by a page on another origin that rides on the session cookie', async () => {
    const id = await startCase('Подделка');
    const { page, context } = await newUser(browser);
    await signIn(page, served.baseUrl, 'assistant');
    const queued = await stack.call<{ items: { id: string; process: { id: string } }[] }>('GET', '/api/assignments/queue', { as: 'assistant' });
    const task = queued.body.items.find((i) => i.process.id === id)!;
    // Another origin (another port: same site, so the Lax cookie goes along) posts a form to claim the task.
    const evil: Server = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end(`<form id="f" method="post" enctype="text/plain" action="${served.baseUrl}/api/assignments/${task.id}/claim"></form><script>document.getElementById('f').submit()</script>`);
    });
    await new Promise<void>((r) => evil.listen(0, '127.0.0.1', () => r()));
    const evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}/`;
    const answer = page.waitForResponse((r) => r.url().endsWith('/claim'));
    await page.goto(evilUrl);
    const res = await answer;
    expect(res.status()).toBe(403);
    expect(await res.text()).toContain('must come from');
    // Still in the queue: nobody claimed it.
    const after = await stack.call<{ items: { id: string }[] }>('GET', '/api/assignments/queue', { as: 'assistant' });
    expect(after.body.items.map((i) => i.id)).toContain(task.id);
    evil.close();
    await context.close();
  });

  it('starts a case from a form generated from the route\'s variables, and the case opens', async () => {
    const { page, context, errors } = await newUser(browser);
    await signIn(page, served.baseUrl, 'seller2', '/start');
    await page.getByRole('heading', { name: 'Запустить процесс' }).waitFor();
    await page.getByRole('combobox', { name: 'Маршрут' }).click();
    await page.getByRole('option', { name: 'Передача в монтаж' }).click();
    await page.locator('input[name="subject"]').fill('Кафе «Полюс», витрина');
    // The declared variables, with the required contract number left empty: refused at its field.
    await page.locator('input[data-field="contract_no"]').waitFor();
    await page.getByRole('button', { name: 'Запустить' }).click();
    await expect.poll(() => page.locator('input[data-field="contract_no"]').getAttribute('aria-invalid'), { timeout: 15_000 }).toBe('true');
    await page.locator('input[data-field="contract_no"]').fill('Д-200');
    await page.locator('[data-field="install_by"]').click();
    await page.locator('table button:not([data-outside])').filter({ hasText: /^15$/ }).first().click();
    await page.getByRole('button', { name: 'Запустить' }).click();
    await page.waitForURL(/\/cases\//);
    await page.getByRole('heading', { name: 'Кафе «Полюс», витрина' }).waitFor();
    await page.getByText('Д-200').waitFor();
    await page.getByText('Передать документы в сервис').first().waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the inbox fits a phone-width screen', async () => {
    await startCase('Телефон');
    const { page, context } = await newUser(browser, { width: 390 });
    await signIn(page, served.baseUrl, 'assistant');
    await page.locator('[data-testid="work-item"]').first().waitFor();
    const overflow = await page.evaluate(() => {
      const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
      return d.scrollWidth - d.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
