// The process-timing page with data, in a real Chromium against the real stack, as the director:
// a small route published by the designer, its steps' timing facts written by the transition the
// activity runs (applyTransition, as api/reports/timing/timing-api.test.ts does) at chosen instants
// of Moscow's working week (16 November 2026 is a Monday; working 09-13 and 14-18), so every figure
// is counted by hand. "Check" takes 5, 6 and 3 working hours against its 4 h: median 5 h, 25 % over,
// two of three late, drawn red. "Approve" takes 2, 3 and 4 hours against 1 d (8 h): within, not red.
// Clicking the red node lists its two late cases; following one opens that case's page.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Employee, Process, RouteVersion } from '../../domain/entities/index.ts';
import { local } from '../../domain/calendar/test-calendars.ts';
import { applyTransition } from '../../domain/processes/apply-transition.ts';
import type { Effect } from '../../domain/processes/case-state.ts';
import { demoEmail } from '../../infra/db/demo-data.ts';
import type { TestStack } from '../../infra/testing/stack.ts';
import { seriousViolations } from './axe.ts';
import { type Chromium, closeBrowserStack, newUser, type Served, signIn, startBrowserStack } from './harness.ts';

let stack: TestStack;
let served: Served;
let chromium: Chromium;
let browser: Browser;
const SHOTS = process.env.SHOTS_DIR ?? '/tmp/heat';
const look = async (page: Page, name: string) => {
  // From the top: a full-page shot of a scrolled page draws the fixed header and menu midway.
  await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
};

const KEY = 'heat-map';
const PERIOD = 'from=2026-11-01&to=2026-11-30';
const ids: Record<string, string> = {};
/** The cases whose check closed after its due time, by subject. */
const late: Record<string, string> = {};

const route = {
  language: 'route/v1',
  name: 'Заказ на согласование',
  start: 'check',
  nodes: [
    { id: 'check', kind: 'task', name: 'Проверка заказа', assignee: { type: 'person', email: demoEmail('seller1') }, due: { working: 'PT4H' }, next: 'approve' },
    { id: 'approve', kind: 'task', name: 'Согласование', assignee: { type: 'role', role: 'sales' }, due: { working: 'P1D' }, next: 'done' },
    { id: 'done', kind: 'end', result: 'success' },
  ],
};

const iso = (at: string) => local(at).toISOString();
const context = () => ({ variables: {}, completedBy: {}, startedBy: ids.seller1! });
const apply = (processId: string, effects: Effect[]) => stack.em().transactional((em) => applyTransition(em, { processId, subject: 'Timing' }, effects));

/** A running case of the version, started at `at` by seller1. */
async function newCase(versionId: string, subject: string, at: string): Promise<string> {
  const em = stack.em();
  const id = crypto.randomUUID();
  em.create(Process, { id, workflowId: `process-${id}`, routeVersion: versionId, subject, variables: {}, status: 'running', startedBy: ids.seller1!, startedAt: local(at) });
  await em.flush();
  return id;
}

/** One step of the case: opened, then completed by `who`, each in its own transition as the inbox does. */
async function step(processId: string, stepId: 'check' | 'approve', who: string, opened: string, due: string, done: string): Promise<void> {
  const a = crypto.randomUUID();
  const assignee = stepId === 'check' ? { type: 'person' as const, email: demoEmail('seller1') } : { type: 'role' as const, role: 'sales', pick: 'queue' as const };
  await apply(processId, [{ type: 'open', assignmentId: a, step: { id: stepId, name: route.nodes.find((n) => n.id === stepId)!.name! }, priority: 'normal', openedAt: iso(opened), dueAt: iso(due), context: context(), assignee }]);
  await apply(processId, [{ type: 'complete', assignmentId: a, stepId, employeeId: ids[who]!, at: iso(done) }]);
}

beforeAll(async () => {
  ({ stack, served, chromium, browser } = await startBrowserStack({ worker: false }));
  for (const who of ['seller1', 'seller2']) ids[who] = (await stack.em().findOneOrFail(Employee, { email: demoEmail(who) })).id;
  const created = await stack.call<{ id: string }>('POST', '/api/routes', { as: 'designer', body: { key: KEY, draft: route } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect((await stack.call('POST', `/api/routes/${created.body.id}/publish`, { as: 'designer', body: { revision: 1 } })).status).toBe(201);
  const version = (await stack.em().findOneOrFail(RouteVersion, { route: { key: KEY }, version: 1 })).id;

  // Mon: check 09-15 (4 h + 1 h after lunch: 5 h, due 13:00, late); approve 15-17 (2 h, due Tue 15:00).
  const a = await newCase(version, 'Заказ 101', '2026-11-16T09:00');
  await step(a, 'check', 'seller1', '2026-11-16T09:00', '2026-11-16T13:00', '2026-11-16T15:00');
  await step(a, 'approve', 'seller2', '2026-11-16T15:00', '2026-11-17T15:00', '2026-11-16T17:00');
  await apply(a, [{ type: 'close', status: 'completed', at: iso('2026-11-16T17:00'), result: {} }]);
  late['Заказ 101'] = a;
  // Tue: check 09-16 (6 h, late); approve Tue 16:00 - Wed 10:00 (2 h + 1 h: 3 h, due Wed 16:00).
  const b = await newCase(version, 'Заказ 102', '2026-11-17T09:00');
  await step(b, 'check', 'seller1', '2026-11-17T09:00', '2026-11-17T13:00', '2026-11-17T16:00');
  await step(b, 'approve', 'seller2', '2026-11-17T16:00', '2026-11-18T16:00', '2026-11-18T10:00');
  await apply(b, [{ type: 'close', status: 'completed', at: iso('2026-11-18T10:00'), result: {} }]);
  late['Заказ 102'] = b;
  // Wed: check 09-12 (3 h, in time); approve 12-17 (1 h + 3 h: 4 h, due Thu 12:00).
  const c = await newCase(version, 'Заказ 103', '2026-11-18T09:00');
  await step(c, 'check', 'seller1', '2026-11-18T09:00', '2026-11-18T13:00', '2026-11-18T12:00');
  await step(c, 'approve', 'seller2', '2026-11-18T12:00', '2026-11-19T12:00', '2026-11-18T17:00');
  await apply(c, [{ type: 'close', status: 'completed', at: iso('2026-11-18T17:00'), result: {} }]);
});
afterAll(() => closeBrowserStack({ stack, served, chromium }));

/** Text as read, with the narrow and non-breaking spaces of number formats made plain. */
const plain = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f\s]+/g, ' ').trim();
/** The colour of an element's border as drawn (the page's computed style; the Node project has no DOM types). */
const borderColour = (l: Locator) => l.evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { borderTopColor: string } }).getComputedStyle(el).borderTopColor);
const settle = async (page: Page) => {
  await page.getByTestId('sections-progress').waitFor({ state: 'detached' });
  await page.waitForTimeout(300);
};

const LANG = {
  ru: {
    title: 'Сроки процесса: Заказ на согласование',
    over: 'Медиана 5 ч при сроке 4 ч (+25 %)', within: 'Медиана 3 ч при сроке 1 д',
    check: ['Проверка заказа', '3', '3', '5 ч', '5 ч 48 мин', '—', '5 ч', '4 ч', '66,7 %', '0 %'],
    approve: ['Согласование', '3', '3', '3 ч'], approveShare: '0 %',
    breaches: 'Просрочки шага «Проверка заказа»',
  },
  en: {
    title: 'Process timing: Заказ на согласование',
    over: 'Median 5 h against 4 h (+25%)', within: 'Median 3 h against 1 d',
    check: ['Проверка заказа', '3', '3', '5 h', '5 h 48 min', '—', '5 h', '4 h', '66.7%', '0%'],
    approve: ['Согласование', '3', '3', '3 h'], approveShare: '0%',
    breaches: 'Breaches of "Проверка заказа"',
  },
} as const;

describe('the process-timing page with data', () => {
  it('answers the figures the page is checked against (API)', async () => {
    const res = await stack.call<{ nodes: { nodeId: string; steps: number; medianMs: number; overDue: number; overDueShare: number }[] }>('GET', `/api/reports/process-timing?routeKey=${KEY}&${PERIOD}`, { as: 'director' });
    expect(res.status).toBe(200);
    expect(res.body.nodes.map((n) => [n.nodeId, n.steps, n.medianMs / 3_600_000, n.overDue])).toEqual([['check', 3, 5, 2], ['approve', 3, 3, 0]]);
  });

  for (const lang of ['ru', 'en'] as const) {
    it(`draws the late node red with its target, actual and % over, and leads from it to its breaching cases (${lang})`, async () => {
      const L = LANG[lang];
      const { page, context, errors } = await newUser(browser, { lang });
      await signIn(page, served.baseUrl, 'director', `/reports/processes/${KEY}?${PERIOD}`);
      await page.getByRole('heading', { name: L.title }).waitFor();
      await page.getByTestId('timing-nodes').waitFor();
      await settle(page);
      const diagram = page.getByTestId('timing-diagram');
      const check = diagram.locator('[data-node-id="check"]');
      const approve = diagram.locator('[data-node-id="approve"]');
      await check.waitFor();
      // The diagram: check red (over) with its text, approve coloured but not red.
      expect(await check.getAttribute('data-heat')).toBe('over');
      expect(plain(await check.textContent())).toContain(L.over);
      expect(await borderColour(check)).toBe('rgb(201, 42, 42)');
      expect(await approve.getAttribute('data-heat')).toBe('within');
      expect(plain(await approve.textContent())).toContain(L.within);
      expect(await borderColour(approve)).not.toBe('rgb(201, 42, 42)');
      // The whole route is in the diagram's box on load, the end node too.
      const box = (await diagram.locator('.react-flow').boundingBox())!;
      for (const id of ['check', 'approve', 'done']) {
        const n = (await diagram.locator(`.react-flow__node[data-id="${id}"]`).boundingBox())!;
        expect(n.y, id).toBeGreaterThanOrEqual(box.y - 1);
        expect(n.y + n.height, id).toBeLessThanOrEqual(box.y + box.height + 1);
      }
      // The node table: hand-counted medians and over-due shares.
      const cells = async (name: string) => (await page.getByTestId('timing-nodes').getByRole('row').filter({ hasText: name }).first().getByRole('cell').allTextContents()).map(plain);
      expect(await cells('Проверка заказа')).toEqual(L.check);
      const approveRow = await cells('Согласование');
      expect(approveRow.slice(0, 4)).toEqual(L.approve);
      expect(approveRow[8]).toBe(L.approveShare);
      expect(await page.getByTestId('section-error').count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
      await look(page, `timing-${lang}`);

      // The red node, clicked on the diagram (Russian) or in the table (English), lists its late cases.
      if (lang === 'ru') await check.click();
      else await page.getByTestId('timing-nodes').getByRole('button', { name: 'Проверка заказа' }).click();
      const breaches = page.getByTestId('breaches');
      await breaches.getByText(L.breaches).first().waitFor();
      await breaches.getByRole('link', { name: 'Заказ 101' }).waitFor();
      const links = breaches.getByRole('link', { name: /^Заказ \d+$/ });
      expect((await links.allTextContents()).sort()).toEqual(['Заказ 101', 'Заказ 102']);
      for (const [subject, id] of Object.entries(late)) {
        expect(await breaches.getByRole('link', { name: subject }).getAttribute('href')).toBe(`/cases/${id}`);
      }
      await settle(page);
      expect(await seriousViolations(page)).toEqual([]);
      await look(page, `timing-breaches-${lang}`);

      await breaches.getByRole('link', { name: 'Заказ 102' }).click();
      await page.waitForURL(`**/cases/${late['Заказ 102']}`);
      await page.getByRole('heading', { name: 'Заказ 102' }).waitFor();
      await look(page, `timing-case-${lang}`);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('fits a large route (the demo deal route) whole in the diagram box on load', async () => {
    const { page, context, errors } = await newUser(browser, { lang: 'ru' });
    await signIn(page, served.baseUrl, 'director', '/reports/processes/deal');
    await page.getByTestId('timing-nodes').waitFor();
    await settle(page);
    const diagram = page.getByTestId('timing-diagram');
    await diagram.locator('.react-flow__node').first().waitFor();
    const box = (await diagram.locator('.react-flow').boundingBox())!;
    const nodes = await diagram.locator('.react-flow__node').all();
    expect(nodes.length).toBeGreaterThan(12);
    for (const n of nodes) {
      const b = (await n.boundingBox())!;
      const id = await n.getAttribute('data-id');
      expect(b.y, id!).toBeGreaterThanOrEqual(box.y - 1);
      expect(b.y + b.height, id!).toBeLessThanOrEqual(box.y + box.height + 1);
      expect(b.x, id!).toBeGreaterThanOrEqual(box.x - 1);
      expect(b.x + b.width, id!).toBeLessThanOrEqual(box.x + box.width + 1);
    }
    await look(page, 'timing-deal-ru');
    expect(errors).toEqual([]);
    await context.close();
  });
});
