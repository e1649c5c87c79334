// After the first visit the service worker keeps the site: the page loads
// and runs with the network off.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { T, useSuite, withPage, openApp, flowState, stepNext, tid } from './helpers.mjs';

const env = useSuite();

test('the app loads offline once the service worker controls it', T, async () => {
  await withPage(env, {}, async ({ ctx, page }) => {
    const url = env.server.url('?preset=01-cross-account-switch-role&lang=en');
    await openApp(page, url);

    // The service worker is installed (it precaches the page and its assets).
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    assert.equal(scope, `${env.server.origin}/`);

    // Reload once so that it controls the page.
    await page.reload();
    await page.waitForSelector(tid('flow-step-1'));
    assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'the page is controlled');

    // Network off: the server is unreachable, the page still comes up.
    await ctx.setOffline(true);
    assert.equal(await page.evaluate(() => navigator.onLine), false);
    const served = env.server.requests.length;
    await page.reload();
    await page.waitForSelector(tid('flow-step-1'), { timeout: 20_000 });
    assert.equal(env.server.requests.length, served, 'nothing reached the server while offline');

    // And it works: walk the first AssumeRole to its credentials.
    for (let i = 0; i < 4; i++) await stepNext(page);
    assert.equal(await flowState(page, 4), 'allowed');
    assert.ok(await page.isVisible(tid('token')));
    await ctx.setOffline(false);
  });
});
