// Accessibility: axe-core (from npm, tools/node_modules) injected into the
// page, WCAG 2.1 A and AA rules, in light and dark mode, English and
// Japanese, embedded (?embed=1), preset 08 walked to its end (history
// rows of an earlier step), expired credentials beside the user's
// long-term key, and trainer mode open. Any serious or critical violation
// fails.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { T, useSuite, withPage, openApp, position, stepNext, ROOT } from './helpers.mjs';

const env = useSuite();
const AXE = path.join(ROOT, 'tools/node_modules/axe-core/axe.min.js');

/** Runs axe on the page; returns the serious and critical violations. */
async function violations(page) {
  // Evaluated through the DevTools protocol, which the page's
  // Content-Security-Policy (no inline script) does not govern; a script
  // tag would be refused, rightly.
  await page.evaluate(readFileSync(AXE, 'utf8'));
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] }),
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.length} node(s), e.g. ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1).join(' ')}`).join(' | ')}`);
}

async function walkToEnd(page) {
  for (;;) {
    const { cursor, total } = await position(page);
    if (cursor >= total) return;
    await stepNext(page);
  }
}

for (const colorScheme of ['light', 'dark']) {
  for (const lang of ['en', 'ja']) {
    test(`axe: no serious or critical violations (${colorScheme}, ${lang})`, T, async () => {
      await withPage(env, { colorScheme }, async ({ page }) => {
        await page.emulateMedia({ colorScheme });
        await openApp(page, env.server.url(`?preset=01-cross-account-switch-role&lang=${lang}`));
        assert.deepEqual(await violations(page), [], 'the start page');
        await page.goto(env.server.url(`?preset=04-lambda-service-role&lang=${lang}&embed=1&step=3`));
        await page.waitForSelector('[data-testid="flow-step-1"]');
        assert.deepEqual(await violations(page), [], 'embedded');
        await openApp(page, env.server.url(`?preset=08-time-limited-access&lang=${lang}`));
        await walkToEnd(page);
        assert.deepEqual(await violations(page), [], '08 at its end');
        await openApp(page, env.server.url(`?preset=01-cross-account-switch-role&lang=${lang}&step=4`));
        await page.click('[data-testid="clock-advance"]');
        await page.waitForSelector('[data-testid="token"][data-state="expired"]', { state: 'attached' });
        assert.deepEqual(await violations(page), [], 'expired credentials (and the long-term key beside them)');
        await page.click('[data-testid="trainer"] summary');
        await page.waitForSelector('[data-testid="trainer-export"]', { timeout: 30_000 });
        assert.deepEqual(await violations(page), [], 'trainer mode open');
        await page.setViewportSize({ width: 390, height: 844 });
        await openApp(page, env.server.url(`?preset=03-same-account-trust&lang=${lang}&step=1`));
        assert.deepEqual(await violations(page), [], 'a phone, ① not needed');
      });
    });
  }
}
