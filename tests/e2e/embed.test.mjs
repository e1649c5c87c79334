// Embed mode (?embed=1) for course pages, ?step=N, and the site served from
// a sub-path (relative URLs only).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { T, useSuite, withPage, openApp, flowState, tid, screenshot, SUB_PATH } from './helpers.mjs';

const env = useSuite();
const LAMBDA = '04-lambda-service-role';

test('embed mode: compact layout, opened at ③ of a service-role AssumeRole', T, async () => {
  await withPage(env, { viewport: { width: 900, height: 700 } }, async ({ page }) => {
    await openApp(page, env.server.url(`?preset=${LAMBDA}&embed=1&step=3&lang=en`));
    assert.equal(await page.$('header.top'), null, 'no big header');
    assert.ok(await page.$('.app.embed'), '.app.embed');

    // Lambda (a service principal) has no identity policy: ① is skipped.
    assert.equal(await flowState(page, 1), 'skipped');
    assert.equal(await flowState(page, 2), 'sent', '② is a request: sent');
    assert.equal(await flowState(page, 3), 'allowed');
    assert.equal(await page.getAttribute(tid('flow-step-3'), 'aria-current'), 'step');
    assert.equal(await flowState(page, 4), 'active', '④ comes next');
    const cursor = Number(await page.getAttribute(tid('position'), 'data-cursor'));
    assert.equal(cursor, 2, '① is skipped, so ③ is the 2nd frame');

    // The address keeps embed=1 (a reload stays compact).
    assert.match(page.url(), /embed=1/);
    // It still fits: nothing wider than the 900px frame.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling in an embed (overflow ${overflow}px)`);
    await screenshot(page, 'embed.png', { fullPage: false });
  });
});

test('the site works from a sub-path (relative URLs)', T, async () => {
  await withPage(env, {}, async ({ page }) => {
    // Embedded, from the sub-path.
    await openApp(page, env.server.url(`?preset=${LAMBDA}&embed=1&step=3&lang=en`, SUB_PATH));
    assert.equal(await flowState(page, 1), 'skipped');
    assert.equal(await flowState(page, 3), 'allowed');
    const open = await page.getAttribute('.app.embed a[href*="#s="]', 'href');
    assert.ok(open.startsWith(`${env.server.origin}${SUB_PATH}#s=`), `"open full" link stays under the sub-path: ${open.slice(0, 60)}`);

    // Full page from the sub-path: the share link stays under it too.
    await openApp(page, env.server.url('?preset=01-cross-account-switch-role&lang=en', SUB_PATH));
    // (The browser compresses the link a moment after the page is up.)
    await page.waitForSelector(`${tid('share-link')}[href*="#s="]`, { state: 'attached' });
    const href = await page.getAttribute(tid('share-link'), 'href');
    assert.ok(href.startsWith(`${env.server.origin}${SUB_PATH}#s=`), `share link under the sub-path: ${href.slice(0, 60)}`);
    assert.ok(new URL(page.url()).pathname === SUB_PATH, 'the address keeps the sub-path');

    // Every request of the page went to the sub-path (none to the root mount).
    const paths = page.log.requests.filter((u) => u.startsWith('http')).map((u) => new URL(u).pathname);
    assert.ok(paths.length >= 4, `page, css, js, wasm were requested: ${paths.join(' ')}`);
    const outside = paths.filter((p) => !p.startsWith(SUB_PATH));
    assert.deepEqual(outside, [], 'no request outside the sub-path');
    assert.ok(paths.some((p) => p.endsWith('.wasm')), 'the wasm came from the sub-path');
  });
});

test('with storage blocked (third-party storage in an embed): one quiet note, no error', T, async () => {
  await withPage(env, { viewport: { width: 900, height: 700 } }, async ({ page }) => {
    // What a browser does to an embedded frame's storage when it blocks it.
    await page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });
    });
    await openApp(page, env.server.url(`?preset=${LAMBDA}&embed=1&lang=en`));
    await page.waitForSelector(tid('notice'));
    assert.match(await page.getAttribute(tid('notice'), 'class'), /\bquiet\b/, 'a quiet note, not a warning');
    assert.match(await page.textContent(tid('notice')), /blocked/);
    await page.click(tid('step-next'));
    await page.click(tid('step-next'));
    assert.equal(await page.$$eval(tid('notice'), (n) => n.length), 1, 'one note, not one per change');
    await page.reload();
    await page.waitForSelector(tid('flow-step-1'));
    assert.match(await page.getAttribute(tid('notice'), 'class'), /\bquiet\b/, 'still quiet after a reload');
  });
});

test('in a sandboxed iframe without allow-same-origin: a readable fallback, not a white page', T, async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 900, height: 700 } });
  try {
    const page = await ctx.newPage();
    const src = env.server.url(`?preset=${LAMBDA}&embed=1`);
    await page.setContent(`<iframe sandbox="allow-scripts" src="${src}" width="800" height="500"></iframe>`);
    const frame = await (await page.waitForSelector('iframe')).contentFrame();
    await frame.waitForSelector(tid('boot-fallback'), { state: 'visible', timeout: 15_000 });
    assert.match(await frame.textContent(tid('boot-fallback')), /allow-same-origin/);
    assert.match(await frame.textContent(tid('boot-fallback')), new RegExp(src.replace(/[.?*+^$()[\]{}|\\]/g, '\\$&')), 'the address to open');
  } finally {
    await ctx.close();
  }
});

test('a loading indicator while the WebAssembly arrives on a slow link', T, async () => {
  await withPage(env, {}, async ({ page }) => {
    await page.route('**/*.wasm', async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    await page.goto(env.server.url(`?preset=${LAMBDA}&lang=en`));
    await page.waitForSelector(tid('boot'), { state: 'visible' });
    assert.match(await page.textContent(tid('boot')), /Loading the playground/);
    await page.waitForSelector(tid('flow-step-1'), { timeout: 20_000 });
    assert.equal(await page.$(tid('boot')), null, 'gone once the page runs');
  });
});
