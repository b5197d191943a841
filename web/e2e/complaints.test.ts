// Complaints in a real Chromium against the real stack: the quality officer registers a complaint
// (a mistyped phone refused at its field, nothing typed lost), sees its SLA clock, writes to the
// client and a note for colleagues, searches the knowledge base and cites an article in the
// decision, records it; seller1 gets no quality actions and cannot open a complaint that is not
// about their client. In Russian and in English; axe-core on each screen, its findings printed
// with their targets so a failure names the element.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../../infra/testing/stack.ts';
import { seriousViolations } from './axe.ts';
import { type Chromium, closeBrowserStack, newUser, type Served, signIn, startBrowserStack } from './harness.ts';

let stack: TestStack;
let served: Served;
let chromium: Chromium;
let browser: Browser;
let article = '';

const SHOTS = process.env.SHOTS_DIR;
const look = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
};

/** axe's serious findings; printed when there are any, so the failing element is named in the log. */
async function axe(page: Page, where: string): Promise<string[]> {
  const found = await seriousViolations(page);
  if (found.length) console.log(`[axe] ${where}:\n${found.join('\n')}`);
  return found;
}

const T = {
  ru: {
    heading: 'Жалобы', new: 'Зарегистрировать жалобу', subject: 'Тема', text: 'Суть жалобы', contact: 'Контактное лицо', phone: 'Телефон', register: 'Зарегистрировать',
    left: /^осталось \d+ ч \d+ мин$/, message: 'Сообщение клиенту', send: 'Отправить', note: 'Заметка для коллег', addNote: 'Добавить заметку',
    kbSearch: 'Поиск в базе знаний', search: 'Поиск', cite: 'Цитировать', decide: 'Записать решение', decided: 'Решение принято', version: 'версия 1',
  },
  en: {
    heading: 'Complaints', new: 'Register a complaint', subject: 'Subject', text: 'What happened', contact: 'Contact person', phone: 'Phone', register: 'Register',
    left: /^\d+ h \d+ min left$/, message: 'Message to the client', send: 'Send', note: 'Note for colleagues', addNote: 'Add note',
    kbSearch: 'Search the knowledge base', search: 'Search', cite: 'Cite', decide: 'Record the decision', decided: 'Decided', version: 'version 1',
  },
} as const;

beforeAll(async () => {
  ({ stack, served, chromium, browser } = await startBrowserStack({ worker: false }));
  const res = await stack.call<{ id: string }>('POST', '/api/kb/articles', {
    as: 'quality',
    body: { title: 'Гарантийный ремонт витрины', body: 'Витрина на гарантии ремонтируется бесплатно в течение 10 рабочих дней.', tags: ['гарантия'], category: 'Сервис' },
  });
  expect(res.status).toBe(201);
  article = res.body.id;
});

afterAll(() => closeBrowserStack({ stack, served, chromium }));

describe('complaints in the browser', () => {
  for (const lang of ['ru', 'en'] as const) {
    it(`the quality officer registers, answers, cites the knowledge base and decides (${lang})`, async () => {
      const t = T[lang];
      const subject = `Витрина не держит температуру ${lang}-${crypto.randomUUID().slice(0, 6)}`;
      const { page, context, errors } = await newUser(browser, { lang });
      await signIn(page, served.baseUrl, 'quality', '/complaints');
      await page.getByRole('heading', { name: t.heading, exact: true }).waitFor();
      await page.getByRole('button', { name: t.new }).click();
      await page.getByRole('textbox', { name: t.subject }).fill(subject);
      await page.getByRole('textbox', { name: t.text }).fill('Температура в витрине +12 °C вместо +4 °C');
      await page.getByRole('textbox', { name: t.contact }).fill('Ольга Смирнова');
      await page.getByRole('textbox', { name: t.phone }).fill('звоните утром');
      await page.getByRole('button', { name: t.register, exact: true }).click();
      // Refused at the phone field; what was typed stays.
      const phone = page.getByRole('textbox', { name: t.phone });
      await expect.poll(() => phone.getAttribute('aria-invalid'), { timeout: 15_000 }).toBe('true');
      expect(await page.getByRole('textbox', { name: t.subject }).inputValue()).toBe(subject);
      expect(await phone.inputValue()).toBe('звоните утром');
      await page.getByText(lang === 'ru' ? /^Номер телефона: цифры/ : /^A phone number: digits/).waitFor();
      await look(page, `complaint-field-error-${lang}`);
      expect(await axe(page, 'new complaint with a field error')).toEqual([]);

      await phone.fill('+7 900 123-45-67');
      await page.getByRole('button', { name: t.register, exact: true }).click();
      await page.waitForURL(/\/complaints\/[0-9a-f-]{36}$/);
      await page.getByRole('heading', { name: subject }).waitFor();
      // Three working days from now: hours and minutes left, in the words of the language.
      const clock = page.getByTestId('sla-clock');
      await expect.poll(async () => (await clock.textContent())?.trim(), { timeout: 15_000 }).toMatch(t.left);
      expect(await clock.getAttribute('data-tone')).toBe('ok');

      await page.getByRole('textbox', { name: t.message }).fill('Мастер приедет завтра до 12:00');
      await page.getByRole('button', { name: t.send }).click();
      await page.getByText('Мастер приедет завтра до 12:00').waitFor();
      await page.getByRole('textbox', { name: t.note }).fill('Проверить компрессор по журналу');
      await page.getByRole('button', { name: t.addNote }).click();
      await page.getByText('Проверить компрессор по журналу').waitFor();

      await page.getByRole('textbox', { name: t.kbSearch }).fill('гарантийного ремонта');
      await page.getByRole('button', { name: t.search, exact: true }).click();
      const hit = page.getByTestId('kb-hit').filter({ hasText: 'витрины' });
      await hit.locator('mark').first().waitFor();
      await look(page, `complaint-${lang}`);
      expect(await axe(page, 'complaint page with a KB hit')).toEqual([]);
      await hit.getByRole('button', { name: t.cite }).click();
      await expect.poll(() => page.getByRole('textbox', { name: lang === 'ru' ? 'Текст решения' : 'Decision text' }).inputValue(), { timeout: 15_000 }).toContain('ремонтируется бесплатно');
      await page.getByRole('button', { name: t.decide }).click();
      await page.getByText(t.decided).first().waitFor();
      await page.getByText(`Гарантийный ремонт витрины (${t.version})`).waitFor();
      const saved = await stack.call<{ items: { id: string; subject: string }[] }>('GET', `/api/complaints?q=${encodeURIComponent(subject)}`, { as: 'quality' });
      const id = saved.body.items[0]!.id;
      const detail = await stack.call<{ status: string; decisionCitations: { articleId: string; version: number }[]; messages: { kind: string }[] }>('GET', `/api/complaints/${id}`, { as: 'quality' });
      expect(detail.body.status).toBe('decided');
      expect(detail.body.decisionCitations).toEqual([expect.objectContaining({ articleId: article, version: 1 })]);
      expect(detail.body.messages.map((m) => m.kind).sort()).toEqual(expect.arrayContaining(['note']));
      await look(page, `complaint-decided-${lang}`);
      expect(await axe(page, 'decided complaint')).toEqual([]);

      // The list: the complaint with its stopped clock.
      await page.goto(`${served.baseUrl}/complaints`);
      await page.getByRole('link', { name: /^Ж-\d{6}$/ }).first().waitFor();
      await look(page, `complaints-${lang}`);
      expect(await axe(page, 'complaint list')).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it("seller1 has no quality actions and cannot open a complaint that is not about their client", async () => {
    const other = await stack.call<{ id: string; number: string }>('POST', '/api/complaints', { as: 'quality', body: { source: 'phone', subject: 'Чужая жалоба', text: 'Текст', contactName: 'Иван' } });
    expect(other.status).toBe(201);
    const { page, context } = await newUser(browser);
    await signIn(page, served.baseUrl, 'seller1', '/complaints');
    await page.getByRole('heading', { name: 'Жалобы', exact: true }).waitFor();
    await page.getByText(/^\d+ жалоб/).waitFor();
    expect(await page.getByRole('button', { name: 'Зарегистрировать жалобу' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: other.body.number }).count()).toBe(0);
    await page.goto(`${served.baseUrl}/complaints/${other.body.id}`);
    await page.getByRole('alert').waitFor();
    expect(await page.getByText('Чужая жалоба').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Записать решение' }).count()).toBe(0);
    expect(await axe(page, "another's complaint")).toEqual([]);
    await context.close();
  });
});
