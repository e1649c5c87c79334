// A panic in the WebAssembly, for real. On wasm32 a panic cannot unwind:
// the hook runs, then the module traps. The debug build
// (target/dist-debug, built by `cargo xtask dist`; release builds have no
// trigger) panics inside the WebAssembly on Ctrl+Alt+Shift+F12. The page
// must show the dialog instead of dying, make the page behind it inert,
// and bring back the last good state with one click — or start over.

import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { T, ROOT, launch, newPage, assertClean, openApp, editorText, tid } from './helpers.mjs';
import { startServer } from './server.mjs';

const DEBUG_DIST = path.join(ROOT, 'target/dist-debug');
const env = { server: null, browser: null };
before(async () => {
  if (!existsSync(path.join(DEBUG_DIST, 'index.html'))) {
    throw new Error(`${DEBUG_DIST}/index.html is missing: build it with\n  cargo xtask dist`);
  }
  env.server = await startServer({ root: DEBUG_DIST });
  env.browser = await launch();
});
after(async () => {
  await env.browser?.close();
  await env.server?.close();
});

/** Panics inside the WebAssembly and waits for the dialog; returns what it logged. */
async function crash(page) {
  const before = page.log.errors.length;
  await page.keyboard.press('Control+Alt+Shift+F12');
  await page.waitForSelector(tid('crash'), { timeout: 10_000 });
  // The hook logs the panic; the trap that follows (the module aborts:
  // `unreachable`) reaches the page as an uncaught error.
  const trapped = () => page.log.errors.slice(before).some((e) => e.startsWith('pageerror') && /unreachable/i.test(e));
  for (let i = 0; i < 50 && !trapped(); i++) await page.waitForTimeout(100);
  const logged = page.log.errors.splice(before);
  assert.ok(logged.some((e) => e.includes('roleplay: panic: debug trigger')), logged.join('\n'));
  assert.ok(logged.some((e) => e.startsWith('pageerror') && /unreachable/i.test(e)), `the module trapped: ${logged.join('\n')}`);
  return logged;
}

test('a panic shows a dialog that brings back the last good state', T, async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await newPage(ctx);
    await openApp(page, env.server.url('?preset=02-narrowed-trust&lang=en'));
    const trust = (await editorText(page, 'editor-trust')).replace('"Sid"', '"Sid" ');
    await page.fill(tid('editor-trust'), trust);
    // Saved (the page saves every state that rendered).
    await page.waitForFunction(() => Object.values(localStorage).some((v) => {
      try {
        return JSON.parse(v).text.includes('\\"Sid\\" ');
      } catch {
        return false;
      }
    }));

    await crash(page);
    const dialog = await page.textContent(tid('crash'));
    assert.match(dialog, /Something went wrong/);
    assert.match(dialog, /debug trigger: Ctrl\+Alt\+Shift\+F12/);
    assert.equal(await page.getAttribute(tid('crash-reload'), 'data-testid'), 'crash-reload');
    // The dead page behind it takes no input.
    assert.ok(await page.$eval('.app', (el) => el.closest('[inert]') !== null), 'the page behind the dialog is inert');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'crash-reload', 'the way back has the focus');

    // One click: the page again, with the edit.
    await Promise.all([page.waitForNavigation(), page.click(tid('crash-reload'))]);
    await page.waitForSelector(tid('flow-step-1'));
    assert.equal(await page.$(tid('crash')), null);
    assert.equal(await editorText(page, 'editor-trust'), trust, 'the last good state came back');
    await page.click(tid('step-next'));

    // Start over: saved work forgotten, the preset as shipped.
    await crash(page);
    await Promise.all([page.waitForNavigation(), page.click(tid('crash-start-over'))]);
    await page.waitForSelector(tid('flow-step-1'));
    assert.ok(!(await editorText(page, 'editor-trust')).includes('"Sid" '), 'the preset as shipped');
    // Only the panics' own messages were logged: no request left the origin.
    page.log.errors.splice(0);
    assertClean(page);
  } finally {
    await ctx.close();
  }
});

test('in Japanese, the dialog speaks Japanese', T, async () => {
  const ctx = await env.browser.newContext();
  try {
    const page = await newPage(ctx);
    await openApp(page, env.server.url('?preset=01-cross-account-switch-role&lang=ja'));
    await crash(page);
    assert.match(await page.textContent(tid('crash')), /最後の正常な状態を再読み込み/);
  } finally {
    await ctx.close();
  }
});
