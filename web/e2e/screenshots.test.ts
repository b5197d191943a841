// `npm run screenshots`: the real UI against the real stack, signed in as each kind of user, saved
// as PNG files in docs/screenshots/ for the README. Skipped in the ordinary test run.
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { TestStack } from '../../infra/testing/stack.ts';
import { PROJECT_ROOT } from '../../temporal.config.ts';
import { type Chromium, closeBrowserStack, newUser, type Served, signIn, startBrowserStack } from './harness.ts';
import { complaintV2, putDraft, routeWithTwoVersions } from './route-fixtures.ts';
import { publishManagerRoute, startCaseOf } from './manager-route.ts';
import { MailMessage } from '../../domain/entities/index.ts';

const OUT = path.join(PROJECT_ROOT, 'docs', 'screenshots');

describe.runIf(process.env.SCREENSHOTS === '1')('screenshots', () => {
  let stack: TestStack;
  let served: Served;
  let chromium: Chromium;

  beforeAll(async () => {
    ({ stack, served, chromium } = await startBrowserStack({ worker: true }));
    await mkdir(OUT, { recursive: true });
  });

  afterAll(() => closeBrowserStack({ stack, served, chromium }));

  async function shot(page: Page, name: string) {
    await page.waitForLoadState('networkidle').catch(() => undefined);
    await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
    console.log(`[screenshots] ${name}.png`);
  }

  it('takes the inbox, a task, starting a case and a case, in Russian and English', async () => {
    const cases = [
      ['Павильон 12, 3 витрины', 'Д-118', '2026-12-10'],
      ['Кафе «Северное», холодильная камера', 'Д-121', '2026-12-04'],
      ['Гипермаркет «Лидер-Юг», 14 горок', 'Д-125', '2027-01-20'],
      ['Пекарня на Садовой, шкаф шоковой заморозки', 'Д-130', '2026-12-15'],
    ] as const;
    const ids: string[] = [];
    for (const [subject, contract, by] of cases) {
      const res = await stack.call<{ id: string }>('POST', '/api/processes', { as: 'seller1', body: { routeKey: 'installation-handoff', subject, variables: { contract_no: contract, install_by: by } } });
      ids.push(res.body.id);
    }
    // The assistant hands over the first two cases' documents: they reach the head of service.
    const queue = await stack.call<{ items: { id: string; process: { id: string } }[] }>('GET', '/api/assignments/queue', { as: 'assistant' });
    for (const id of ids.slice(0, 2)) {
      const a = queue.body.items.find((i) => i.process.id === id)!;
      await stack.call('POST', `/api/assignments/${a.id}/claim`, { as: 'assistant' });
      await stack.call('POST', `/api/assignments/${a.id}/complete`, { as: 'assistant', body: { form: { documents_link: `https://docs.leader.example/${a.id.slice(0, 8)}` } } });
    }
    const third = queue.body.items.find((i) => i.process.id === ids[2])!;
    await stack.call('POST', `/api/assignments/${third.id}/claim`, { as: 'assistant' });

    for (const lang of ['ru', 'en'] as const) {
      const signInPage = await newUser(chromium.browser, { lang });
      await signInPage.page.goto(`${served.baseUrl}/sign-in`);
      await signInPage.page.locator('input[name="email"]').waitFor();
      await shot(signInPage.page, `sign-in-${lang}`);
      await signInPage.context.close();

      const assistant = await newUser(chromium.browser, { lang });
      await signIn(assistant.page, served.baseUrl, 'assistant');
      await assistant.page.locator('[data-testid="work-item"]').first().waitFor();
      await shot(assistant.page, `inbox-${lang}`);
      await assistant.page.goto(`${served.baseUrl}/tasks/${third.id}`);
      await assistant.page.locator('input[data-field="documents_link"]').waitFor();
      await shot(assistant.page, `task-${lang}`);
      await assistant.page.goto(`${served.baseUrl}/start?route=${(await stack.call<{ items: { id: string }[] }>('GET', '/api/routes', { as: 'seller1' })).body.items[0]!.id}`);
      // The start page's form may hold a route field named "subject" too: the case's own is the first.
      await assistant.page.locator('input[name="subject"]').first().waitFor();
      await shot(assistant.page, `start-case-${lang}`);
      await assistant.context.close();

      const head = await newUser(chromium.browser, { lang });
      await signIn(head.page, served.baseUrl, 'service.head');
      await head.page.locator('[data-testid="work-item"]').first().waitFor();
      await head.page.locator('[data-testid="work-item"] a').first().click();
      await head.page.getByTestId('history').waitFor();
      await shot(head.page, `task-with-history-${lang}`);
      await head.page.goto(`${served.baseUrl}/cases/${ids[0]}`);
      await head.page.getByTestId('case-status').waitFor();
      await shot(head.page, `case-${lang}`);
      await head.context.close();
    }

    const phone = await newUser(chromium.browser, { width: 390 });
    await phone.page.setViewportSize({ width: 390, height: 844 });
    await signIn(phone.page, served.baseUrl, 'assistant');
    await phone.page.locator('[data-testid="work-item"]').first().waitFor();
    await shot(phone.page, 'inbox-phone-ru');
    await phone.context.close();
  });

  it('takes the route page with its history and the diff of two versions, in Russian and English', async () => {
    const id = await routeWithTwoVersions(stack, 'equipment-complaint');
    // A draft saved after v2, so the page shows it as changed.
    await putDraft(stack, id, { ...complaintV2(), description: 'Черновик v3' });
    for (const lang of ['ru', 'en'] as const) {
      const designer = await newUser(chromium.browser, { lang, width: 1400 });
      await signIn(designer.page, served.baseUrl, 'designer', '/routes');
      await designer.page.locator('[data-testid="route-row"][data-route-key="equipment-complaint"]').waitFor();
      await shot(designer.page, `routes-${lang}`);
      await designer.page.goto(`${served.baseUrl}/routes/${id}`);
      await designer.page.locator('[data-testid="version-row"]').first().waitFor();
      await designer.page.locator('.react-flow [data-node-id="approve"]').waitFor();
      await shot(designer.page, `route-history-${lang}`);
      await designer.page.goto(`${served.baseUrl}/routes/${id}/diff?from=1&to=2`);
      await designer.page.locator('[data-testid="diff-diagram"] [data-node-id="approve"]').waitFor();
      await designer.page.locator('[data-testid="change-item"][data-node-id="check"] button').click();
      await shot(designer.page, `route-diff-${lang}`);
      await designer.context.close();
    }
  });

  it('takes the route editor with the Deal reference route, a decision selected, in Russian and English', async () => {
    const deal = JSON.parse(await readFile(path.join(PROJECT_ROOT, 'domain', 'routes', 'examples', 'deal.route.json'), 'utf8')) as unknown;
    const created = await stack.call<{ id: string }>('POST', '/api/routes', { as: 'designer', body: { key: 'deal-designer', draft: deal } });
    for (const lang of ['ru', 'en'] as const) {
      const designer = await newUser(chromium.browser, { lang, width: 1600 });
      const { page } = designer;
      await signIn(page, served.baseUrl, 'designer', `/routes/${created.body.id}/edit`);
      const decision = page.locator('.react-flow__node[data-id="client-answer"]');
      await decision.waitFor();
      await decision.focus();
      await page.keyboard.press('Enter');
      await page.getByTestId('branch').first().waitFor();
      // Zoom in around the decision, so the cards can be read.
      const box = await decision.boundingBox();
      await page.mouse.move(box!.x + box!.width / 2, box!.y + box!.height / 2);
      for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -200);
      await page.waitForTimeout(300);
      await shot(page, `designer-${lang}`);
      await designer.context.close();
    }
  });

  it("takes the manager's case view, case list and team page, in Russian and English", async () => {
    await publishManagerRoute(stack, 'deal-payment', 'seller1');
    const paid = await startCaseOf(stack, 'seller1', 'deal-payment', 'Павильон 12: КП на витрины');
    await startCaseOf(stack, 'seller1', 'deal-payment', 'Кафе «Полюс»: холодильная камера');
    const moved = await startCaseOf(stack, 'seller1', 'deal-payment', 'Пекарня на Садовой: шкаф');
    const inbox = await stack.call<{ items: { id: string; process: { id: string } }[] }>('GET', '/api/assignments/inbox', { as: 'seller1' });
    const offerOf = (id: string) => inbox.body.items.find((i) => i.process.id === id)!.id;
    // One offer done (the case now waits for the payment), one moved to seller2 by the head of sales.
    await stack.call('POST', `/api/assignments/${offerOf(paid)}/complete`, { as: 'seller1', body: {} });
    const seller2 = (await stack.call<{ id: string }>('GET', '/api/auth/me', { as: 'seller2' })).body.id;
    await stack.call('POST', `/api/assignments/${offerOf(moved)}/reassign`, { as: 'sales.head', body: { employeeId: seller2, reason: 'Дмитрий в отпуске' } });
    const seller1 = (await stack.call<{ id: string }>('GET', '/api/auth/me', { as: 'seller1' })).body.id;
    for (const lang of ['ru', 'en'] as const) {
      const head = await newUser(chromium.browser, { lang });
      await signIn(head.page, served.baseUrl, 'sales.head', `/cases/${paid}`);
      await head.page.locator('[data-node-id="await-payment"][data-state="current"]').waitFor();
      await shot(head.page, `case-view-${lang}`);
      await head.page.goto(`${served.baseUrl}/cases/${moved}`);
      await head.page.locator('[data-node-id="offer"][data-state="current"]').waitFor();
      await shot(head.page, `case-view-current-${lang}`);
      await head.page.goto(`${served.baseUrl}/cases`);
      await head.page.getByTestId('case-row').first().waitFor();
      await shot(head.page, `cases-${lang}`);
      await head.page.goto(`${served.baseUrl}/team?person=${seller1}`);
      await head.page.getByTestId('team-work-item').first().waitFor();
      await shot(head.page, `team-${lang}`);
      await head.context.close();
    }
  });

  it('takes the client list and a client card, in Russian and English', async () => {
    // The demo client most likely to buy, as the commercial director (who sees every client) sees it.
    const first = await stack.call<{ items: { id: string }[] }>('GET', '/api/clients?sort=-probability&limit=1', { as: 'director' });
    const id = first.body.items[0]?.id;
    for (const lang of ['ru', 'en'] as const) {
      const head = await newUser(chromium.browser, { lang });
      await signIn(head.page, served.baseUrl, 'director', '/clients');
      await head.page.getByTestId('client-row').first().waitFor();
      await shot(head.page, `clients-${lang}`);
      if (id) {
        await head.page.goto(`${served.baseUrl}/clients/${id}`);
        await head.page.getByTestId('contact').first().waitFor();
        await head.page.getByTestId('interactions').getByRole('heading').first().waitFor();
        await shot(head.page, `client-${lang}`);
      }
      await head.context.close();
    }
  });

  it("takes issue 9's screens (deals, calendar, invoices, service, complaints, KB, import, portal), in Russian and English", async () => {
    const clientId = (await stack.call<{ id: string }>('POST', '/api/clients', { as: 'seller1', body: { name: 'ООО «Полярная звезда»', kind: 'legal' } })).body.id;
    const deal = (await stack.call<{ id: string }>('POST', '/api/deals', { as: 'seller1', body: { clientId, title: 'Витрины для нового зала', amount: 1_250_000_00, plannedCloseDate: '2026-12-25' } })).body.id;
    const order = (await stack.call<{ items: { id: string }[] }>('GET', '/api/installations?limit=1', { as: 'service.head' })).body.items[0]?.id;
    const complaint = (await stack.call<{ items: { id: string }[] }>('GET', '/api/complaints?limit=1', { as: 'quality' })).body.items[0]?.id;

    // A client writes through the portal; the confirmation e-mail's link opens the follow page.
    const email = `shots-${crypto.randomUUID()}@example.com`;
    const client = await newUser(chromium.browser);
    await client.page.goto(`${served.baseUrl}/portal`);
    await client.page.getByLabel('Ваше имя').fill('Ирина Петрова');
    await client.page.getByLabel('Электронная почта').fill(email);
    await client.page.getByLabel('Тема').fill('Витрина не держит температуру');
    await client.page.getByLabel('Подробности').fill('Купили в марте, с сентября греется до +12.');
    await client.page.getByRole('button', { name: 'Отправить' }).click();
    await client.page.getByTestId('portal-sent').waitFor();
    const mail = await stack.em().findOneOrFail(MailMessage, { to: email });
    const follow = /https?:\/\/\S+(\/portal\/confirm\/[A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
    await client.page.goto(served.baseUrl + follow);
    await client.page.waitForURL(/\/portal\/c\//);
    const casePath = new URL(client.page.url()).pathname;
    await client.context.close();

    const csv = 'Название;ИНН;Телефон;E-mail\nООО «Альфа-Холод»;7707083893;+7 495 100-00-01;alfa@example.ru\nООО «Бета»;7707083890;;\nООО «Гамма»;;84951000003;not-an-email\n';
    for (const lang of ['ru', 'en'] as const) {
      const seller = await newUser(chromium.browser, { lang, width: 1600 });
      await signIn(seller.page, served.baseUrl, 'seller1', '/deals');
      await seller.page.locator('[data-drag]').first().waitFor();
      await shot(seller.page, `deals-board-${lang}`);
      await seller.page.goto(`${served.baseUrl}/deals/${deal}`);
      await seller.page.getByRole('heading', { level: 1 }).waitFor();
      await shot(seller.page, `deal-${lang}`);
      await seller.page.goto(`${served.baseUrl}/calendar`);
      await seller.page.getByTestId('week-view').waitFor();
      await shot(seller.page, `calendar-week-${lang}`);
      await seller.page.goto(`${served.baseUrl}/import`);
      await seller.page.locator('input[type="file"]').setInputFiles({ name: 'клиенты.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await shot(seller.page, `import-${lang}`);
      await seller.page.getByRole('button', { name: lang === 'ru' ? 'Загрузить' : 'Upload', exact: true }).click();
      await seller.page.locator('#map-name').waitFor();
      await shot(seller.page, `import-mapping-${lang}`);
      await seller.page.getByRole('button', { name: lang === 'ru' ? 'Проверить' : 'Check', exact: true }).click();
      await seller.page.getByTestId('preview-row').first().waitFor();
      await shot(seller.page, `import-preview-${lang}`);
      await seller.context.close();

      const head = await newUser(chromium.browser, { lang, width: 1440 });
      await signIn(head.page, served.baseUrl, 'sales.head', '/calendar');
      await head.page.getByTestId('team-switch').getByText(lang === 'ru' ? 'Команда' : 'Team').click();
      await head.page.getByTestId('summary-row').first().waitFor();
      await shot(head.page, `calendar-team-${lang}`);
      await head.context.close();

      const director = await newUser(chromium.browser, { lang });
      await signIn(director.page, served.baseUrl, 'director', '/invoices');
      await director.page.getByTestId('invoice-row').first().waitFor();
      await shot(director.page, `invoices-${lang}`);
      await director.page.goto(`${served.baseUrl}/receivables`);
      await director.page.getByTestId('receivable-row').first().waitFor();
      await shot(director.page, `receivables-${lang}`);
      await director.context.close();

      const service = await newUser(chromium.browser, { lang });
      await signIn(service.page, served.baseUrl, 'service.head', '/service');
      for (const tab of ['register', 'installations', 'visits', 'consultations'] as const) {
        await service.page.goto(`${served.baseUrl}/service${tab === 'register' ? '' : `?tab=${tab}`}`);
        await service.page.getByRole('tabpanel').waitFor();
        await shot(service.page, `service-${tab}-${lang}`);
      }
      if (order) {
        await service.page.goto(`${served.baseUrl}/service/installations/${order}`);
        await service.page.getByTestId('order-status').waitFor();
        await shot(service.page, `installation-order-${lang}`);
      }
      await service.context.close();

      const quality = await newUser(chromium.browser, { lang });
      await signIn(quality.page, served.baseUrl, 'quality', '/complaints');
      await quality.page.getByTestId('sla-clock').first().waitFor();
      await shot(quality.page, `complaints-${lang}`);
      if (complaint) {
        await quality.page.goto(`${served.baseUrl}/complaints/${complaint}`);
        await quality.page.getByRole('heading', { level: 1 }).waitFor();
        await shot(quality.page, `complaint-${lang}`);
      }
      await quality.page.goto(`${served.baseUrl}/kb`);
      await quality.page.getByRole('row').nth(1).waitFor();
      await shot(quality.page, `kb-${lang}`);
      await quality.context.close();

      const visitor = await newUser(chromium.browser, { lang });
      await visitor.page.goto(`${served.baseUrl}/portal`);
      await visitor.page.getByRole('heading', { level: 1 }).waitFor();
      await shot(visitor.page, `portal-form-${lang}`);
      await visitor.page.goto(served.baseUrl + casePath);
      await visitor.page.getByTestId('portal-status').waitFor();
      await shot(visitor.page, `portal-case-${lang}`);
      await visitor.context.close();
    }
  }, 300_000);
});
