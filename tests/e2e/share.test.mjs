// Share links carry the edited scenario to a fresh browser; a broken link
// falls back with a notice; edits survive a reload through local storage.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { T, useSuite, withPage, newPage, assertClean, openApp, editorText, tid } from './helpers.mjs';

const env = useSuite();
const PRESET = '01-cross-account-switch-role';

/** Preset 01's role permission policy with a second action added. */
function edited(text) {
  const out = text.replace('"Action": "ec2:Describe*"', '"Action": ["ec2:Describe*", "s3:ListAllMyBuckets"]');
  assert.notEqual(out, text, 'the preset still has the expected permission policy');
  return out;
}

test('a share link opens the edited scenario in a new browser', T, async () => {
  await withPage(env, {}, async ({ ctx, page }) => {
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.origin });
    await openApp(page, env.server.url(`?preset=${PRESET}&lang=en`));
    // The browser compresses the link a moment after the page is up: the
    // link of the preset as shipped first, then the edited one.
    await page.waitForSelector(`${tid('share-link')}[href*="#s="]`, { state: 'attached' });
    const before = await page.getAttribute(tid('share-link'), 'href');
    const text = edited(await editorText(page, 'editor-permissions'));
    await page.fill(tid('editor-permissions'), text);

    // The href is the full share URL and follows the edit.
    await page.waitForFunction(([s, old]) => document.querySelector(s).getAttribute('href') !== old, [tid('share-link'), before]);
    const href = await page.getAttribute(tid('share-link'), 'href');
    assert.ok(href.startsWith(`${env.server.origin}/#s=`), `a full URL to this page with #s=…: ${href.slice(0, 60)}`);
    assert.ok(href.length > `${env.server.origin}/#s=`.length, 'a non-empty payload');

    // Clicking copies it (and stays on the page).
    await page.click(tid('share-link'));
    await page.waitForSelector(tid('notice'));
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), href, 'the link is on the clipboard');
    assert.ok(!page.url().includes('#s='), 'clicking does not navigate');

    // A new context: no local storage, nothing but the link.
    const other = await env.browser.newContext();
    try {
      const p2 = await newPage(other);
      await openApp(p2, href);
      assert.equal(await editorText(p2, 'editor-permissions'), text, 'the shared text, not the preset');
      assert.equal(await p2.$(tid('load-errors')), null);
      assert.ok((await p2.$$(tid('notice'))).length === 0 || !/could not/i.test(await p2.textContent(tid('notice'))),
        'no "bad link" notice for a good link');
      // Walk the shared scenario: it runs (the first AssumeRole is allowed).
      await p2.click(tid('step-next'));
      await p2.waitForSelector(`${tid('flow-step-1')}[data-state="allowed"]`);
      assertClean(p2);
    } finally {
      await other.close();
    }
  });
});

test('a corrupted share link shows a notice and still renders the app', T, async () => {
  await withPage(env, {}, async ({ page }) => {
    await openApp(page, env.server.url('?lang=en#s=!!!notvalid'));
    const notice = await page.waitForSelector(tid('notice'));
    assert.ok((await notice.textContent()).trim().length > 0, 'the notice says something');
    // Falls back to a working scenario.
    assert.ok(await page.isVisible(tid('flow-step-1')));
    assert.ok(await page.isVisible(tid('step-next')));
    assert.equal(await page.$(tid('load-errors')), null, 'the fallback scenario loads');
    assert.ok(Number(await page.getAttribute(tid('position'), 'data-total')) > 0, 'the fallback has frames to walk');
    assert.ok((await editorText(page, 'editor-trust')).includes('"Statement"'), 'editors show a real policy');
  });
});

test('edits survive a reload (local storage)', T, async () => {
  await withPage(env, {}, async ({ page }) => {
    await openApp(page, env.server.url(`?preset=${PRESET}&lang=en`));
    const text = edited(await editorText(page, 'editor-permissions'));
    await page.fill(tid('editor-permissions'), text);
    await page.click(tid('step-next'));
    await page.waitForSelector(`${tid('position')}[data-cursor="1"]`);

    await page.reload();
    await page.waitForSelector(tid('flow-step-1'));
    assert.equal(await editorText(page, 'editor-permissions'), text, 'the edited text is back');
    assert.equal(await page.getAttribute(tid('position'), 'data-cursor'), '1', 'and so is the position in the walk');

    // Another preset is not affected by this one's edits.
    await page.selectOption(tid('preset-select'), '02-narrowed-trust');
    await page.waitForFunction(() => location.search.includes('02-narrowed-trust'));
    assert.ok(!(await editorText(page, 'editor-permissions')).includes('s3:ListAllMyBuckets'));
  });
});
