// Cause and effect on one screen: at 1366×768 the step's verdict stays in
// view while the learner edits the trust policy; on a 390 px phone the
// current step scrolls into view after Next and the diagram stays legible;
// the diagram draws accounts, wraps long names, shows the instance
// profile and IMDS for EC2 and gives PassRole its own picture. The README's
// screenshots are taken here.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { T, useSuite, withPage, openApp, flowState, waitFlowState, stepNext, editorText, tid, screenshot } from './helpers.mjs';

const env = useSuite();
const LAPTOP = { viewport: { width: 1366, height: 768 } };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

/** The element's box relative to the viewport, and whether it is inside. */
async function inView(page, selector) {
  return page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, inside: r.top >= 0 && r.bottom <= innerHeight && r.height > 0 };
  });
}

for (const lang of ['en', 'ja']) {
  test(`1366×768 (${lang}): editing the trust policy, ③'s verdict is on screen`, T, async () => {
    await withPage(env, LAPTOP, async ({ page }) => {
      await openApp(page, env.server.url(`?preset=01-cross-account-switch-role&lang=${lang}&step=4`));
      await screenshot(page, `playground-${lang}.png`, { fullPage: false });
      await page.click(tid('step-prev'));
      await waitFlowState(page, 3, 'allowed');
      // The learner goes to the trust policy and edits it.
      await page.$eval(tid('editor-trust'), (el) => el.scrollIntoView({ block: 'center' }));
      const original = await editorText(page, 'editor-trust');
      await page.fill(tid('editor-trust'), original.replace('222222222222', '333333333333'));
      await waitFlowState(page, 3, 'denied');
      const trust = await inView(page, tid('editor-trust'));
      const verdict = await inView(page, tid('verdict'));
      assert.ok(trust.top < 768 && trust.bottom > 0, `the trust editor is on screen (${trust.top}–${trust.bottom})`);
      assert.ok(verdict.inside, `the verdict is on screen (${verdict.top}–${verdict.bottom})`);
      assert.equal(await page.getAttribute(tid('verdict'), 'data-state'), 'denied');
      assert.equal(await page.getAttribute(tid('verdict'), 'data-phase'), '3');
      if (lang === 'en') assert.match(await page.textContent(tid('verdict')), /names account 333333333333; user_A is in 222222222222/);
      await screenshot(page, `editing-${lang}.png`, { fullPage: false });
    });
  });
}

test('390 px: after Next the current step is in view, and the diagram text is at least 12 px', T, async () => {
  await withPage(env, PHONE, async ({ page }) => {
    await openApp(page, env.server.url('?preset=01-cross-account-switch-role&lang=en'));
    for (let i = 0; i < 4; i++) {
      await stepNext(page);
      await page.waitForTimeout(100);
      const box = await inView(page, '[data-testid^="flow-step-"][aria-current="step"]');
      const bar = await page.$eval(tid('step-next'), (el) => el.getBoundingClientRect().top);
      assert.ok(box.top >= 0 && box.bottom <= bar + 1, `step ${i + 1}: the current step (${box.top}–${box.bottom}) is above the buttons (${bar})`);
    }
    assert.ok(await page.$('.diagram.narrow'), 'phones get the stacked diagram');
    const smallest = await page.$$eval('[data-testid="diagram"] svg text', (texts) => {
      const svg = texts[0].ownerSVGElement;
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      return Math.min(...texts.map((t) => parseFloat(getComputedStyle(t).fontSize) * scale));
    });
    assert.ok(smallest >= 12, `the smallest diagram text is ${smallest.toFixed(1)} px`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no sideways scrolling (${overflow}px)`);
    await page.evaluate(() => scrollTo(0, 0));
    await screenshot(page, 'phone-en.png', { fullPage: false });
  });
});

/** Attributes of the diagram and its text, spaces removed. */
async function diagram(page) {
  return page.$eval(tid('diagram'), (d) => ({
    mode: d.dataset.mode,
    accounts: Number(d.dataset.accounts),
    text: [...d.querySelectorAll('text')].map((t) => t.textContent).join(' '),
    flat: [...d.querySelectorAll('text')].map((t) => t.textContent).join('').replace(/\s+/g, ''),
  }));
}

test('the diagram draws accounts, wraps long names, shows EC2 and PassRole as they are', T, async () => {
  await withPage(env, LAPTOP, async ({ page }) => {
    await openApp(page, env.server.url('?preset=01-cross-account-switch-role&lang=en&step=1'));
    let d = await diagram(page);
    assert.equal(d.accounts, 2, '01: two accounts');
    assert.match(d.text, /Account 222222222222/);
    assert.match(d.text, /Account 111111111111/);
    assert.match(d.flat, /test_EC2ReadOnlyAccess_Role/, 'the role name whole, wrapped');
    assert.doesNotMatch(d.text, /…/, 'nothing cut');

    await openApp(page, env.server.url('?preset=03-same-account-trust&lang=en&step=1'));
    d = await diagram(page);
    assert.equal(d.accounts, 1, '03: one account');
    assert.match(d.text, /Account 111111111111 \(caller, role and resource\)/);

    await openApp(page, env.server.url('?preset=05-ec2-instance-profile&lang=en&step=2'));
    d = await diagram(page);
    assert.match(d.text, /IMDS/);
    assert.match(d.text, /instance profile: web-server-profile/);
    assert.match(d.flat, /i-0[0-9a-f]{16}/, 'the instance ID, whole');

    await openApp(page, env.server.url('?preset=06-passrole&lang=en'));
    await stepNext(page);
    d = await diagram(page);
    assert.equal(d.mode, 'passrole');
    assert.match(d.text, /iam:PassRole/);
    assert.match(d.text, /to lambda\.amazonaws\.com/);
    assert.doesNotMatch(d.text, /STS/, 'no AssumeRole boxes in a PassRole picture');
    await screenshot(page, 'passrole.png', { fullPage: false });
  });
});
