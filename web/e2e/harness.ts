// What the browser tests and the screenshot script share: this file's slice of the real test
// stack served over HTTP with the built UI, and a headless Chromium from Debian's package driven
// by playwright-core (no browser download).
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { mountWebUi } from '../../api/web-ui.ts';
import { DEMO_PASSWORD, demoEmail } from '../../infra/db/demo-data.ts';
import { startTestStack, type TestStack } from '../../infra/testing/stack.ts';
import { WEB_DIST } from '../../infra/web-build.ts';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter((p): p is string => Boolean(p));

export function chromiumPath(): string {
  const found = CANDIDATES.find((p) => existsSync(p));
  if (!found) {
    throw new Error(`No Chromium found; tried ${CANDIDATES.join(', ')}. Install Debian's package (apt-get install -y chromium; .ci/run does it) or set CHROMIUM_PATH.`);
  }
  return found;
}

export interface Served {
  baseUrl: string;
  close(): Promise<void>;
}

/** Serves the stack's app (API + built UI) on a free local port. */
export async function serveStack(stack: TestStack): Promise<Served> {
  mountWebUi(stack.app, WEB_DIST);
  return new Promise((resolve) => {
    const server = serve({ fetch: stack.app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => {
      resolve({
        baseUrl: `http://127.0.0.1:${info.port}`,
        close: () => new Promise<void>((done) => {
          server.close(() => done());
          // Notification streams stay open until the browser hangs up.
          (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        }),
      });
    });
  });
}

export interface Chromium {
  browser: Browser;
  close(): Promise<void>;
}

export async function launchChromium(): Promise<Chromium> {
  // playwright gives each launch a fresh profile in a temporary directory of its own.
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}

/** A fresh browser profile (own cookies, own localStorage) with its console errors collected. */
export async function newUser(browser: Browser, opts: { lang?: 'ru' | 'en'; width?: number } = {}): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  // Reduced motion: no dialog is caught by axe half-faded (its text at a contrast it never has at rest).
  const context = await browser.newContext({ viewport: { width: opts.width ?? 1280, height: 860 }, locale: opts.lang === 'en' ? 'en-GB' : 'ru-RU', reducedMotion: 'reduce' });
  if (opts.lang) await context.addInitScript((lang) => localStorage.setItem('crm.lang', lang), opts.lang);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    // Chromium logs every 4xx answer as "Failed to load resource": those are the API speaking
    // (401 before sign-in, 422 for a wrong form), not faults of the page.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) errors.push(msg.text());
  });
  return { context, page, errors };
}

export async function signIn(page: Page, baseUrl: string, who: string, path = '/inbox'): Promise<void> {
  await page.goto(baseUrl + path);
  await page.waitForURL(/\/sign-in/);
  await page.locator('input[name="email"]').fill(demoEmail(who));
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
}

export interface BrowserStack {
  stack: TestStack;
  served: Served;
  chromium: Chromium;
  browser: Browser;
}

/** What every browser test file starts with: its stack (and worker), the UI served, Chromium. */
export async function startBrowserStack(opts: { worker?: boolean } = {}): Promise<BrowserStack> {
  const stack = await startTestStack();
  if (opts.worker ?? true) await stack.startWorker();
  // The UI is mounted before the first request builds the app's router.
  const served = await serveStack(stack);
  const chromium = await launchChromium();
  return { stack, served, chromium, browser: chromium.browser };
}

/** Stops what startBrowserStack started, whichever parts of it did start. */
export async function closeBrowserStack(b: Partial<Pick<BrowserStack, 'stack' | 'served' | 'chromium'>>): Promise<void> {
  await b.chromium?.close();
  await b.served?.close();
  await b.stack?.close();
}
