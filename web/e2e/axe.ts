// Accessibility check with axe-core injected into the page: the violations of impact "serious" or
// "critical" (what blocks people using a screen reader or the keyboard).
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const results = await page.evaluate(async () => {
    // Runs in the page; the Node project has no DOM types, hence the narrow shape.
    const page = globalThis as unknown as { axe: { run: (ctx: unknown, opts: object) => Promise<AxeResults> }; document: unknown };
    return page.axe.run(page.document, { resultTypes: ['violations'] });
  });
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => `${n.html.slice(0, 160)} ${n.failureSummary ?? ''}`).slice(0, 3).join('; ')})`);
}
