// Local storage in every state a browser can leave it: damaged by hand or
// by another version, refusing writes (full), or switched off. The page
// always opens, says what it could not do, and never loses the newest good
// state it still has.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { T, useSuite, withPage, openApp, editorText, tid } from './helpers.mjs';

const env = useSuite();

test('a damaged entry is restored from the last good copy', T, async () => {
  await withPage(env, {}, async ({ page }) => {
    await openApp(page, env.server.url('?preset=02-narrowed-trust&lang=en'));
    const trust = (await editorText(page, 'editor-trust')).replace('"Sid"', '"Sid" ');
    await page.fill(tid('editor-trust'), trust);
    await page.waitForFunction(() => {
      try {
        return JSON.parse(localStorage.getItem('roleplay.v1.last-good')).text.includes('\\"Sid\\" ');
      } catch {
        return false;
      }
    });
    // Damage the entry the page would open.
    await page.evaluate(() => {
      const key = localStorage.getItem('roleplay.v1.current');
      localStorage.setItem(key, '{"source": {"kind": "preset", "name": "02-narr');
    });
    await page.goto(env.server.url(''));
    await page.waitForSelector(tid('flow-step-1'));
    assert.equal(await editorText(page, 'editor-trust'), trust, 'the newest good state');
    assert.match(await page.textContent(tid('notice')), /restored/);
  });
});

test('garbage and an older shape in storage never stop the page', T, async () => {
  const ctx = await env.browser.newContext();
  try {
    await ctx.addInitScript(() => {
      if (sessionStorage.getItem('seeded')) return;
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem('roleplay.v1.lang', '\u0000\uffff');
      localStorage.setItem('roleplay.v1.current', 'roleplay.v1.scenario.imported');
      // An older shape: the bare document, as typed.
      localStorage.setItem('roleplay.v1.scenario.imported', '{"Scenario": 1, "Title": "kept", "Steps": [{"Advance": 60}]}');
      localStorage.setItem('roleplay.v1.last-good', '[[[[');
    });
    const { newPage, assertClean } = await import('./helpers.mjs');
    const page = await newPage(ctx);
    await page.goto(env.server.url(''));
    await page.waitForSelector(tid('flow-step-1'));
    assert.match(await page.textContent('.scenario-title'), /kept/);
    assertClean(page);
  } finally {
    await ctx.close();
  }
});

test('full storage and switched-off storage: the page works and says so', T, async () => {
  for (const broken of ['full', 'off']) {
    const ctx = await env.browser.newContext();
    try {
      await ctx.addInitScript((how) => {
        if (how === 'full') {
          Storage.prototype.setItem = function () {
            throw new DOMException('quota', 'QuotaExceededError');
          };
        } else {
          Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });
        }
      }, broken);
      const { newPage, assertClean } = await import('./helpers.mjs');
      const page = await newPage(ctx);
      await openApp(page, env.server.url('?preset=01-cross-account-switch-role&lang=en'));
      await page.waitForSelector(tid('notice'));
      // Full: the save failed; switched off: there is no storage at all,
      // said once, quietly (as in many embedded frames).
      const said = broken === 'full' ? /could not be saved/ : /does not let the page keep your work/;
      assert.match(await page.textContent(tid('notice')), said, broken);
      // Editing and walking still work.
      await page.click(`${tid('notice')} button`);
      await page.click(tid('step-next'));
      await page.fill(tid('editor-trust'), (await editorText(page, 'editor-trust')).replace('"Sid"', '"Sid" '));
      assertClean(page);
    } finally {
      await ctx.close();
    }
  }
});
