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
    assert.equal(await flowState(page, 2), 'allowed');
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
