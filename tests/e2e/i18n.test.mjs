// English and Japanese: ?lang=, the language toggle, persistence across
// reloads, the browser's language as the default, and a walk at ④.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { T, useSuite, withPage, openApp, flowState, tid } from './helpers.mjs';

const env = useSuite();
const PRESET = '01-cross-account-switch-role';
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9faf]/;

const htmlLang = (page) => page.getAttribute('html', 'lang');
const flowText = (page) => page.textContent(tid('flow-step-1'));

/** Waits for <html lang> to become `lang`. */
async function waitLang(page, lang) {
  await page.waitForFunction((l) => document.documentElement.lang === l, lang, { timeout: 5_000 });
}

test('?lang=ja shows Japanese; the toggle switches to English and back', T, async () => {
  await withPage(env, {}, async ({ page }) => {
    await openApp(page, env.server.url(`?preset=${PRESET}&lang=ja`));
    assert.equal(await htmlLang(page), 'ja');
    assert.match(await flowText(page), JAPANESE, 'flow-step-1 is in Japanese');
    assert.match(await page.textContent('.scenario-title'), JAPANESE, 'so is the scenario title');

    await page.click(tid('lang-toggle'));
    await waitLang(page, 'en');
    assert.doesNotMatch(await flowText(page), JAPANESE, 'flow-step-1 is in English');
    assert.match(await flowText(page), /[A-Za-z]{4,}/);
    assert.match(page.url(), /lang=en/, 'the address follows the language');

    await page.click(tid('lang-toggle'));
    await waitLang(page, 'ja');
    assert.match(await flowText(page), JAPANESE);
  });
});

test('the language choice persists across reloads', T, async () => {
  await withPage(env, { locale: 'en-US' }, async ({ page }) => {
    await openApp(page, env.server.url(`?preset=${PRESET}`));
    assert.equal(await htmlLang(page), 'en', 'an English browser gets English');
    await page.click(tid('lang-toggle'));
    await waitLang(page, 'ja');

    await page.reload();
    await page.waitForSelector(tid('flow-step-1'));
    assert.equal(await htmlLang(page), 'ja', 'same address, after reload');
    assert.match(await flowText(page), JAPANESE);

    // Even without ?lang in the address (from local storage).
    await openApp(page, env.server.url(`?preset=${PRESET}`));
    assert.equal(await htmlLang(page), 'ja', 'no ?lang: the saved choice');
    assert.match(await flowText(page), JAPANESE);
  });
});

test('a Japanese browser (ja-JP) gets Japanese without ?lang', T, async () => {
  await withPage(env, { locale: 'ja-JP' }, async ({ page }) => {
    await openApp(page, env.server.url(`?preset=${PRESET}`));
    assert.equal(await htmlLang(page), 'ja');
    assert.match(await flowText(page), JAPANESE);
  });
});

for (const lang of ['en', 'ja']) {
  test(`preset 01 at ④ in ${lang}: the token card (the README screenshots are taken in layout.test.mjs)`, T, async () => {
    await withPage(env, { viewport: { width: 1366, height: 768 } }, async ({ page }) => {
      await openApp(page, env.server.url(`?preset=${PRESET}&lang=${lang}&step=4`));
      assert.equal(await htmlLang(page), lang);
      assert.equal(await flowState(page, 4), 'allowed');
      assert.equal(await page.getAttribute(tid('flow-step-4'), 'aria-current'), 'step');
      assert.ok(await page.isVisible(tid('token')), 'the token card is visible');
      assert.equal(await page.getAttribute(tid('token'), 'data-state'), 'valid');
      if (lang === 'ja') assert.match(await page.textContent(tid('token')), JAPANESE);
    });
  });
}
