// The rest of what a learner does with the page: the clock playing at
// speed, a Lambda's credentials refreshing themselves, a reason's link to
// the statement that decided it, the error message under the pointer, and
// the people form.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { T, useSuite, withPage, openApp, flowState, stepUntil, tid, waitFlowState, editorText } from './helpers.mjs';

const env = useSuite();

test('the clock plays at ×3600 until the credentials expire', T, async () => {
  await withPage(env, {}, async ({ page }) => {
    await openApp(page, env.server.url('?preset=01-cross-account-switch-role&lang=en&step=4'));
    assert.equal(await page.getAttribute(tid('token'), 'data-state'), 'valid');
    const before = await page.textContent(tid('clock'));
    await page.selectOption(tid('clock-speed'), '3600');
    await page.click(tid('clock-play'));
    // One real second is one simulated hour: the one-hour token expires.
    await page.waitForSelector(`${tid('token')}[data-state="expired"]`, { timeout: 10_000 });
    await page.click(tid('clock-pause'));
    assert.notEqual(await page.textContent(tid('clock')), before);
    assert.match(await page.textContent(tid('token-countdown')), /expired/);
  });
});

test('a Lambda refreshes its credentials before they expire', T, async () => {
  await withPage(env, {}, async ({ page }) => {
    await openApp(page, env.server.url('?preset=04-lambda-service-role&lang=en'));
    await stepUntil(page, async () => (await flowState(page, 4)) === 'allowed', '④ allowed');
    const key = await page.textContent(tid('token-access-key'));
    for (let i = 0; i < 3; i++) await page.click(tid('clock-advance'));
    // Three hours later the service still holds valid, newer credentials.
    assert.equal(await page.getAttribute(tid('token'), 'data-state'), 'valid');
    assert.notEqual(await page.textContent(tid('token-access-key')), key);
    const refreshes = await page.$$eval(`${tid('events')} tr.refresh`, (rows) => rows.map((r) => r.textContent));
    assert.ok(refreshes.length >= 3, `each refresh is in the event list: ${refreshes.length}`);
    assert.ok(refreshes.every((r) => /ASIA/.test(r)), 'each refresh shows its new key');
  });
});

test('a reason links to the statement that decided it', T, async () => {
  await withPage(env, {}, async ({ page }) => {
    await openApp(page, env.server.url('?preset=01-cross-account-switch-role&lang=en&step=3'));
    await waitFlowState(page, 3, 'allowed');
    const reason = await page.textContent(tid('reason-3'));
    assert.match(reason, /TrustDevelopmentAccount/);
    await page.click(`${tid('reason-3')} button`);
    // The caret lands in the trust policy, on the statement's first line.
    const where = await page.evaluate((s) => {
      const el = document.querySelector(s);
      return { focused: document.activeElement === el, line: el.value.slice(0, el.selectionStart).split('\n').length };
    }, tid('editor-trust'));
    assert.deepEqual(where, { focused: true, line: 4 });
    // The statement is highlighted in the editor.
    assert.ok(await page.$(`${tid('editor-trust')} ~ * .m-allow, .trust .m-allow`), 'highlighted statement');
  });
});

test('hovering an underlined error shows its message', T, async () => {
  await withPage(env, {}, async ({ page }) => {
    await openApp(page, env.server.url('?preset=01-cross-account-switch-role&lang=en'));
    const text = await editorText(page, 'editor-trust');
    await page.fill(tid('editor-trust'), text.replace('"Allow"', '"Alow"'));
    const mark = await page.waitForSelector('.trust .m-err');
    await mark.scrollIntoViewIfNeeded();
    const box = await mark.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForFunction((s) => document.querySelector(s).title.includes('Allow'), tid('editor-trust'));
    const title = await page.getAttribute(tid('editor-trust'), 'title');
    assert.match(title, /`Effect` must be `Allow` or `Deny`/);
  });
});

test('the people form changes who calls', T, async () => {
  await withPage(env, {}, async ({ page }) => {
    await openApp(page, env.server.url('?preset=01-cross-account-switch-role&lang=en&step=1'));
    await waitFlowState(page, 1, 'allowed');
    // user_B (no identity policy) calls instead: ① is denied.
    await page.selectOption(tid('people-caller'), 'AWS|arn:aws:iam::222222222222:user/user_B');
    await waitFlowState(page, 1, 'denied');
    // A new user in another account: still denied, and added to the scenario.
    await page.fill(tid('new-user-account'), '333333333333');
    await page.fill(tid('new-user-name'), 'mallory');
    await page.click(tid('new-user-add'));
    await page.waitForFunction(() => document.querySelector('[data-testid="people-caller"]').value.includes('mallory'));
    await waitFlowState(page, 1, 'denied');
    // A session name STS rejects: ② is rejected, with AWS's message beside roleplay's.
    await page.selectOption(tid('people-caller'), 'AWS|arn:aws:iam::222222222222:user/user_A');
    await page.fill(tid('people-session-name'), 'not valid!');
    await page.press(tid('people-session-name'), 'Tab');
    await stepUntil(page, async () => (await flowState(page, 2)) === 'rejected', '② rejected');
    assert.match(await page.textContent(tid('reason-2')), /rejects the request/);
    assert.match(await page.textContent(tid('aws-2')), /ValidationError: .*roleSessionName/);
  });
});
