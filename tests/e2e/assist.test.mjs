// What is wrong and how to fix it, in the page: the helper worker (loaded
// after first paint) underlines lint findings in the editors with their
// Access Analyzer type and code, and proposes verified fixes for a denied
// step that "Apply" puts on screen (and "undo" takes back).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { T, useSuite, withPage, openApp, tid, waitFlowState, editorText, screenshot, ROOT } from './helpers.mjs';

const env = useSuite();

/** Waits for a listed finding with this issue code; returns its element's text and type. */
async function finding(page, code) {
  const sel = `${tid('finding')}[data-code="${code}"]`;
  await page.waitForSelector(sel, { timeout: 30_000 });
  return page.$eval(sel, (el) => ({ type: el.dataset.type, text: el.textContent }));
}

test('a typo in an action is underlined with "did you mean", and a fix turns the denied step allowed', T, async () => {
  await withPage(env, {}, async ({ page }) => {
    await openApp(page, env.server.url('?preset=01-cross-account-switch-role&lang=en&step=1'));
    const text = await editorText(page, 'editor-identity');
    assert.ok(text.includes('"sts:AssumeRole"'));
    await page.fill(tid('editor-identity'), text.replace('"sts:AssumeRole"', '"sts:AssumeRoles"'));
    // ① no longer allows: the identity policy's only statement does not match.
    await waitFlowState(page, 1, 'denied');
    const f = await finding(page, 'INVALID_ACTION');
    assert.equal(f.type, 'ERROR');
    assert.match(f.text, /did you mean `sts:AssumeRole`\?/);
    // The underline is in the identity editor, coloured as an error.
    assert.ok(await page.$('.editor .m-err'), 'underlined');
    // A verified fix for this step; applying it makes ① allow again.
    await page.waitForSelector(tid('fix-1'), { timeout: 30_000 });
    assert.match(await page.textContent(tid('fix-1')), /\S/);
    await page.locator(tid('fixes')).scrollIntoViewIfNeeded();
    await screenshot(page, 'fix.png', { fullPage: false });
    await page.click(tid('fix-apply-1'));
    await waitFlowState(page, 1, 'allowed');
    // Undo brings the learner's text back.
    await page.click(tid('fix-undo'));
    await waitFlowState(page, 1, 'denied');
    assert.ok((await editorText(page, 'editor-identity')).includes('"sts:AssumeRoles"'));
  });
});

test('a trust policy that trusts everyone is a security warning, in Japanese too', T, async () => {
  await withPage(env, {}, async ({ page }) => {
    await openApp(page, env.server.url('?preset=01-cross-account-switch-role&lang=ja'));
    const text = await editorText(page, 'editor-trust');
    const open = text.replace(/"AWS": "[^"]*"/, '"AWS": "*"');
    assert.notEqual(open, text);
    await page.fill(tid('editor-trust'), open);
    const f = await finding(page, 'ROLE_TRUST_POLICY_ALLOWS_ALL_PRINCIPALS');
    assert.equal(f.type, 'SECURITY_WARNING');
    assert.match(f.text, /[ぁ-んァ-ン一-龥]/, 'the message is in Japanese');
    assert.ok(await page.$('.editor .m-sec'), 'underlined as a security warning');
  });
});

test('completion offers actions at the caret and Enter inserts one', T, async () => {
  await withPage(env, {}, async ({ page }) => {
    await openApp(page, env.server.url('?preset=01-cross-account-switch-role&lang=en&step=1'));
    const text = await editorText(page, 'editor-identity');
    const cut = text.replace('"sts:AssumeRole"', '"sts:AssumeR"');
    await page.fill(tid('editor-identity'), cut);
    await waitFlowState(page, 1, 'denied');
    // The caret after `AssumeR`, then one more letter typed.
    const at = cut.indexOf('sts:AssumeR') + 'sts:AssumeR'.length;
    await page.evaluate(([s, at]) => { const el = document.querySelector(s); el.focus(); el.setSelectionRange(at, at); }, [tid('editor-identity'), at]);
    await page.keyboard.type('o');
    await page.waitForSelector(tid('completion'), { timeout: 30_000 });
    const items = await page.$$eval(tid('completion-item'), (els) => els.map((e) => e.querySelector('.insert').textContent));
    assert.ok(items.includes('sts:AssumeRole') && items.every((i) => i.startsWith('sts:AssumeRo')), items.join());
    assert.equal(await page.getAttribute(`${tid('completion-item')}[aria-selected="true"]`, 'aria-selected'), 'true');
    assert.equal(items[0], 'sts:AssumeRole');
    await page.keyboard.press('Enter');
    await page.waitForSelector(tid('completion'), { state: 'detached' });
    assert.ok((await editorText(page, 'editor-identity')).includes('"sts:AssumeRole"'));
    await waitFlowState(page, 1, 'allowed');
    // Escape closes the list without inserting.
    await page.keyboard.type(' ');
    await page.keyboard.press('Control+Space');
    await page.keyboard.press('Escape');
    assert.equal(await page.$(tid('completion')), null);
  });
});

test('each policy in words beside its editor, and the step with the AWS CLI', T, async () => {
  await withPage(env, {}, async ({ page }) => {
    await openApp(page, env.server.url('?preset=01-cross-account-switch-role&lang=en&step=1'));
    await page.waitForSelector(tid('words-trust'), { timeout: 30_000 });
    await page.click(`${tid('words-trust')} summary`);
    assert.match(await page.textContent(tid('words-trust')), /any identity in account 222222222222 whose own policies allow it/);
    // A statement's line is a link: it puts the trust editor's caret on the statement.
    const link = `${tid('words-trust')} [data-at]`;
    const [line, column] = (await page.getAttribute(link, 'data-at')).split(':').map(Number);
    await page.click(link);
    const caret = await page.$eval(tid('editor-trust'), (el) => {
      const before = el.value.slice(0, el.selectionStart).split('\n');
      return { focused: document.activeElement === el, line: before.length, column: before[before.length - 1].length + 1 };
    });
    assert.deepEqual(caret, { focused: true, line, column });
    // The step on screen as the AWS CLI runs it.
    await page.waitForSelector(tid('cli'), { timeout: 30_000 });
    await page.click(`${tid('cli')} summary`);
    assert.match(await page.textContent(tid('cli-command')), /^aws sts assume-role/);
    assert.match(await page.textContent(tid('cli-command')), /--role-arn arn:aws:iam::111111111111:role\//);
    // In Japanese, the same policy in Japanese words.
    await page.click(tid('lang-toggle'));
    await page.waitForFunction((s) => /アカウント 222222222222/.test(document.querySelector(s)?.textContent ?? ''), tid('words-trust'));
  });
});

test('an AWS account is imported in the page, with what was left out', T, async () => {
  await withPage(env, {}, async ({ page }) => {
    await openApp(page, env.server.url('?preset=01-cross-account-switch-role&lang=en'));
    await page.setInputFiles(tid('import-file'), path.join(ROOT, 'crates/bridge/tests/data/authorization-details.json'));
    await page.waitForFunction((s) => /Account imported as a scenario/.test(document.querySelector(s)?.textContent ?? ''), tid('notice'), { timeout: 30_000 });
    // The account's roles are now the scenario on screen.
    const doc = await page.evaluate(() => JSON.parse(document.querySelector('[data-testid="export"]') ? localStorage.getItem(localStorage.getItem('roleplay.v1.current')) : '{}'));
    assert.equal(doc.source.kind, 'imported');
    const scenario = JSON.parse(doc.text);
    assert.ok(scenario.Roles.length > 0 && scenario.Users.length > 0, Object.keys(scenario).join());
  });
});
