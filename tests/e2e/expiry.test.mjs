// Temporary credentials expire: preset 01's one-hour session, the simulated
// clock moved forward, ⑤ failing with ExpiredToken, and "assume again"
// issuing fresh credentials that later calls use.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  T, useSuite, withPage, openApp, position, narration, flowState, stepNext, stepUntil, tid, screenshot,
} from './helpers.mjs';

const env = useSuite();
const PRESET = '01-cross-account-switch-role';

/** The token card: `{ state, accessKey, expiration }`, or null. */
async function token(page) {
  const el = await page.$(tid('token'));
  if (!el) return null;
  return el.evaluate((t) => ({
    state: t.dataset.state,
    accessKey: t.querySelector('[data-testid="token-access-key"]')?.textContent.trim(),
    expiration: t.querySelector('[data-testid="token-expiration"]')?.textContent.trim(),
  }));
}

/** Waits until the token card shows `state` (valid|expired). */
async function waitToken(page, state) {
  await page.waitForSelector(`${tid('token')}[data-state="${state}"]`, { state: 'attached', timeout: 5_000 });
}

test('credentials expire after an hour; ⑤ fails with ExpiredToken; assume again fixes it', T, async () => {
  await withPage(env, { viewport: { width: 1366, height: 768 } }, async ({ page }) => {
    await openApp(page, env.server.url(`?preset=${PRESET}&lang=en`));
    assert.equal(await page.$(tid('token')), null, 'no credentials before the walk');

    // Walk to ④: STS issues the credentials.
    await stepUntil(page, async () => (await flowState(page, 4)) === 'allowed', '④ allowed');
    assert.equal((await position(page)).cursor, 4, '④ is the 4th frame');
    const first = await token(page);
    assert.ok(first, 'the token card is shown at ④');
    assert.equal(first.state, 'valid');
    assert.match(first.accessKey, /^ASIA[A-Z0-9]{16}$/, 'a temporary access key id');
    assert.equal(first.expiration, '2026-11-22T10:00:00Z', 'one hour after the scenario clock (09:00)');
    assert.equal(await page.getAttribute(tid('token-expiration'), 'datetime'), first.expiration);
    assert.match(await page.textContent(tid('clock')), /2026-11-22 09:00/);

    // The secret is hidden until revealed.
    assert.match(await page.textContent(tid('token-secret')), /^•+$/);
    await page.click(tid('token-reveal'));
    await page.waitForFunction((s) => !/^•+$/.test(document.querySelector(s).textContent), tid('token-secret'));
    assert.match(await page.textContent(tid('token-secret')), /^[A-Za-z0-9/+]{40}$/, 'a 40-character secret');

    // One hour later the credentials have expired.
    await page.click(tid('clock-advance'));
    await waitToken(page, 'expired');
    assert.match(await page.textContent(tid('clock')), /2026-11-22 10:00/, 'the clock moved one hour');
    // Beside them, user_A's long-term key (AKIA…): no session token, no
    // expiration, so the clock changed nothing about it.
    assert.match(await page.textContent(tid('long-term-access-key')), /^AKIA[A-Z2-7]{16}$/);
    assert.match(await page.textContent(tid('long-term-expiration')), /until someone rotates or deactivates it/);
    assert.equal((await token(page)).accessKey, first.accessKey, 'same credentials, now expired');

    // ⑤ with the expired credentials: ExpiredToken.
    await stepNext(page);
    const n = await narration(page);
    assert.equal(n.step, 1);
    assert.equal(n.outcome, 'error');
    assert.equal(n.errorCode, 'ExpiredToken');
    assert.equal(await flowState(page, 5), 'error');
    assert.match(await page.textContent(tid('reason-5')), /ExpiredToken|expired/i);
    // The scenario expected `allowed` here: the page says the learner's
    // clock move changed the ending, and the event list names the call.
    assert.match(await page.textContent(tid('diverged')), /error \(ExpiredToken\).*expects allowed/);
    assert.match(await page.textContent(tid('events')), /DescribeInstances[\s\S]*ExpiredToken/);
    await page.evaluate(() => scrollTo(0, 0));
    await screenshot(page, 'expired.png', { fullPage: false });

    // Assume the role again: fresh credentials, a later expiration.
    await page.click(tid('assume-again'));
    await waitToken(page, 'valid');
    const second = await token(page);
    assert.match(second.accessKey, /^ASIA[A-Z0-9]{16}$/);
    assert.notEqual(second.accessKey, first.accessKey, 'a new access key id');
    assert.ok(Date.parse(second.expiration) > Date.parse(first.expiration), `${second.expiration} is later than ${first.expiration}`);
    assert.equal(second.expiration, '2026-11-22T11:00:00Z', 'one hour after the new clock time');

    // The next call with the session uses the fresh credentials: the role's
    // policy decides again (s3 is an implicit deny, not ExpiredToken).
    await stepNext(page);
    const after = await narration(page);
    assert.equal(after.step, 2);
    assert.equal(after.outcome, 'implicitDeny', 'decided by the role policy with the new credentials');
    assert.notEqual(after.errorCode, 'ExpiredToken');
    assert.equal(await flowState(page, 5), 'denied');
  });
});
