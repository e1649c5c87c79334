// The playground works from the keyboard alone, and focus is visible.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { T, useSuite, withPage, openApp, flowState, tid } from './helpers.mjs';

const env = useSuite();
const PRESET = '01-cross-account-switch-role';

/** The focused element: its test id, tag and focus outline. */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const cs = getComputedStyle(el);
    return {
      testid: el.dataset?.testid ?? null,
      tag: el.tagName.toLowerCase(),
      outlineStyle: cs.outlineStyle,
      outlineWidth: parseFloat(cs.outlineWidth) || 0,
      focusVisible: el.matches(':focus-visible'),
    };
  });
}

/** Presses Tab (or Shift+Tab) until the element with `testid` has focus. */
async function tabTo(page, testid, { back = false, max = 60 } = {}) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    seen.push(f?.testid ?? f?.tag ?? 'body');
    if (f?.testid === testid) return f;
  }
  throw new Error(`${back ? 'Shift+Tab' : 'Tab'} never reached ${testid}; focus went: ${seen.join(' → ')}`);
}

/** Focus must be visible: an outline that is drawn. */
function assertFocusVisible(f, what) {
  assert.ok(f.focusVisible, `${what} matches :focus-visible`);
  assert.ok(f.outlineStyle !== 'none' && f.outlineWidth > 0,
    `${what} shows a focus outline (outline-style ${f.outlineStyle}, width ${f.outlineWidth}px)`);
}

test('keyboard only: step to ④ with Enter/Space, then switch language', T, async () => {
  await withPage(env, {}, async ({ page }) => {
    await openApp(page, env.server.url(`?preset=${PRESET}&lang=en`));
    await page.evaluate(() => document.activeElement?.blur());

    const next = await tabTo(page, 'step-next');
    assertFocusVisible(next, 'step-next');

    // Alternate Enter and Space; the button keeps focus between presses.
    const keys = ['Enter', 'Space'];
    for (let i = 0; (await flowState(page, 4)) !== 'allowed'; i++) {
      assert.ok(i < 10, 'reached ④ within 10 presses');
      const cursor = await page.getAttribute(tid('position'), 'data-cursor');
      await page.keyboard.press(keys[i % 2]);
      await page.waitForFunction(([s, c]) => document.querySelector(s).dataset.cursor !== c, [tid('position'), cursor]);
      assert.equal((await focused(page))?.testid, 'step-next', 'focus stays on step-next');
    }
    assert.equal(await page.getAttribute(tid('position'), 'data-cursor'), '4', 'four presses to reach ④');
    assert.ok(await page.isVisible(tid('token')));

    // Back to the language toggle (in the header) and press it.
    const toggle = await tabTo(page, 'lang-toggle', { back: true });
    assertFocusVisible(toggle, 'lang-toggle');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.documentElement.lang === 'ja');
    assert.equal((await focused(page))?.testid, 'lang-toggle', 'focus stays on the toggle');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => document.documentElement.lang === 'en');

    // The walk was not disturbed by the language switches.
    assert.equal(await flowState(page, 4), 'allowed');
  });
});

test('arrow keys and a presenter clicker (PageDown/PageUp) walk the flow, but not while typing', T, async () => {
  await withPage(env, {}, async ({ page }) => {
    await openApp(page, env.server.url(`?preset=${PRESET}&lang=en`));
    await page.evaluate(() => document.activeElement?.blur());
    const cursor = () => page.getAttribute(tid('position'), 'data-cursor');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('PageDown');
    await page.waitForFunction((s) => document.querySelector(s).dataset.cursor === '2', tid('position'));
    await page.keyboard.press('PageUp');
    await page.waitForFunction((s) => document.querySelector(s).dataset.cursor === '1', tid('position'));
    // In an editor the arrows move the caret, not the walk.
    await page.focus(tid('editor-trust'));
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await cursor(), '1');
  });
});

test('the policy tabs follow the ARIA tabs pattern (arrows move and select)', T, async () => {
  await withPage(env, {}, async ({ page }) => {
    await openApp(page, env.server.url(`?preset=11-session-policy&lang=en&step=4`));
    const cursor = await page.getAttribute(tid('position'), 'data-cursor');
    await page.focus(tid('tab-permissions'));
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector(`${tid('tab-extra-0')}[aria-selected="true"]`);
    assert.equal((await focused(page))?.testid, 'tab-extra-0');
    await page.keyboard.press('End');
    await page.waitForSelector(`${tid('tab-raw')}[aria-selected="true"]`);
    assert.ok(await page.isVisible(tid('editor-raw')));
    await page.keyboard.press('Home');
    await page.waitForSelector(`${tid('tab-permissions')}[aria-selected="true"]`);
    assert.equal(await page.getAttribute(tid('position'), 'data-cursor'), cursor, 'the arrows did not walk the flow');
    // Only the selected tab is in the Tab order.
    assert.deepEqual(await page.$$eval('[role="tab"]', (ts) => ts.map((t) => t.tabIndex).filter((i) => i === 0).length), 1);
  });
});
