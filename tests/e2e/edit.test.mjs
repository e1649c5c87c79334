// Editing policies changes the decisions on screen: narrowing preset 01's
// trust policy to another account denies ③; invalid JSON is reported in
// place (underlined, listed) without losing what was typed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  T, useSuite, withPage, openApp, position, narration, flowState, waitFlowState, editorText, tid, screenshot,
} from './helpers.mjs';

const env = useSuite();
const PRESET = '01-cross-account-switch-role';

test('editing the trust policy flips ③ between allowed and denied', T, async () => {
  await withPage(env, {}, async ({ page }) => {
    await openApp(page, env.server.url(`?preset=${PRESET}&lang=en&step=3`));
    // ?step=3: the cursor is on ③ of the first AssumeRole (step 0).
    assert.equal(await flowState(page, 3), 'allowed');
    assert.equal(await page.getAttribute(tid('flow-step-3'), 'aria-current'), 'step');
    assert.equal((await narration(page)).step, 0);

    const original = await editorText(page, 'editor-trust');
    assert.match(original, /arn:aws:iam::222222222222:root/, 'the trust policy trusts the development account');

    // Trust another account instead: user_A is no longer trusted.
    await page.fill(tid('editor-trust'), original.replace('222222222222', '333333333333'));
    await waitFlowState(page, 3, 'denied');
    const n = await narration(page);
    assert.equal(n.step, 0, 'still on the first step');
    assert.equal(n.outcome, 'implicitDeny');
    assert.equal(n.complete, true, 'denied at ③: the step ends there');
    assert.equal(await flowState(page, 1), 'allowed', '① is unaffected by the trust policy');
    assert.notEqual(await flowState(page, 4), 'allowed', 'no credentials');
    assert.equal(await page.$(tid('token')), null, 'no token card for a denied AssumeRole');
    assert.match(await page.textContent(tid('reason-3')), /trust/i, '③ explains the decision');
    assert.equal(await editorText(page, 'editor-trust'), original.replace('222222222222', '333333333333'));

    // Put it back: allowed again.
    await page.fill(tid('editor-trust'), original);
    await waitFlowState(page, 3, 'allowed');
    assert.equal((await narration(page)).outcome, 'allowed');
    assert.equal(await editorText(page, 'editor-trust'), original);
  });
});

test('invalid JSON in an editor is shown as an error, kept, and clears when fixed', T, async () => {
  await withPage(env, { viewport: { width: 1366, height: 768 } }, async ({ page }) => {
    await openApp(page, env.server.url(`?preset=${PRESET}&lang=en&step=3`));
    const editor = page.locator('.editor').filter({ has: page.locator(tid('editor-identity')) });
    assert.equal(await editor.count(), 1, 'editor-identity sits in an .editor container');
    assert.equal(await page.$(tid('load-errors')), null, 'no load errors to start with');
    assert.doesNotMatch(await editor.getAttribute('class'), /has-errors/);
    const before = await position(page);

    // Drop the comma after "Effect": "Allow" (line 6): not JSON any more.
    const good = await editorText(page, 'editor-identity');
    const bad = good.replace('"Effect": "Allow",', '"Effect": "Allow"');
    assert.notEqual(bad, good);
    await page.fill(tid('editor-identity'), bad);

    await page.waitForSelector(tid('load-errors'), { timeout: 5_000 });
    assert.match(await editor.getAttribute('class'), /\bhas-errors\b/, 'the editor is marked as having errors');
    assert.equal(await page.getAttribute(tid('editor-identity'), 'aria-invalid'), 'true');
    assert.match(await page.textContent(tid('load-errors')), /PolicyDocument/, 'load-errors names the policy');
    // The error is underlined in place and its line is flagged in the gutter.
    assert.ok(await editor.locator('pre.hl .m-err').count() >= 1, 'an underlined (m-err) token');
    assert.ok(await editor.locator('.gutter .ln.bad').count() >= 1, 'a flagged line number');
    assert.ok(await editor.locator('.problems li').count() >= 1, 'a list of problems');
    // Nothing typed is lost.
    assert.equal(await editorText(page, 'editor-identity'), bad);

    await editor.scrollIntoViewIfNeeded();
    await screenshot(page, 'error.png', { fullPage: false });

    // Fix it: the error goes, the walk is back.
    await page.fill(tid('editor-identity'), good);
    await page.waitForSelector(tid('load-errors'), { state: 'detached', timeout: 5_000 });
    assert.doesNotMatch(await editor.getAttribute('class'), /has-errors/);
    assert.equal(await editor.locator('pre.hl .m-err').count(), 0, 'no underline left');
    assert.equal(await editorText(page, 'editor-identity'), good);
    assert.equal((await position(page)).total, before.total, 'all frames are back');
  });
});
